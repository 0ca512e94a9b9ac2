import Core
import Model
import Synchronization

/// Keyed drivers (S3, OSS) built once per distinct location and shared by every artifact of a run: the
/// location with its key cleared is the cache key (credentials are resolved and the bucket's region looked
/// up once, not per artifact). Building happens outside the lock; two threads racing on a new location may
/// both build, and the first stored wins.
public final class DriverCache: Sendable {
    private let s3 = Mutex<[S3Artifact: S3Driver]>([:])
    private let oss = Mutex<[OSSArtifact: OSSDriver]>([:])

    public init() {}

    func s3Driver(_ location: S3Artifact, _ make: () throws(ExecError) -> S3Driver) throws(ExecError) -> S3Driver {
        var key = location
        key.key = nil
        if let driver = s3.withLock({ $0[key] }) { return driver }
        let driver = try make()
        return s3.withLock { cache in
            if let first = cache[key] { return first }
            cache[key] = driver
            return driver
        }
    }

    func ossDriver(_ location: OSSArtifact, _ make: () throws(ExecError) -> OSSDriver) throws(ExecError) -> OSSDriver {
        var key = location
        key.key = nil
        if let driver = oss.withLock({ $0[key] }) { return driver }
        let driver = try make()
        return oss.withLock { cache in
            if let first = cache[key] { return first }
            cache[key] = driver
            return driver
        }
    }
}
