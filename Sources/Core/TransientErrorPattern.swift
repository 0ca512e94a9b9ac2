import Synchronization

/// `TRANSIENT_ERROR_PATTERN` (Argo's `util/errors/errors.go` `matchTransientErrPattern`): errors whose text
/// the pattern finds (an unanchored search, as Go's `regexp.MatchString`) are retried as transient ones are.
/// Set once by the CLI at start-up, as the trust store is; read wherever a retry is decided.
/// At most the first 2 KiB of an error's text is searched (docs/configuration.md). Core keeps the setting; the
/// matching is the CLI's (`TransientErrorRegex`, Go's RE2 syntax in linear time).
public enum TransientErrorPattern {
    /// Whether a text matches the configured pattern; the full binary's CLI builds it on Swift's `Regex`
    /// (`TransientErrorRegex`), so the regex engine stays out of what main containers run (the lean binary).
    public typealias Matcher = @Sendable (String) -> Bool
    private static let matcher = Mutex<Matcher?>(nil)
    static let searchedBytes = 2048

    public static func configure(_ match: Matcher?) { matcher.withLock { $0 = match } }

    /// True when a pattern is set and found in the error's text (its first 2 KiB).
    public static func matches(_ error: ExecError) -> Bool {
        guard let match = matcher.withLock({ $0 }) else { return false }
        return match(String(decoding: error.description.utf8.prefix(searchedBytes), as: UTF8.self))
    }
}
