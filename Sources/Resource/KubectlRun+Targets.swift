import Model

extension KubectlRun {
    /// The objects of every `-f` file, mapped through discovery, with kubectl's namespace rules: the
    /// manifest's namespace, else `-n`, else the default; `-n` that contradicts the manifest is an error.
    func fileTargets(_ options: KubectlOptions) throws(KubectlError) -> [KubectlTarget] {
        var targets: [KubectlTarget] = []
        for file in options.files {
            for object in try ManifestObjects.read(file) {
                let kind = object["kind"]?.stringValue ?? ""
                let apiVersion = object["apiVersion"]?.stringValue ?? ""
                let name = object["metadata"]?["name"]?.stringValue ?? ""
                let declared = object["metadata"]?["namespace"]?.stringValue ?? ""
                guard let resource = try discovery.resource(kind: kind, apiVersion: apiVersion) else {
                    throw KubectlError("error: resource mapping not found for name: \"\(name)\" namespace: \"\(declared)\" from "
                        + "\"\(file)\": no matches for kind \"\(kind)\" in version \"\(apiVersion)\"\nensure CRDs are installed first")
                }
                var namespace: String?
                if resource.namespaced {
                    if let flag = options.namespace, !flag.isEmpty, !declared.isEmpty, flag != declared {
                        throw KubectlError("error: the namespace from the provided object \"\(declared)\" does not match the namespace "
                            + "\"\(flag)\". You must pass '--namespace=\(declared)' to perform this operation.")
                    }
                    namespace = declared.isEmpty ? (options.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace) : declared
                    try KubePath.check(namespace ?? "", what: "namespace")
                }
                if !name.isEmpty { try KubePath.check(name) }
                targets.append(KubectlTarget(resource: resource, namespace: namespace, name: name, object: object, source: file))
            }
        }
        return targets
    }

    /// Targets from `-f` files or from arguments (`TYPE NAME...`, `TYPE/NAME...`, `TYPE -l SELECTOR`, `TYPE --all`);
    /// a target with an empty name stands for the selected collection. `single` is kubectl's "one item
    /// implied" (one object named), which prints the object rather than a `List`.
    func targetsOrLists(_ options: KubectlOptions, listsAllowed: Bool = true) throws(KubectlError) -> ([KubectlTarget], Bool) {
        if !options.files.isEmpty {
            guard options.positional.isEmpty else {
                throw KubectlError("error: when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well")
            }
            let targets = try fileTargets(options)
            return (targets, targets.count == 1)
        }
        guard let first = options.positional.first else {
            throw KubectlError("error: You must provide one or more resources by argument or filename.")
        }
        let namespace = options.allNamespaces ? nil : (options.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace)
        func target(_ type: String, _ name: String) throws(KubectlError) -> KubectlTarget {
            let resource = try discovery.resource(type: type)
            if !name.isEmpty { try KubePath.check(name) }
            if let namespace, resource.namespaced { try KubePath.check(namespace, what: "namespace") }
            return KubectlTarget(resource: resource, namespace: resource.namespaced ? namespace : nil, name: name)
        }
        if options.positional.contains(where: { $0.contains("/") }) {
            var targets: [KubectlTarget] = []
            for argument in options.positional {
                let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw KubectlError("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
                }
                targets.append(try target(parts[0], parts[1]))
            }
            return (targets, targets.count == 1)
        }
        let types = first.split(separator: ",").map(String.init)
        let names = Array(options.positional.dropFirst())
        if names.isEmpty {
            guard listsAllowed else { throw KubectlError("error: resource(s) were provided, but no name was specified") }
            if options.action == "delete" && options.selector == nil && options.fieldSelector == nil && !options.all {
                throw KubectlError("error: resource(s) were provided, but no name was specified")
            }
            var targets: [KubectlTarget] = []
            for type in types { targets.append(try target(type, "")) }
            return (targets, false)
        }
        var targets: [KubectlTarget] = []
        for type in types { for name in names { targets.append(try target(type, name)) } }
        return (targets, targets.count == 1)
    }
}
