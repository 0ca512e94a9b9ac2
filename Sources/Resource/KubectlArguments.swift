import Core
import Model
import YAML

/// Argo's `getKubectlArguments` (`workflow/executor/resource.go`): the kubectl command line of a resource step.
/// `delete` adds `--ignore-not-found` and prints names; every other action prints JSON. A patch reads its
/// patch from the manifest (`--patch-file`) and targets `-f manifest` unless it is a JSON patch, or `flags` name
/// the object and the manifest has no `kind`.
public enum KubectlArguments {
    public static func build(action: String, manifestPath: String, flags: [String], mergeStrategy: String?) throws(ExecError) -> [String] {
        let manifest: [UInt8]
        do {
            manifest = try FileIO.readAll(manifestPath, limit: ManifestObjects.maxBytes)
        } catch {
            throw ExecError(.badRequest, error.description)
        }
        if manifest.isEmpty && flags.isEmpty {
            throw ExecError(.badRequest, "Must provide at least one of flags or manifest.")
        }
        var arguments = ["kubectl", action]
        var output = "json"
        if action == "delete" {
            arguments.append("--ignore-not-found")
            output = "name"
        }
        var appendFile = true
        if action == "patch" {
            let strategy = mergeStrategy.flatMap { $0.isEmpty ? nil : $0 } ?? "strategic"
            arguments += ["--type", strategy, "--patch-file", manifestPath]
            if strategy == "json" {
                appendFile = false
            } else {
                let document: JSONValue
                do {
                    document = try YAMLDocuments.parseOne(manifest)
                } catch {
                    throw ExecError(.badRequest, error.message)
                }
                if !flags.isEmpty && (document["kind"] == nil || document["kind"] == .null) { appendFile = false }
            }
        }
        arguments += flags
        if !manifest.isEmpty && appendFile { arguments += ["-f", manifestPath] }
        arguments += ["-o", output]
        return arguments
    }
}
