import ModelBase
/// A lexical token, with its span in Unicode scalars (expr-lang's file.Location counts runes).
struct Token: Sendable, Equatable {
    enum Kind: String, Sendable {
        case identifier = "Identifier"
        case number = "Number"
        case string = "String"
        case bytes = "Bytes"
        case `operator` = "Operator"
        case bracket = "Bracket"
        case eof = "EOF"
    }

    var kind: Kind
    var value: String
    var from: Int
    var to: Int
    /// The bytes of a `b"..."` literal (escapes such as `\xff` are raw bytes, not code points).
    var rawBytes: [UInt8]? = nil

    func `is`(_ kind: Kind, _ values: String...) -> Bool {
        guard self.kind == kind else { return false }
        return values.isEmpty || values.contains(value)
    }

    /// expr-lang's Token.String(): `Kind("value")` with Go's %#v quoting, or just `Kind` when empty.
    var display: String {
        value.isEmpty ? kind.rawValue : "\(kind.rawValue)(\(GoQuote.quote(value)))"
    }
}
