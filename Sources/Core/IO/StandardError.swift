#if canImport(Glibc)
import Glibc
#endif

/// Plain text to stderr (messages that are not log records: fatal errors, usage, a progress line).
public enum StandardError {
    /// `text` and a newline, in one write.
    public static func print(_ text: String) { write(text + "\n") }

    /// `text` as is (a progress line redrawn with `\r`).
    public static func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Whether stderr is a terminal (progress lines are drawn only there).
    public static var isTerminal: Bool { isatty(2) == 1 }
}
