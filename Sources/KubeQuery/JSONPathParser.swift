/// The template parser of k8s.io/client-go/util/jsonpath (parser.go): text outside `{...}` is copied, each action is
/// a list of steps (`.field`, `[...]`, `[?(...)]`, `..`, quoted text, numbers, `range` / `end`, `true` / `false`).
/// client-go's mutually recursive functions become loops here; only the sub-parses of unions, `['key']` and filters
/// nest, and they are capped at `maxNesting` levels (each level is strictly shorter text, so real templates stay far
/// below it).
struct JSONPathParser {
    static let maxNesting = 32
    static let eof: UInt32 = 0xFFFF_FFFF

    let input: [UInt8]
    let nesting: Int
    var pos = 0
    var start = 0
    var width = 0
    var root: [JSONPathNode] = []

    init(_ text: String, nesting: Int = 0) {
        input = Array(text.utf8)
        self.nesting = nesting
    }

    /// `Parse(name, text)`: the root list.
    static func parse(_ text: String, nesting: Int = 0) throws(JSONPathFailure) -> [JSONPathNode] {
        guard nesting <= maxNesting else { throw JSONPathFailure("jsonpath nesting deeper than \(maxNesting) levels") }
        var parser = JSONPathParser(text, nesting: nesting)
        try parser.parseTemplate()
        return parser.root
    }

    /// `parseAction`: the nodes of `{text}`.
    func parseAction(_ text: String) throws(JSONPathFailure) -> [JSONPathNode] {
        let nodes = try Self.parse("{" + text + "}", nesting: nesting + 1)
        guard case .list(let list)? = nodes.first else { return [] }
        return list
    }

    // MARK: - Reading runes

    mutating func next() -> UInt32 {
        guard pos < input.count else { width = 0; return Self.eof }
        let (rune, w) = GoUTF8.decode(input, pos)
        width = w
        pos += w
        return rune
    }

    mutating func peek() -> UInt32 {
        let r = next()
        backup()
        return r
    }

    mutating func backup() { pos -= width }

    mutating func consumeText() -> String {
        let value = String(decoding: input[min(start, pos)..<pos], as: UTF8.self)
        start = pos
        return value
    }

    func hasPrefix(_ prefix: String) -> Bool {
        input[pos...].starts(with: prefix.utf8)
    }

    // MARK: - Text and actions

    /// `parseText` / `parseLeftDelim` / `parseInsideAction` / `parseRightDelim`.
    mutating func parseTemplate() throws(JSONPathFailure) {
        while true {
            while !hasPrefix("{") {
                if next() == Self.eof {
                    if pos > start { root.append(.text(consumeText())) }
                    return
                }
            }
            if pos > start { root.append(.text(consumeText())) }
            pos += 1
            _ = consumeText()
            root.append(.list(try parseInsideAction()))
        }
    }

    private mutating func parseInsideAction() throws(JSONPathFailure) -> [JSONPathNode] {
        var cur: [JSONPathNode] = []
        while true {
            if hasPrefix("}") {
                pos += 1
                _ = consumeText()
                return cur
            }
            if hasPrefix("[?(") { try parseFilter(&cur); continue }
            if hasPrefix("..") {
                if case .recursive? = cur.last { throw JSONPathFailure("invalid multiple recursive descent") }
                pos += 2
                _ = consumeText()
                cur.append(.recursive)
                if Self.isAlphaNumeric(peek()) { parseField(&cur) }
                continue
            }
            let r = next()
            switch r {
            case Self.eof, 0x0D, 0x0A:
                throw JSONPathFailure("unclosed action")
            case 0x20, UInt32(UInt8(ascii: "@")), UInt32(UInt8(ascii: "$")):
                _ = consumeText()
            case UInt32(UInt8(ascii: "[")):
                try parseArray(&cur)
            case 0x22, 0x27:
                try parseQuote(&cur, end: r)
            case UInt32(UInt8(ascii: ".")):
                parseField(&cur)
            case UInt32(UInt8(ascii: "+")), UInt32(UInt8(ascii: "-")), _ where Self.isDigit(r):
                backup()
                try parseNumber(&cur)
            case _ where Self.isAlphaNumeric(r):
                backup()
                parseIdentifier(&cur)
            default:
                throw JSONPathFailure("unrecognized character in action: \(Self.goUnicode(r))")
            }
        }
    }

    /// `parseIdentifier`: `range`, `end`, `true`, `false` (anything else fails when evaluated).
    private mutating func parseIdentifier(_ cur: inout [JSONPathNode]) {
        while !Self.isTerminator(next()) {}
        backup()
        let value = consumeText()
        cur.append(value == "true" || value == "false" ? .bool(value == "true") : .identifier(value))
    }

    /// `parseNumber`: an optional sign, then digits and dots; an int if `strconv.Atoi` takes it, else a float.
    private mutating func parseNumber(_ cur: inout [JSONPathNode]) throws(JSONPathFailure) {
        let r = peek()
        if r == UInt32(UInt8(ascii: "+")) || r == UInt32(UInt8(ascii: "-")) { _ = next() }
        while true {
            let d = next()
            if d != UInt32(UInt8(ascii: ".")) && !Self.isDigit(d) { backup(); break }
        }
        let value = consumeText()
        if let i = GoNumberParsing.atoi(value) {
            cur.append(.int(i))
        } else if case let (d, true) = GoNumberParsing.parseFloat(value) {
            cur.append(.float(d))
        } else {
            throw JSONPathFailure("cannot parse number \(value)")
        }
    }

    /// `parseField`: up to the next unescaped terminator; `*` is the wildcard, backslashes are dropped.
    mutating func parseField(_ cur: inout [JSONPathNode]) {
        _ = consumeText()
        while advance() {}
        let value = consumeText()
        cur.append(value == "*" ? .wildcard : .field(String(decoding: value.utf8.filter { $0 != 0x5C }, as: UTF8.self)))
    }

    private mutating func advance() -> Bool {
        let r = next()
        if r == UInt32(UInt8(ascii: "\\")) {
            _ = next()
        } else if Self.isTerminator(r) {
            backup()
            return false
        }
        return true
    }
}
