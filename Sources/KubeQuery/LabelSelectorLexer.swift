/// The label selector lexer of apimachinery pkg/labels/selector.go (`Lexer`), byte for byte: identifiers run up to
/// whitespace (space, tab, CR, LF) or one of `=!(),><`; the operator symbols take the longest token they form
/// (`!=`, `==`); a NUL byte reads like the end of the string, as Go's `read()` returns 0 for both.
struct LabelSelectorLexer {
    enum Token: Equatable {
        case error, endOfString, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan
        case identifier, `in`, lessThan, notEquals, notIn, openPar
    }

    struct Item: Equatable {
        var token: Token
        var literal: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    /// `string2token`: the literal tokens.
    static func keyword(_ text: [UInt8]) -> Token? {
        switch String(decoding: text, as: UTF8.self) {
        case ")": return .closedPar
        case ",": return .comma
        case "!": return .doesNotExist
        case "==": return .doubleEquals
        case "=": return .equals
        case ">": return .greaterThan
        case "in": return .in
        case "<": return .lessThan
        case "!=": return .notEquals
        case "notin": return .notIn
        case "(": return .openPar
        default: return nil
        }
    }

    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func isSpecialSymbol(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
             UInt8(ascii: ">"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    private mutating func read() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func unread() { position -= 1 }

    /// `Lex`: the next token and its literal.
    mutating func lex() -> Item {
        var c = read()
        while Self.isWhitespace(c) { c = read() }
        if c == 0 { return Item(token: .endOfString, literal: "") }
        unread()
        return Self.isSpecialSymbol(c) ? scanSpecialSymbol() : scanIdentifierOrKeyword()
    }

    private mutating func scanIdentifierOrKeyword() -> Item {
        var buffer: [UInt8] = []
        while true {
            let c = read()
            if c == 0 { break }
            if Self.isSpecialSymbol(c) || Self.isWhitespace(c) { unread(); break }
            buffer.append(c)
        }
        let literal = String(decoding: buffer, as: UTF8.self)
        return Item(token: Self.keyword(buffer) ?? .identifier, literal: literal)
    }

    private mutating func scanSpecialSymbol() -> Item {
        var last: Item?
        var buffer: [UInt8] = []
        while true {
            let c = read()
            if c == 0 { break }
            guard Self.isSpecialSymbol(c) else { unread(); break }
            buffer.append(c)
            if let token = Self.keyword(buffer) {
                last = Item(token: token, literal: String(decoding: buffer, as: UTF8.self))
            } else if last != nil {
                unread()
                break
            }
        }
        return last ?? Item(token: .error, literal: "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'")
    }
}
