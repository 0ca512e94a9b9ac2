import Core
import Logging
import Model

/// One artifact location with its driver (Argo's `workflow/artifacts/common/common.go`, the driver contract): what the executor's
/// init and wait phases call, whatever the backend. Streams where the backend allows.
public protocol ArtifactStore: Sendable {
    /// Downloads the object (or, for a key that is a prefix, the tree) to `destination`, which appears
    /// complete or not at all.
    func load(to destination: Destination) throws(ExecError)
    /// Streams the object into `sink` (a pipe into the unpacker); the sink is not finished here.
    func stream(into sink: any ByteSink) throws(ExecError)
    /// The first bytes of the object (format sniffing).
    func peek(_ count: Int) throws(ExecError) -> [UInt8]
    /// Uploads a file or a directory tree, opened beforehand.
    func save(_ source: LocalSource) throws(ExecError)
    /// Uploads what `produce` writes, without a temporary file.
    func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError)
    /// Deletes the artifact (artifact GC); one that is already gone counts as deleted. A key ending in `/` is
    /// a prefix: every object under it goes.
    func delete() throws(ExecError)
    /// Argo's `ListObjects` (a data template's `source.artifactPaths`): the keys of the objects at this location,
    /// listed as the backend's Argo driver lists them.
    func listObjects() throws(ExecError) -> [String]
}

/// What Argo's drivers without a listing answer (`workflow/artifacts/http/http.go`, `git/git.go` `ListObjects`).
public let listNotSupported = ExecError(.notImplemented, "ListObjects is currently not supported for this artifact type, "
    + "but it will be in a future version")

/// Argo's `common.ErrDeleteNotSupported` (`workflow/artifacts/common/common.go`): what drivers without deletion answer.
public let deleteNotSupported = ExecError(.notImplemented, "delete not supported for this artifact storage, please check "
    + "the following issue for details: https://github.com/argoproj/argo-workflows/issues/3102")

/// What building a store needs besides the location: secrets, the AWS environment, tuning.
public struct StoreContext: Sendable {
    public var secrets: any SecretResolver
    public var aws: AWSEnvironment
    public var alibaba = AlibabaEnvironment()
    public var gcs = GCSEnvironment()
    public var azure = AzureEnvironment()
    /// `ARGO_TRACE=1` (OSS turns on bucket logging, as Argo does).
    public var trace = false
    public var s3PartSizeMiB: Int?
    public var s3Concurrency: Int
    public var retry: Backoff
    /// Where the controller mounts a volume repository's claim for the executor (`/argo/repo/<claimName>`).
    public var volumeMountRoot = "/argo/repo"
    /// Where git clones check SSH host keys and which CAs they trust (docs/artifacts.md#git).
    public var git = GitSettings()
    /// Drivers already built for this run's locations (shared by every copy of this context).
    public let drivers = DriverCache()

    public init(secrets: any SecretResolver, aws: AWSEnvironment = AWSEnvironment(), s3PartSizeMiB: Int? = nil,
                s3Concurrency: Int = 4, retry: Backoff = .executorDefault) {
        self.secrets = secrets
        self.aws = aws
        self.s3PartSizeMiB = s3PartSizeMiB
        self.s3Concurrency = s3Concurrency
        self.retry = retry
    }
}

/// The one way from a location to a store, for pods and the debugging tools alike (Argo's
/// `workflow/artifacts/artifacts.go` `NewDriver`): the same drivers, retries and tuning whoever asks.
public enum ArtifactStores {
    /// The store for an artifact whose location is already relocated onto the archive location.
    public static func make(_ artifact: Artifact, context: StoreContext) throws(ExecError) -> any ArtifactStore {
        switch artifact.location.backend {
        case .s3(let s3)?:
            return S3Store(driver: try s3Driver(s3, context: context), key: s3.key ?? "")
        case .oss(let oss)?:
            return OSSStore(driver: try ossDriver(oss, context: context), key: oss.key ?? "")
        case .gcs(let gcs)?:
            return GCSStore(driver: try gcsDriver(gcs, context: context), key: gcs.key ?? "")
        case .azure(let azure)?:
            return AzureStore(driver: try azureDriver(azure, context: context), key: azure.blob ?? "")
        case .raw(let raw)?:
            return RawStore(data: raw.data)
        case .http(let http)?:
            return try HTTPStore(http, secrets: context.secrets)
        case .artifactory(let artifactory)?:
            return try HTTPStore(artifactory, secrets: context.secrets)
        case .volume(let volume)?:
            return try VolumeStore(root: volumeRoot(volume, context: context), key: volume.key ?? "",
                                   fileMode: volume.fileMode.map { UInt32(bitPattern: $0) & 0o777 } ?? 0o644)
        case .git(let git)?:
            return try GitStore(git, secrets: context.secrets, settings: context.git, logger: context.retry.logger)
        case .hdfs?, .plugin?, nil:
            throw ExecError(.badRequest, "Unsupported artifact driver for \(artifact.name)")
        }
    }

    /// The S3 driver for a location, built once per distinct location (`DriverCache`).
    public static func s3Driver(_ s3: S3Artifact, context: StoreContext) throws(ExecError) -> S3Driver {
        try context.drivers.s3Driver(s3) { () throws(ExecError) in
            var driver = try S3Driver(location: s3, secrets: context.secrets, environment: context.aws,
                                      partSizeMiB: context.s3PartSizeMiB, concurrency: context.s3Concurrency)
            driver.retry = context.retry
            if let logger = context.retry.logger { driver.client.config.credentials.attach(logger) }
            return driver
        }
    }

    /// The OSS driver for a location, built once per distinct location.
    public static func ossDriver(_ oss: OSSArtifact, context: StoreContext) throws(ExecError) -> OSSDriver {
        try context.drivers.ossDriver(oss) { () throws(ExecError) in
            var driver = try OSSDriver(location: oss, secrets: context.secrets, environment: context.alibaba, trace: context.trace,
                                       partSizeMiB: context.s3PartSizeMiB, concurrency: context.s3Concurrency)
            driver.retry = context.retry
            if let logger = context.retry.logger { driver.client.config.credentials.attach(logger) }
            return driver
        }
    }
}

extension ArtifactStores {
    /// The GCS driver for a location, built once per distinct location. Its retries stay Argo's GCS policy
    /// (`workflow/artifacts/gcs/gcs.go` `defaultRetry`), not the executor's.
    public static func gcsDriver(_ gcs: GCSArtifact, context: StoreContext) throws(ExecError) -> GCSDriver {
        try context.drivers.gcsDriver(gcs) { () throws(ExecError) in
            var driver = try GCSDriver(location: gcs, secrets: context.secrets, environment: context.gcs,
                                       partSizeMiB: context.s3PartSizeMiB, concurrency: context.s3Concurrency)
            driver.retry.logger = context.retry.logger
            if let logger = context.retry.logger { driver.client.config.credentials.attach(logger) }
            return driver
        }
    }

    /// The Azure driver for a location, built once per distinct location, with the executor's retries.
    public static func azureDriver(_ azure: AzureArtifact, context: StoreContext) throws(ExecError) -> AzureDriver {
        try context.drivers.azureDriver(azure) { () throws(ExecError) in
            var driver = try AzureDriver(location: azure, secrets: context.secrets, environment: context.azure,
                                         partSizeMiB: context.s3PartSizeMiB, concurrency: context.s3Concurrency)
            driver.retry = context.retry
            if let logger = context.retry.logger { driver.client.config.credentials.attach(logger) }
            return driver
        }
    }
}

/// The directory a volume location's keys live in: its `path`, or the claim's mount under the executor's
/// repository root, plus `subPath`.
public func volumeRoot(_ volume: VolumeArtifact, context: StoreContext) throws(ExecError) -> String {
    var root: String
    if let path = volume.path, !path.isEmpty {
        root = path
    } else if let claim = volume.claimName, !claim.isEmpty {
        root = context.volumeMountRoot + "/" + claim
    } else {
        throw ExecError(.badRequest, "volume location needs a path or a claimName")
    }
    if let sub = volume.subPath, !sub.isEmpty { root += "/" + sub }
    return root
}

/// A driver whose operations take the object key (S3, OSS): one `KeyedStore` adapts any of them.
public protocol KeyedArtifactDriver: Sendable {
    func load(key: String, to destination: Destination) throws(ExecError)
    func stream(key: String, into sink: any ByteSink) throws(ExecError)
    func peek(key: String, count: Int) throws(ExecError) -> [UInt8]
    func save(_ source: LocalSource, key: String) throws(ExecError)
    func saveStream(key: String, _ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError)
    func delete(key: String) throws(ExecError)
    func listObjects(key: String) throws(ExecError) -> [String]
}

extension S3Driver: KeyedArtifactDriver {}
extension OSSDriver: KeyedArtifactDriver {}

/// One key (an object or a prefix) of a keyed driver as an `ArtifactStore`.
public struct KeyedStore<Driver: KeyedArtifactDriver>: ArtifactStore {
    public let driver: Driver
    public let key: String

    public init(driver: Driver, key: String) {
        self.driver = driver
        self.key = key
    }

    public func load(to destination: Destination) throws(ExecError) { try driver.load(key: key, to: destination) }
    public func stream(into sink: any ByteSink) throws(ExecError) { try driver.stream(key: key, into: sink) }
    public func peek(_ count: Int) throws(ExecError) -> [UInt8] { try driver.peek(key: key, count: count) }
    public func save(_ source: LocalSource) throws(ExecError) { try driver.save(source, key: key) }
    public func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) { try driver.saveStream(key: key, produce) }
    public func delete() throws(ExecError) { try driver.delete(key: key) }
    public func listObjects() throws(ExecError) -> [String] { try driver.listObjects(key: key) }
}

public typealias S3Store = KeyedStore<S3Driver>
public typealias OSSStore = KeyedStore<OSSDriver>
public typealias GCSStore = KeyedStore<GCSDriver>
public typealias AzureStore = KeyedStore<AzureDriver>

/// `raw: {data: ...}`: an input whose content is in the template itself.
struct RawStore: ArtifactStore {
    let data: String

    func load(to destination: Destination) throws(ExecError) {
        try destination.writeFile { (file) throws(ExecError) in try file.write(Array(data.utf8)) }
    }
    func stream(into sink: any ByteSink) throws(ExecError) { try sink.write(Array(data.utf8)) }
    func peek(_ count: Int) throws(ExecError) -> [UInt8] { Array(data.utf8.prefix(count)) }
    func save(_ source: LocalSource) throws(ExecError) { throw ExecError(.badRequest, "raw artifacts cannot be saved") }
    func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        throw ExecError(.badRequest, "raw artifacts cannot be saved")
    }
    func delete() throws(ExecError) { throw deleteNotSupported }
    func listObjects() throws(ExecError) -> [String] { throw listNotSupported }
}

/// Path forms for paths this process trusts (the command line, its own staging, tests): the path is
/// opened as the kernel resolves it, then the descriptor-based operation runs.
extension ArtifactStore {
    public func load(to path: String) throws(ExecError) { try load(to: try Destination.path(path, createParents: 0o755)) }
    public func save(_ path: String) throws(ExecError) { try save(try LocalSource.open(path)) }
}

extension KeyedArtifactDriver {
    public func load(key: String, to path: String) throws(ExecError) { try load(key: key, to: try Destination.path(path, createParents: 0o755)) }
    public func save(_ path: String, key: String) throws(ExecError) { try save(try LocalSource.open(path), key: key) }
}
