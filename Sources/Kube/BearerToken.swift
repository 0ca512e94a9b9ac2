import Core
import Synchronization

/// A bearer token, fixed (`--token`) or from a file that kubelet rotates (projected service-account
/// tokens expire within the hour). A file token is re-read whenever the file changes (inode, size or
/// mtime) and on demand after a 401, as client-go's `CachedFileTokenSource` does.
public final class BearerToken: Sendable {
    private enum Source: Sendable {
        case fixed(String)
        case file(String)
    }

    private struct Cached: Sendable {
        var value: String
        var signature: [Int64]
    }

    private let source: Source
    private let cache = Mutex<Cached?>(nil)

    public init(fixed token: String) { source = .fixed(token) }
    public init(file path: String) { source = .file(path) }

    /// The token to send now.
    public func current() throws(ExecError) -> String {
        guard case .file(let path) = source else {
            if case .fixed(let value) = source { return value }
            return ""
        }
        let signature = try Self.signature(path)
        if let cached = cache.withLock({ $0 }), cached.signature == signature { return cached.value }
        let value = String(decoding: try FileIO.readAll(path, limit: 1 << 20), as: UTF8.self).trimmingSpaces()
        guard !value.isEmpty else { throw ExecError(.unauthorized, "service account token file \(path) is empty") }
        cache.withLock { $0 = Cached(value: value, signature: signature) }
        return value
    }

    /// Forgets the cached value (after a 401): the next request reads the file again.
    public func invalidate() { cache.withLock { $0 = nil } }

    public var isRefreshable: Bool {
        if case .file = source { return true }
        return false
    }

    private static func signature(_ path: String) throws(ExecError) -> [Int64] {
        let info = try FileIO.info(path)
        return [Int64(bitPattern: info.inode), info.size, info.modified.seconds, Int64(info.modified.nanoseconds)]
    }
}
