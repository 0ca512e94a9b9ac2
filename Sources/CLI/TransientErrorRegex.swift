import Core
import Expr

/// `TRANSIENT_ERROR_PATTERN` (Argo's `util/errors/errors.go` `matchTransientErrPattern`: Go's `regexp.MatchString`,
/// an unanchored search) on the expression module's RE2 matcher: Go's syntax and its linear time, so every
/// pattern Argo accepts is accepted here too.
enum TransientErrorRegex {
    /// The matcher for `pattern`, or a warning when it does not compile (Argo drops `MatchString`'s error, so
    /// such a pattern never matches: nothing is treated as transient by it).
    static func matcher(_ pattern: String?) -> (TransientErrorPattern.Matcher?, warning: String?) {
        guard let pattern else { return (nil, nil) }
        do {
            let regexp = try GoRegexp(pattern)
            return ({ regexp.matches($0) }, nil)
        } catch {
            return (nil, "ignoring environment variable TRANSIENT_ERROR_PATTERN=\"\(pattern.prefix(80))\": not a valid "
                    + "regular expression (\(error.message)); no error is treated as transient by it")
        }
    }
}
