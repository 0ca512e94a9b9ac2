/// Go's `regexp` (RE2 syntax, `MatchString`: an unanchored search) for callers outside expressions, such as
/// `TRANSIENT_ERROR_PATTERN`: the same linear-time matcher `matches` uses, so no pattern can make a search take
/// exponential time.
public struct GoRegexp: Sendable {
    private let compiled: Regex

    /// Compiles `pattern`; the error is Go's `regexp.Compile` text (`error parsing regexp: missing closing ): ...`).
    public init(_ pattern: String) throws(ExprError) {
        do {
            compiled = try Regex(pattern)
        } catch {
            throw ExprError(.syntax, error.message)
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool { compiled.matches(Array(text.utf8)) }
}
