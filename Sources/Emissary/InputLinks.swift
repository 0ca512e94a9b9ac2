import Core
import Logging
import ModelBase

/// Init-less input staging in `main` (docs/supervisor.md; Argo's `stageInputArtifacts` in
/// `cmd/argoexec/commands/emissary.go`): the supervisor downloads each input to `/argo/inputs/artifacts/<name>`,
/// mounted whole in main, and the emissary puts a link at the artifact's path to it. Something already at
/// the path is removed first, unless that would reach into a user volume (the path, its parent links
/// resolved, lies in one or holds one): then staging is refused, since clearing it would destroy the volume.
/// The working directory is left for the duration (a link may replace it) and entered again afterwards.
public struct InputLinks: Sendable {
    public let template: EmissaryTemplate
    public let paths: PodPaths
    public let logger: Logger

    public init(template: EmissaryTemplate, paths: PodPaths, logger: Logger = .disabled) {
        self.template = template
        self.paths = paths
        self.logger = logger
    }

    public func stage() throws(ExecError) {
        let original: String
        do {
            original = try WorkingDirectory.current()
        } catch {
            throw ExecError(error.code, "failed to read working directory before staging input artifacts: \(error.message)", cause: error)
        }
        do {
            try WorkingDirectory.change(to: paths.varRunArgo)
        } catch {
            throw ExecError(error.code, "failed to leave working directory before staging input artifacts: \(error.message)", cause: error)
        }
        try linkAll()
        do {
            try WorkingDirectory.change(to: original)
        } catch {
            throw ExecError(error.code, "failed to re-enter working directory \"\(original)\" after staging input artifacts "
                + "(an input artifact staged at the workingDir path must be a directory): \(error.message)", cause: error)
        }
    }

    func linkAll() throws(ExecError) {
        // The executor's own volumes (the marker, the template, the inputs, the staged script), links resolved
        // once: they are never cleared to make room for a link, whatever the template says.
        let own = [paths.varRunArgo, paths.inputArtifacts, PathRules.dir(paths.stagingScript)].map {
            (path: $0, real: (try? WorkingDirectory.resolved($0)) ?? $0)
        }
        for artifact in template.inputArtifacts { try link(artifact, own: own) }
    }

    private func link(_ artifact: EmissaryTemplate.InputArtifact, own: [(path: String, real: String)]) throws(ExecError) {
        let name = artifact.name
        // The controller allows `[-a-zA-Z0-9_]+`; a name that is not one path component names nothing here.
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw ExecError(.badRequest, "input artifact name \"\(name)\" cannot be used as a file name")
        }
        let source = paths.inputArtifacts + "/" + name
        do {
            guard try FileIO.lstatIfExists(source) != nil else {
                logger.info("no input-artifacts entry for \(name) (optional, or delivered into a volume): not linked")
                return
            }
        } catch {
            throw ExecError(error.code, "failed to stat input artifact \"\(name)\" at \(source): \(error.message)", cause: error)
        }
        guard let raw = artifact.path, !raw.isEmpty else { return }
        let target = try Self.usablePath(raw, artifact: name)
        let parent = PathRules.dir(target)
        if parent != "/" && parent != "." {
            do {
                try Directories.makeAll(parent, mode: 0o755)
            } catch {
                throw ExecError(error.code, "failed to create parent directory for artifact \"\(name)\" at \(target): \(error.message)", cause: error)
            }
        }
        let directory = try parentDirectory(of: target, artifact: name)
        let leaf = RawPath(PathRules.base(target))
        let existing: FileInfo?
        do {
            existing = try directory.handle.info(leaf)
        } catch {
            throw ExecError(error.code, "failed to stat artifact path \"\(name)\" at \(target): \(error.message)", cause: error)
        }
        if existing != nil { try clear(leaf, in: directory, target: target, artifact: name, own: own) }
        do {
            try directory.handle.makeSymlink(leaf, target: RawPath(source))
        } catch {
            throw ExecError(error.code, "failed to symlink input artifact \"\(name)\" (\(target) -> \(source)): \(error.message)", cause: error)
        }
        logger.debug("linked input artifact \(name): \(target) -> \(source)")
    }

    /// The artifact's path, cleaned (a trailing `/` or `.` names the same place, as the legacy mount saw it;
    /// Argo's link fails on it, or its removal on `.`). The root, `.` and anything that climbs with `..` name
    /// no place for a link.
    static func usablePath(_ raw: String, artifact name: String) throws(ExecError) -> String {
        let path = PathRules.clean(raw)
        guard path != "/", path != ".", path != "..", !path.hasPrefix("../") else {
            throw ExecError(.badRequest, "input artifact \"\(name)\" cannot be staged at \(raw)")
        }
        return path
    }

    /// The artifact path's parent, its links resolved (where a removal would really land), opened once: the
    /// check, the removal and the new link all act on that directory.
    private func parentDirectory(of target: String, artifact name: String) throws(ExecError) -> (path: String, handle: DirectoryHandle) {
        do {
            let real = try WorkingDirectory.resolved(PathRules.dir(target))
            // O_PATH: Argo's symlink needs only write and search permission on the parent, not read.
            return (real, try DirectoryHandle.open(real, searchOnly: true))
        } catch {
            throw ExecError(error.code, "failed to resolve parent of artifact path \"\(name)\" at \(target): \(error.message)", cause: error)
        }
    }

    /// Removes what sits at the artifact's path, as the legacy per-artifact mount shadowed it, unless the
    /// removal would reach a user volume.
    private func clear(_ leaf: RawPath, in directory: (path: String, handle: DirectoryHandle), target: String, artifact name: String,
                       own: [(path: String, real: String)]) throws(ExecError) {
        let resolved = PathRules.join(directory.path, PathRules.base(target))
        if let volume = own.first(where: { PathRules.isSameOrAncestor(resolved, of: $0.real) }) {
            throw ExecError(.badRequest, "refusing to stage input artifact \"\(name)\" at \(target): it resolves to \(resolved), "
                + "which holds the executor's volume \(volume.path)")
        }
        if let mount = template.overlappingMount(for: resolved) {
            throw ExecError(.badRequest, "refusing to stage input artifact \"\(name)\" at \(target): it resolves to \(resolved) inside volume mount "
                + "\"\(mount.name)\" (\(mount.mountPath)), and clearing it would destroy the mounted volume; change the artifact path or volume mount so they do not overlap")
        }
        if let mount = template.mountNested(under: resolved) {
            throw ExecError(.badRequest, "refusing to stage input artifact \"\(name)\" at \(target): it resolves to \(resolved) which contains volume mount "
                + "\"\(mount.name)\" (\(mount.mountPath)), and clearing it would destroy the mounted volume; change the artifact path or volume mount so they do not overlap")
        }
        do {
            try directory.handle.removeTree(leaf, openingUp: false)
        } catch {
            throw ExecError(error.code, "failed to clear existing path for artifact \"\(name)\" at \(target): \(error.message)", cause: error)
        }
    }
}
