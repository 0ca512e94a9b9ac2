#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the Kubernetes termination message (`/dev/termination-log`, mode 0600, overwritten). Kubernetes
/// shows it as the container's `state.terminated.message`. A failure to write is only reported on stderr,
/// as in Argo's `util.WriteTerminateMessage`.
enum TerminationLog {
    static func write(_ message: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            StandardError.print("failed to write termination message to \(path): \(String(cString: strerror(errno)))")
            return
        }
        defer { close(fd) }
        let bytes = Array(message.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                StandardError.print("failed to write termination message to \(path): \(String(cString: strerror(errno)))")
                return
            }
            offset += n
        }
    }
}

/// Plain text to stderr (messages that are not log records: fatal errors, usage).
enum StandardError {
    static func print(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
