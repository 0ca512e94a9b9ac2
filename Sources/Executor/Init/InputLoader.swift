import Archive
import Core
import Logging
import Drivers
import Model

/// Loads a template's input artifacts (Argo: `workflow/executor/executor.go` `loadArtifact`, `chmod`): in template order, the first
/// error aborts. A tar.gz streams from the store into the unpacker; a zip goes through an unlinked spool
/// file; a plain object is downloaded through a temporary name. `mode` / `recurseMode` are applied
/// afterwards. The destination is resolved below its place (`PodPlace`), so a link planted in a reused
/// volume cannot send a download anywhere else.
/// A class, not a struct: it holds a `Template`, whose value witnesses would otherwise be copied
/// into every containing type (tens of KiB each in the static binary).
public final class InputLoader: Sendable {
    public let template: Template
    public let paths: PodPaths
    public let context: StoreContext
    public let logger: Logger

    public init(template: Template, paths: PodPaths, context: StoreContext, logger: Logger = .disabled) {
        self.template = template
        self.paths = paths
        self.context = context
        self.logger = logger
    }

    public func loadAll() throws(ExecError) {
        for artifact in template.inputs?.artifacts ?? [] { try load(artifact) }
    }

    /// The same, up to `width` downloads at a time (the supervisor's pre-main): the first failure starts no
    /// further download and is the one thrown once those running have ended. In template order, one at a
    /// time, when one artifact's path lies at or below another's (a later one may land inside an earlier one).
    /// `stop` is asked before each download: once true, no further one starts (the SIGTERM error is thrown).
    public func loadAll(width: Int, stop: @escaping @Sendable () -> Bool = { false }) throws(ExecError) {
        let artifacts = template.inputs?.artifacts ?? []
        let paths = artifacts.compactMap(\.path).filter { !$0.isEmpty }
        let nested = paths.indices.contains { i in paths.indices.contains { j in i != j && PathRules.isSameOrAncestor(paths[i], of: paths[j]) } }
        let parallel = width > 1 && artifacts.count > 1 && !nested
        try ParallelWork.run(count: artifacts.count, width: parallel ? width : 1, label: "argoexec.inputs") { [self] (index) throws(ExecError) in
            if stop() { throw ExecError(.internal, "terminated (SIGTERM) before input artifact \(artifacts[index].name) was loaded") }
            try load(artifacts[index])
        }
    }

    /// Where an input lands: `/argo/inputs/artifacts/<name>`, or `/mainctrfs<path>` when the path lies in
    /// a user volume (main sees it through its own mount).
    func place(_ artifact: Artifact, path: String) throws(ExecError) -> PodPlace {
        if let volume = template.overlappingVolume(for: path) {
            return PodPlace.mainVolume(path, mountPath: volume.mountPath, paths: paths)
        }
        return PodPlace(anchor: paths.inputArtifacts, relative: try artifact.nameAsComponent(), symlinks: .refuse)
    }

    func load(_ artifact: Artifact) throws(ExecError) {
        guard artifact.location.isSupplied else {
            if artifact.isOptional { return logger.info("skipping optional input artifact \(artifact.name): not supplied") }
            throw ExecError(.notFound, "required artifact '\(artifact.name)' not supplied")
        }
        let path = try ExecError.model { () throws(ModelError) in try artifact.cleanedPath() }
        let relocated: Artifact
        do {
            relocated = try artifact.relocated(onto: template.archiveLocation)
        } catch {
            throw ExecError(.badRequest, "failed to load artifact '\(artifact.name)': \(error.message)")
        }
        if relocated.location.plugin != nil { return logger.info("input artifact \(artifact.name) is loaded by its plugin") }
        let store = try ArtifactStores.make(relocated, context: context)
        let place = try place(artifact, path: path)
        try Directories.makeAll(place.anchor, mode: 0o700)
        let target = try place.destination(createParents: 0o700)
        logger.info("loading input artifact \(artifact.name) to \(place.label)")
        var skipped: [String] = []
        do {
            switch artifact.archive?.kind {
            case .none?: try store.load(to: target)
            case .zip?: skipped = try StreamedUnpack.zip(from: store, to: target)
            case .tar?: skipped = try StreamedUnpack.tarGz(from: store, label: "input artifact \(artifact.name)", to: target)
            case nil:
                // No strategy: Argo's detection (a gzip whose start is a tar header); zip is never guessed.
                if relocated.location.raw != nil {
                    try store.load(to: target)
                } else {
                    skipped = try StreamedUnpack.auto(from: store, label: "input artifact \(artifact.name)", to: target, detectZip: false)
                }
            }
        } catch where error.code == .notFound && artifact.isOptional {
            return logger.info("skipping optional input artifact \(artifact.name): \(error.message)")
        } catch {
            throw ExecError(error.code, "artifact \(artifact.name) failed to load: \(error.message)", cause: error, context: error.context)
        }
        if !skipped.isEmpty {
            logger.warning("input artifact \(artifact.name): skipped entries (hard links and special files are not extracted, as in Argo): \(skipped.joined(separator: ", "))")
        }
        if let mode = artifact.mode {
            try FileModes.apply(UInt32(bitPattern: mode), to: target, recursive: artifact.recurseMode ?? false)
        }
    }
}
