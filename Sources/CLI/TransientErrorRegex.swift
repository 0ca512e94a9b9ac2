import Core

/// `TRANSIENT_ERROR_PATTERN` on Swift's `Regex` (Argo's `util/errors/errors.go` `matchTransientErrPattern`: an
/// unanchored search, as Go's `regexp.MatchString`). Only the full binary links the regex engine; the lean
/// one never retries anything.
enum TransientErrorRegex {
    /// The matcher for `pattern`, or a warning when it does not compile (Argo drops `MatchString`'s error, so
    /// such a pattern never matches: nothing is treated as transient by it).
    static func matcher(_ pattern: String?) -> (TransientErrorPattern.Matcher?, warning: String?) {
        guard let pattern else { return (nil, nil) }
        do {
            // Swift's Regex accepts RE2's common syntax (\d, (?i), classes, alternation).
            _ = try Regex(pattern)
        } catch {
            return (nil, "ignoring environment variable TRANSIENT_ERROR_PATTERN=\"\(pattern.prefix(80))\": not a valid "
                    + "regular expression (\(error)); no error is treated as transient by it")
        }
        // Compiled per check: checks happen only after a failure, and `Regex` is not `Sendable`.
        return ({ text in (try? Regex(pattern)).map { text.contains($0) } ?? false }, nil)
    }
}
