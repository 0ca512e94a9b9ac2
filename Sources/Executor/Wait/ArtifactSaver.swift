import Archive
import Core
import Logging
import Drivers
import Model
import Synchronization

/// `SaveArtifacts` (Argo's `workflow/executor/executor.go`): every output artifact staged by its strategy and uploaded,
/// several at once, none stopping the others; errors are joined with "; " as Argo reports them.
/// Streaming where possible: a base-image tar.gz staged by the emissary is uploaded as is (no copy), and
/// artifacts read through `/mainctrfs` are packed straight into the upload (no staging file).
/// A class, not a struct: it holds a `Template`, whose value witnesses would otherwise be copied
/// into every containing type (tens of KiB each in the static binary).
public final class ArtifactSaver: Sendable {
    public let template: Template
    public let paths: PodPaths
    public let context: StoreContext
    /// Artifacts saved at once.
    public let width: Int
    public let logger: Logger

    public static let noRepository = "artifact storage is not configured; see the docs for setup instructions: "
        + "https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/"

    public init(template: Template, paths: PodPaths, context: StoreContext, width: Int = 4, logger: Logger = .disabled) {
        self.template = template
        self.paths = paths
        self.context = context
        self.width = width
        self.logger = logger
    }

    /// Staged tar.gz files (outside user volumes) and how many artifacts still have to read each: the last one
    /// to finish removes it, so a 1 GiB output does not hold 1 GiB of the pod's emptyDir until the pod dies (Argo
    /// keeps it; docs/differences.md). Two artifacts with the same path share one staged file.
    private let stagedReaders = Mutex<[String: Int]>([:])

    /// The saved artifacts as reported (skipped optional ones left out) and the joined error, if any.
    public func saveAll() -> ([Artifact], ExecError?) {
        let artifacts = template.outputs?.artifacts ?? []
        guard !artifacts.isEmpty else { return ([], nil) }
        stagedReaders.withLock { readers in
            for artifact in artifacts {
                guard let path = try? artifact.cleanedPath(), template.overlappingVolume(for: path) == nil else { continue }
                readers[path, default: 0] += 1
            }
        }
        let results = Mutex<[Result<Artifact?, ExecError>?]>(Array(repeating: nil, count: artifacts.count))
        let queue = BoundedWorkQueue(width: width, label: "argoexec.wait.artifacts")
        for (index, artifact) in artifacts.enumerated() {
            queue.submit { [self] () throws(ExecError) in
                do throws(ExecError) {
                    let saved = try save(artifact)
                    results.withLock { $0[index] = .success(saved) }
                } catch {
                    results.withLock { $0[index] = .failure(error) }
                }
            }
        }
        try? queue.wait()
        var saved: [Artifact] = []
        var messages = ""
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let artifact?): saved.append(artifact)
            case .success(nil), nil: break
            case .failure(let error): messages += error.description + "; "
            }
        }
        return (saved, messages.isEmpty ? nil : ExecError(.internal, messages))
    }

    /// One artifact; nil when it is optional and absent.
    func save(_ artifact: Artifact) throws(ExecError) -> Artifact? {
        let path = try ExecError.model { () throws(ModelError) in try artifact.cleanedPath() }
        // Argo's CleanPath rewrites the artifact's path: the reported artifact carries the clean one ("/tmp").
        var artifact = artifact
        artifact.path = path
        defer { release(path) }
        do {
            return try upload(artifact, path: path)
        } catch where error.code == .notFound && artifact.isOptional {
            logger.info("skipping optional output artifact \(artifact.name): \(error.message)")
            return nil
        }
    }

    private func upload(_ artifact: Artifact, path: String) throws(ExecError) -> Artifact {
        let kind = artifact.archive?.kind ?? .tar(level: nil)
        let name = try artifact.nameAsComponent()
        let volume = template.overlappingVolume(for: path)
        let place = volume.map { PodPlace.mainVolume(path, mountPath: $0.mountPath, paths: paths) } ?? PodPlace.stagedArtifact(path, paths: paths)
        // Opened once, below its place: what main left there can no longer change into a link to wait's files.
        let source: LocalSource
        do {
            source = try place.open()
        } catch where error.code == .notFound {
            throw ExecError(.notFound, volume != nil ? "\(path) no such file or directory" : "open \(place.label): no such file or directory")
        }
        let fileName: String
        switch kind {
        case .tar: fileName = name + ".tgz"
        case .zip: fileName = name + ".zip"
        case .none: fileName = PathRules.base(path)
        }
        let (reported, store) = try destination(artifact, fileName: fileName)
        logger.info("saving output artifact \(artifact.name) from \(place.label)")
        switch (kind, volume != nil) {
        case (.tar(let level), true):
            try store.saveStream { (sink) throws(ExecError) in try Packer.tarGz(source: source, to: sink, level: Int(level ?? -1)) }
        case (.zip, true):
            try store.saveStream { (sink) throws(ExecError) in try Packer.zip(source: source, to: sink) }
        case (.none, true), (.tar, false):
            try store.save(source)
        case (.none, false), (.zip, false):
            // Unpack the emissary's tar.gz into wait's own staging, then upload the tree/file (none) or its
            // zip (streamed).
            guard case .file(let archive, _) = source.node else {
                throw ExecError(.badRequest, "\(place.label) is not a regular file")
            }
            try Directories.makeAll(paths.stagingArtifacts, mode: 0o755)
            let unpacked = try Destination.path(paths.stagingArtifacts + "/" + name)
            try unpacked.removeTree()
            defer { try? unpacked.removeTree() }
            try Unpacker.extractTarGz(fd: archive.raw, label: place.label, to: unpacked)
            let staged = try LocalSource.open(unpacked.label)
            if case .zip = kind {
                try store.saveStream { (sink) throws(ExecError) in try Packer.zip(source: staged, to: sink) }
            } else {
                try store.save(staged)
            }
        }
        return reported
    }

    /// One reader of `path`'s staged file is done; the last one removes the file.
    private func release(_ path: String) {
        let last = stagedReaders.withLock { readers -> Bool in
            guard let count = readers[path] else { return false }
            readers[path] = count > 1 ? count - 1 : nil
            return count == 1
        }
        if last { try? PodPlace.stagedArtifact(path, paths: paths).destination().removeTree() }
    }

    /// The reported artifact (key filled in from the archive location when it had none) and its store.
    private func destination(_ artifact: Artifact, fileName: String) throws(ExecError) -> (Artifact, any ArtifactStore) {
        var reported = artifact
        if !artifact.location.hasKey {
            guard let archive = template.archiveLocation, archive.kind != nil else {
                throw ExecError(.badRequest, Self.noRepository)
            }
            do {
                reported.location = try archive.keyOnly(appending: fileName)
            } catch {
                throw ExecError(.badRequest, "artifact \(artifact.name): \(error.message)")
            }
        }
        let relocated: Artifact
        do {
            relocated = try reported.relocated(onto: template.archiveLocation)
        } catch {
            throw ExecError(.badRequest, "artifact \(artifact.name): \(error.message)")
        }
        return (reported, try ArtifactStores.make(relocated, context: context))
    }
}
