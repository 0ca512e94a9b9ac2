import Core
import Model
import Synchronization

/// Keyed drivers (S3, OSS, GCS, Azure) built once per distinct location and shared by every artifact of a run: the
/// location with its key cleared is the cache key (credentials are resolved and the bucket's region looked
/// up once, not per artifact). Building happens outside the lock; two threads racing on a new location may
/// both build, and the first stored wins.
public final class DriverCache: Sendable {
    private let s3 = Built<S3Artifact, S3Driver>()
    private let oss = Built<OSSArtifact, OSSDriver>()
    private let gcs = Built<GCSArtifact, GCSDriver>()
    private let azure = Built<AzureArtifact, AzureDriver>()

    public init() {}

    func s3Driver(_ location: S3Artifact, _ make: () throws(ExecError) -> S3Driver) throws(ExecError) -> S3Driver {
        try Self.value(s3, location, clearing: \.key, make)
    }

    func ossDriver(_ location: OSSArtifact, _ make: () throws(ExecError) -> OSSDriver) throws(ExecError) -> OSSDriver {
        try Self.value(oss, location, clearing: \.key, make)
    }

    func gcsDriver(_ location: GCSArtifact, _ make: () throws(ExecError) -> GCSDriver) throws(ExecError) -> GCSDriver {
        try Self.value(gcs, location, clearing: \.key, make)
    }

    func azureDriver(_ location: AzureArtifact, _ make: () throws(ExecError) -> AzureDriver) throws(ExecError) -> AzureDriver {
        try Self.value(azure, location, clearing: \.blob, make)
    }

    /// The driver for `location` with its key cleared: one per bucket, container and credentials.
    private static func value<Location: Hashable & Sendable, Driver: Sendable>(
        _ built: Built<Location, Driver>, _ location: Location, clearing key: WritableKeyPath<Location, String?>,
        _ make: () throws(ExecError) -> Driver
    ) throws(ExecError) -> Driver {
        var cacheKey = location
        cacheKey[keyPath: key] = nil
        return try built.value(for: cacheKey, make)
    }

    /// One map from a location to what was built for it.
    private final class Built<Key: Hashable & Sendable, Value: Sendable>: Sendable {
        private let map = Mutex<[Key: Value]>([:])

        func value(for key: Key, _ make: () throws(ExecError) -> Value) throws(ExecError) -> Value {
            if let built = map.withLock({ $0[key] }) { return built }
            let built = try make()
            return map.withLock { cache in
                if let first = cache[key] { return first }
                cache[key] = built
                return built
            }
        }
    }
}
