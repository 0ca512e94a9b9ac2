/// The kubectl command line Argo builds for a resource step (`kubectl ACTION [flags...] [-f M] -o FORMAT`,
/// Argo's `workflow/executor/resource.go` `getKubectlArguments`), parsed the way kubectl's pflag/cobra parse it:
/// `--flag=value`, `--flag value`, `-n value`, `-nvalue`, boolean flags bare or `=true|false`, `--` ends flags,
/// the last occurrence of a single-valued flag wins. The flags kubectl's get, create, apply, replace, patch and
/// delete commands take are accepted; those that change nothing here are accepted and ignored (docs/resource.md);
/// an unknown flag is cobra's `unknown flag: --x`.
public struct KubectlOptions: Sendable, Equatable {
    public var action: String
    public var positional: [String] = []
    public var files: [String] = []
    public var namespace: String?
    public var selector: String?
    public var fieldSelector: String?
    public var allNamespaces = false
    public var all = false
    public var output = ""
    public var patchType = "strategic"
    public var patch: String?
    public var patchFile: String?
    public var ignoreNotFound = false
    public var validate = "strict"
    public var dryRun = "none"
    public var fieldManager: String?
    public var forceConflicts = false
    public var serverSide = false
    public var cascade = "background"
    public var gracePeriod: Int?
    public var wait: Bool?
    public var subresource: String?

    enum Kind { case bool, value }

    /// Flags by long name, with their shorthand and whether they take a value.
    static let flags: [String: (short: Character?, kind: Kind)] = [
        "filename": ("f", .value), "namespace": ("n", .value), "output": ("o", .value), "selector": ("l", .value),
        "field-selector": (nil, .value), "all-namespaces": ("A", .bool), "all": (nil, .bool), "recursive": ("R", .bool),
        "type": (nil, .value), "patch": ("p", .value), "patch-file": (nil, .value), "ignore-not-found": (nil, .bool),
        "validate": (nil, .value), "dry-run": (nil, .value), "field-manager": (nil, .value), "server-side": (nil, .bool),
        "force-conflicts": (nil, .bool), "cascade": (nil, .value), "grace-period": (nil, .value), "now": (nil, .bool),
        "force": (nil, .bool), "wait": (nil, .bool), "timeout": (nil, .value), "subresource": (nil, .value),
        "save-config": (nil, .bool), "record": (nil, .bool), "overwrite": (nil, .bool), "show-managed-fields": (nil, .bool),
        "allow-missing-template-keys": (nil, .bool), "template": (nil, .value), "raw": (nil, .value),
        "windows-line-endings": (nil, .bool), "chunk-size": (nil, .value), "request-timeout": (nil, .value),
        "local": (nil, .bool), "show-kind": (nil, .bool), "show-labels": (nil, .bool), "no-headers": (nil, .bool),
        "sort-by": (nil, .value), "label-columns": ("L", .value), "output-watch-events": (nil, .bool),
    ]
    /// Flags whose value is optional (pflag's `NoOptDefVal`): `--validate` means strict, `--dry-run` client.
    static let optionalValue: [String: String] = ["validate": "strict", "dry-run": "unset", "cascade": "background"]

    public init(action: String) { self.action = action }

    /// `arguments` is everything after `kubectl ACTION`.
    public static func parse(action: String, _ arguments: [String]) throws(KubectlError) -> KubectlOptions {
        var options = KubectlOptions(action: action)
        var index = 0
        func value(_ name: String, inline: String?) throws(KubectlError) -> String {
            if let inline { return inline }
            if let implied = optionalValue[name] { return implied }
            index += 1
            guard index < arguments.count else { throw KubectlError("flag needs an argument: --\(name)") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                options.positional += arguments[(index + 1)...]
                break
            }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let flag = flags[name] else { throw KubectlError("unknown flag: --\(name)") }
                try options.set(name, flag.kind == .bool ? try boolValue(name, inline) : try value(name, inline: inline))
            } else if argument.hasPrefix("-"), argument.count > 1 {
                let letter = argument[argument.index(after: argument.startIndex)]
                guard let (name, flag) = flags.first(where: { $0.value.short == letter }) else {
                    throw KubectlError("unknown shorthand flag: '\(letter)' in \(argument)")
                }
                var rest = String(argument.dropFirst(2))
                if rest.hasPrefix("=") { rest.removeFirst() }
                if flag.kind == .bool {
                    try options.set(name, try boolValue(name, rest.isEmpty ? nil : rest))
                } else {
                    try options.set(name, rest.isEmpty ? try value(name, inline: nil) : rest)
                }
            } else {
                options.positional.append(argument)
            }
            index += 1
        }
        return options
    }

    static func boolValue(_ name: String, _ inline: String?) throws(KubectlError) -> String {
        guard let inline else { return "true" }
        switch inline {  // strconv.ParseBool
        case "1", "t", "T", "TRUE", "true", "True": return "true"
        case "0", "f", "F", "FALSE", "false", "False": return "false"
        default: throw KubectlError("invalid argument \"\(inline)\" for \"--\(name)\" flag: strconv.ParseBool: parsing \"\(inline)\": invalid syntax")
        }
    }
}
