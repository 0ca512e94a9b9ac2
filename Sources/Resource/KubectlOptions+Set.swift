extension KubectlOptions {
    /// One parsed flag's effect, with kubectl's checks of the values it validates itself.
    mutating func set(_ name: String, _ value: String) throws(KubectlError) {
        switch name {
        case "filename": files.append(value)
        case "namespace": namespace = value
        case "output": output = value
        case "selector": selector = value
        case "field-selector": fieldSelector = value
        case "all-namespaces": allNamespaces = value == "true"
        case "all": all = value == "true"
        case "type":
            guard ["json", "merge", "strategic"].contains(value) else {
                throw KubectlError("--type must be one of [json merge strategic], not \"\(value)\"")
            }
            patchType = value
        case "patch": patch = value
        case "patch-file": patchFile = value
        case "ignore-not-found": ignoreNotFound = value == "true"
        case "validate":
            switch value.lowercased() {
            case "true", "strict": validate = "strict"
            case "false", "ignore": validate = "ignore"
            case "warn": validate = "warn"
            default:
                throw KubectlError("invalid - validate option \"\(value)\"; must be one of: strict (or true), warn, ignore (or false)")
            }
        case "dry-run":
            switch value {
            case "unset", "client", "true": dryRun = "client"
            case "server": dryRun = "server"
            case "none", "false": dryRun = "none"
            default: throw KubectlError("Invalid dry-run value (\(value)). Must be \"none\", \"server\", or \"client\".")
            }
        case "field-manager": fieldManager = value
        case "force-conflicts": forceConflicts = value == "true"
        case "server-side": serverSide = value == "true"
        case "cascade":
            switch value {
            case "background", "true": cascade = "background"
            case "foreground": cascade = "foreground"
            case "orphan", "false": cascade = "orphan"
            default:
                throw KubectlError("invalid cascade value (\(value)). Must be \"background\", \"foreground\", or \"orphan\"")
            }
        case "grace-period":
            guard let seconds = Int(value) else {
                throw KubectlError("invalid argument \"\(value)\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"\(value)\": invalid syntax")
            }
            gracePeriod = seconds
        case "now": if value == "true" { gracePeriod = 1 }
        case "wait": wait = value == "true"
        case "subresource": subresource = value
        default: break  // accepted, no effect here (docs/resource.md, "kubectl flags")
        }
    }
}
