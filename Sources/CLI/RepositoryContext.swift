import Core
import Drivers
import Kube
import Logging
import Model
import Signing
import YAML

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the repository-backed debugging commands share: the repository file (one value of the
/// `artifact-repositories` ConfigMap), secrets from `--secrets-dir`, and its stores, built by
/// `ArtifactStores` exactly as pods build theirs (same drivers, `EXECUTOR_RETRY_BACKOFF_*`, tuning).
struct RepositoryContext {
    enum Backend {
        case s3(S3Driver)
        case oss(OSSDriver)
        case gcs(GCSDriver)
        case azure(AzureDriver)
        case volume(VolumeRepository)
        /// Artifactory: objects are `<repoURL>/<key>`; no listing or deletion (as in Argo).
        case artifactory(ArtifactoryRepository)
        /// A git location (a file `git: {repo: ...}`): `artifact get` clones it, the key is the revision.
        case git
    }

    let backend: Backend
    let context: StoreContext
    /// The repository as an archive location (key unset): stores are this location with a key.
    let location: ArtifactLocation

    init(options: ArtifactCommand.RepositoryOptions, global: GlobalOptions, config: ExecutorConfig, logger: Logger) throws(ExecError) {
        let repository = try Self.load(options.repo)
        // Secrets missing under --secrets-dir are read through the API when a cluster is configured.
        let kube = try? KubeContext.config(global.kube, executor: config)
        let secrets = PodSecrets(files: SecretFiles(directory: options.secretsDir), api: kube.map(KubeClient.init), namespace: kube?.namespace)
        context = StoreContext(config: config, secrets: secrets, logger: logger)
        var location = ArtifactLocation()
        if let s3 = repository.s3 {
            location.s3 = s3.location
            backend = .s3(try ArtifactStores.s3Driver(s3.location, context: context))
        } else if let oss = repository.oss {
            location.oss = oss.location
            backend = .oss(try ArtifactStores.ossDriver(oss.location, context: context))
        } else if let gcs = repository.gcs {
            location.gcs = gcs.location
            backend = .gcs(try ArtifactStores.gcsDriver(gcs.location, context: context))
        } else if let azure = repository.azure {
            location.azure = azure.location
            backend = .azure(try ArtifactStores.azureDriver(azure.location, context: context))
        } else if let volume = repository.volume {
            location.volume = volume.location
            backend = .volume(VolumeRepository(root: try volumeRoot(volume.location, context: context)))
        } else if let artifactory = repository.artifactory {
            guard let url = artifactory.repoURL, !url.isEmpty else { throw ExecError(.badRequest, "\(options.repo): artifactory needs a repoURL") }
            backend = .artifactory(artifactory)
        } else if let git = Self.gitLocation(options.repo) {
            location.git = git
            backend = .git
        } else {
            throw ExecError(.notImplemented, "\(options.repo): only s3, oss, gcs, azure, volume and artifactory repositories (and git locations, for get) are supported by these commands")
        }
        self.location = location
    }

    /// The store for one key of this repository, from the same factory pods use.
    func store(key: String) throws(ExecError) -> any ArtifactStore {
        var artifact = Artifact(name: key, location: location)
        if case .artifactory(let repository) = backend {
            artifact.location.artifactory = Self.artifact(repository, key: key)
        } else if case .git = backend {
            if !key.isEmpty { artifact.location.git?.revision = key }
        } else {
            try ExecError.model { () throws(ModelError) in try artifact.location.setKey(key) }
        }
        return try ArtifactStores.make(artifact, context: context)
    }

    static func artifact(_ repository: ArtifactoryRepository, key: String) -> ArtifactoryArtifact {
        var artifact = ArtifactoryArtifact(url: PathRules.trimmingTrailingSlashes(repository.repoURL ?? "") + "/" + key)
        artifact.usernameSecret = repository.usernameSecret
        artifact.passwordSecret = repository.passwordSecret
        return artifact
    }

    func list(prefix: String) throws(ExecError) -> [(key: String, size: Int64)] {
        switch backend {
        case .s3(let driver): try driver.list(prefix: prefix).map { ($0.key, $0.size) }
        case .oss(let driver): try driver.list(prefix: prefix).map { ($0.key, $0.size) }
        case .gcs(let driver): try driver.list(prefix: prefix).map { ($0.name, $0.size) }
        case .azure(let driver): try driver.list(prefix: prefix).map { ($0.name, $0.size) }
        case .volume(let repository): try repository.list(prefix: prefix)
        case .artifactory: throw ExecError(.badRequest, "artifactory repositories cannot be listed (Argo's driver cannot either)")
        case .git: throw ExecError(.badRequest, "git locations cannot be listed")
        }
    }

    /// Deletes `key`; for S3 a key ending in `/` deletes the prefix, for a volume a directory key its tree,
    /// for OSS too (Argo deletes only the one object there: docs/differences.md).
    func delete(key: String) throws(ExecError) {
        switch backend {
        case .s3(let driver): try driver.delete(key: key)
        case .oss(let driver): try driver.delete(key: key)
        case .gcs(let driver): try driver.delete(key: key)
        case .azure(let driver): try driver.delete(key: key)
        case .volume(let repository): try repository.delete(key: key)
        case .artifactory: throw ExecError(.badRequest, "artifactory artifacts cannot be deleted (Argo's driver cannot either)")
        case .git: throw deleteNotSupported
        }
    }

    /// Reads the repository file, JSON or YAML (the form kept in the `artifact-repositories` ConfigMap).
    static func load(_ path: String) throws(ExecError) -> ArtifactRepository {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readAll(path, limit: 1 << 20)
        } catch {
            throw ExecError(error.code, "cannot read repository file \(path): \(error.message)", cause: error)
        }
        let looksJSON = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
        do {
            var data = Data(bytes)
            if !looksJSON {
                do {
                    data = try JSONEncoder().encode(try YAMLDocuments.parseOne(bytes))
                } catch let error as ModelError {
                    throw ExecError(.badRequest, "repository file \(path) is not valid YAML: \(error.message)")
                }
            }
            return try JSONDecoder().decode(ArtifactRepository.self, from: data)
        } catch let error as ExecError {
            throw error
        } catch {
            throw ExecError(.badRequest, "repository file \(path) is not a valid artifact repository", cause: SendableErrorText(error))
        }
    }
}

extension RepositoryContext {
    /// A file whose top level is a git location (`git: {repo: ..., revision: ...}`, JSON or YAML), or nil.
    static func gitLocation(_ path: String) -> GitArtifact? {
        struct File: Decodable { var git: GitArtifact? }
        guard let bytes = try? FileIO.readAll(path, limit: 1 << 20) else { return nil }
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            return (try? JSONDecoder().decode(File.self, from: Data(bytes)))?.git
        }
        guard let value = try? YAMLDocuments.parseOne(bytes),
              let data = try? JSONEncoder().encode(value) else { return nil }
        return (try? JSONDecoder().decode(File.self, from: data))?.git
    }
}
