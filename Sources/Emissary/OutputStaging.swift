import Archive
import Core
import Logging
import ModelBase

/// What `main`'s emissary leaves for the wait container (Argo's `cmd/argoexec/commands/emissary.go`): a copy of each output
/// parameter file under `/var/run/argo/outputs/parameters<path>` and a tar.gz of each output artifact at
/// `/var/run/argo/outputs/artifacts<path>.tgz`. Paths inside user volumes are skipped (wait reads them
/// through `/mainctrfs`); missing paths are skipped with a warning (optional-ness is wait's call).
/// Deliberate difference: the tar.gz uses the artifact's requested compression level (Argo always uses
/// 6 here), so wait can upload it as is instead of recompressing.
public final class OutputStaging: Sendable {
    public let template: EmissaryTemplate
    public let paths: PodPaths
    public let logger: Logger

    public init(template: EmissaryTemplate, paths: PodPaths, logger: Logger = .disabled) {
        self.template = template
        self.paths = paths
        self.logger = logger
    }

    /// Stages everything; the first failure is returned.
    public func stage() throws(ExecError) {
        let old = FileCreationMask.clear()
        defer { FileCreationMask.restore(old) }
        for parameter in template.outputParameters {
            guard let path = parameter.path, !path.isEmpty, template.overlappingVolume(for: path) == nil else { continue }
            guard try FileIO.lstatIfExists(path) != nil else {
                logger.warning("cannot save parameter \(parameter.name): \(path) does not exist")
                continue
            }
            let target = paths.outputParameters + path
            try Directories.makeAll(PathRules.dir(target), mode: 0o755)
            FileIO.removeIfPresent(target)  // a containerSet retry stages again
            try FileCopy.copy(from: path, to: target)
        }
        for artifact in template.outputArtifacts {
            guard let raw = artifact.path, !raw.isEmpty else { continue }
            let path = PathRules.trimmingTrailingSlashes(raw)
            guard template.overlappingVolume(for: path) == nil else { continue }
            guard try FileIO.lstatIfExists(path) != nil else {
                logger.warning("cannot save artifact \(artifact.name): \(path) does not exist")
                continue
            }
            let target = paths.outputArtifacts + path + ".tgz"
            try Directories.makeAll(PathRules.dir(target), mode: 0o755)
            let level = artifact.tarLevel ?? -1
            do {
                try AtomicFile.write(target, mode: 0o666) { (sink) throws(ExecError) in
                    try Packer.tarGz(source: path, to: sink, level: level)
                }
            } catch {
                throw ExecError(error.code, "failed to tarball the output \(path) to \(target): \(error.message)", cause: error)
            }
        }
    }
}
