import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where log lines go: stderr in production, a buffer in tests. One `write(2)` per line keeps lines whole.
public final class LogSink: Sendable {
    private let fd: Int32?
    private let captured = Mutex<[String]>([])

    public static let standardError = LogSink(fd: 2)

    public init(fd: Int32?) { self.fd = fd }

    /// A sink that keeps lines in memory (`lines`).
    public static func memory() -> LogSink { LogSink(fd: nil) }

    public var lines: [String] { captured.withLock { $0 } }

    func emit(_ line: String) {
        guard let fd else {
            captured.withLock { $0.append(line) }
            return
        }
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in write(fd, buf.baseAddress.map { $0 + offset }, buf.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }  // stderr gone: logging must never fail the executor
            offset += n
        }
    }
}
