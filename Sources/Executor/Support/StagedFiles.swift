import Core
import Model

/// `StageFiles` (Argo's `workflow/executor/executor.go`; docs/pod-contract.md, "init"): a script's source goes to
/// `/argo/staging/script` (0755); a resource template's manifest to `/tmp/manifest.yaml` (0644), written even
/// when empty (a `resource` step with only `flags` reads an empty manifest), unless the manifest comes from an
/// artifact. Init runs it for the other containers; `argoexec resource` runs it again in its own container.
public enum StagedFiles {
    public static func stage(_ template: Template, paths: PodPaths) throws(ExecError) {
        do {
            if let source = template.script?.source {
                try Directories.makeAll(PathRules.dir(paths.stagingScript), mode: 0o777)
                try write(paths.stagingScript, source, mode: 0o755)
            } else if let resource = template.resource, resource.manifestFrom?.artifact == nil {
                try Directories.makeAll(PathRules.dir(paths.resourceManifest), mode: 0o777)
                try write(paths.resourceManifest, resource.manifest ?? "", mode: 0o644)
            }
        } catch {
            throw ExecError(.internal, error.message, cause: error)
        }
    }

    static func write(_ path: String, _ text: String, mode: UInt32) throws(ExecError) {
        FileIO.removeIfPresent(path)
        try AtomicFile.write(path, text: text, mode: mode)
    }
}
