/// The syntax tree of a regular expression (RE2 / Go regexp/syntax subset).
indirect enum RegexNode: Sendable {
    enum Assertion: Sendable {
        case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary
    }

    case empty
    case set(CharSet)
    /// `.`; `dotAll` when the `s` flag is on.
    case any(dotAll: Bool)
    case concat([RegexNode])
    case alternate([RegexNode])
    /// `max` nil means unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
    case assertion(Assertion)
}

/// A regexp syntax error with Go's wording: `error parsing regexp: missing closing ): `(``.
struct RegexError: Error {
    var code: String
    var fragment: String
    var message: String { "error parsing regexp: \(code): `\(fragment)`" }
}
