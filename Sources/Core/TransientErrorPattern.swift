import Synchronization

/// `TRANSIENT_ERROR_PATTERN` (Argo's `util/errors/errors.go` `matchTransientErrPattern`): errors whose text
/// the pattern finds (an unanchored search, as Go's `regexp.MatchString`) are retried as transient ones are.
/// Set once by the CLI at start-up, as the trust store is; read wherever a retry is decided.
///
/// Go's RE2 runs in linear time; Swift's `Regex` backtracks, so a pattern with a repetition inside a repeated
/// group (`(.*)+timeout`, `(a+)+$`) could take exponential time on an error text and stall every retry
/// decision. Such patterns are refused at start-up (`hasNestedRepetition`, a warning names the variable), and
/// at most the first 2 KiB of an error's text is searched (docs/configuration.md).
/// Core keeps the setting and the shape check; the matching itself is the CLI's (`TransientErrorRegex`).
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

    /// Whether `pattern` repeats a group that itself holds an unbounded repetition (`*`, `+`, `{n,}`):
    /// the shape that makes a backtracking engine exponential. Escapes and character classes are skipped.
    public static func hasNestedRepetition(_ pattern: String) -> Bool {
        let c = Array(pattern.unicodeScalars)
        var groups: [Bool] = [false]  // per open group: does it hold an unbounded repetition?
        var closedWithRepetition = false  // the previous token closed a group that held one
        var i = 0
        while i < c.count {
            var justClosed = false
            switch c[i] {
            case "\\":
                i += 1
            case "[":
                i += 1
                if i < c.count && c[i] == "^" { i += 1 }
                if i < c.count && c[i] == "]" { i += 1 }
                while i < c.count && c[i] != "]" { i += c[i] == "\\" ? 2 : 1 }
            case "(":
                groups.append(false)
            case ")":
                let inner = groups.count > 1 ? groups.removeLast() : false
                groups[groups.count - 1] = groups[groups.count - 1] || inner
                closedWithRepetition = inner
                justClosed = true
            case "*", "+":
                if closedWithRepetition { return true }
                groups[groups.count - 1] = true
            case "{":
                var j = i + 1
                while j < c.count && c[j] != "}" { j += 1 }
                let body = String(String.UnicodeScalarView(c[min(i + 1, c.count)..<min(j, c.count)]))
                let unbounded = body.hasSuffix(",") && body.dropLast().allSatisfy(\.isNumber) && !body.dropLast().isEmpty
                if unbounded {
                    if closedWithRepetition { return true }
                    groups[groups.count - 1] = true
                }
                i = j
            default:
                break
            }
            if !justClosed { closedWithRepetition = false }
            i += 1
        }
        return false
    }
}
