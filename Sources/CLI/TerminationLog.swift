import Core

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TerminationLog {
    /// The CLI's last word: a failure to write is only reported on stderr, as in Argo's
    /// `util.WriteTerminateMessage`.
    static func record(_ message: String, to path: String) {
        do {
            try write(message, to: path)
        } catch {
            StandardError.print("failed to write termination message to \(path): \(error.description)")
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
