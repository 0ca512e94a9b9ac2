import Synchronization

/// `TRANSIENT_ERROR_PATTERN` (Argo's `util/errors/errors.go` `matchTransientErrPattern`): errors whose text
/// the pattern finds (an unanchored search, as Go's `regexp.MatchString`) are retried as transient ones are.
/// Set once by the CLI at start-up, as the trust store is; read wherever a retry is decided.
public enum TransientErrorPattern {
    private static let pattern = Mutex<String?>(nil)

    public static func configure(_ text: String?) { pattern.withLock { $0 = text } }

    /// True when a pattern is set and found in the error's text. The pattern is compiled per check: checks
    /// happen only after a failure, and `Regex` is not `Sendable`.
    public static func matches(_ error: ExecError) -> Bool {
        guard let text = pattern.withLock({ $0 }), let regex = try? Regex(text) else { return false }
        return error.description.contains(regex)
    }
}
