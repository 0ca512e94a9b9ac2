import ModelBase
/// Splits an expression into tokens, following expr-lang's parser/lexer state machine (v1.17.8) so
/// tokens, keyword handling (`not in`, `startsWith`, ...) and error positions match.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private(set) var tokens: [Token] = []

    /// The tokens up to the first lexical error, and that error. expr-lang lexes lazily, so a parse error
    /// before the bad character wins; the parser raises `error` only when it reaches the end of `tokens`.
    static func tokenize(_ source: String) -> (tokens: [Token], error: ExprError?) {
        var lexer = Lexer(scalars: Array(source.unicodeScalars))
        do {
            try lexer.run()
            return (lexer.tokens, nil)
        } catch {
            return (lexer.tokens, error)
        }
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    // MARK: cursor

    private mutating func next() -> Unicode.Scalar? {
        guard end < scalars.count else {
            atEOF = true
            return nil
        }
        end += 1
        return scalars[end - 1]
    }

    private func peek() -> Unicode.Scalar? { end < scalars.count ? scalars[end] : nil }

    private mutating func backup() {
        if atEOF { atEOF = false } else if end > 0 { end -= 1 }
    }

    @discardableResult
    private mutating func accept(_ valid: String) -> Bool {
        guard let p = peek(), valid.unicodeScalars.contains(p) else { return false }
        end += 1
        return true
    }

    private mutating func acceptRun(_ valid: String) { while accept(valid) {} }

    var word: String { String(String.UnicodeScalarView(scalars[start..<end])) }

    private mutating func emit(_ kind: Token.Kind, _ value: String? = nil) {
        tokens.append(Token(kind: kind, value: value ?? word, from: start, to: end))
        start = end
    }

    private mutating func skip() { start = end }

    /// An error at the last consumed scalar, as expr-lang's Lexer.error places it.
    func error(_ message: String) -> ExprError {
        let position = atEOF ? end : end - 1
        return ExprError(.syntax, message, at: max(position, 0))
    }

    // MARK: states

    private mutating func run() throws(ExprError) {
        while true {
            guard let r = next() else {
                tokens.append(Token(kind: .eof, value: "", from: max(end - 1, 0), to: end))
                return
            }
            if r == "b" || r == "B", let quote = peek(), quote == "'" || quote == "\"" {
                _ = next()
                try scanString(quote: quote)
                let bytes: [UInt8]
                do { bytes = try StringLiteral.unescapeBytes(scalars[start + 2..<end - 1]) } catch { throw self.error(error.message) }
                emit(.bytes, String(decoding: bytes, as: UTF8.self))
                tokens[tokens.count - 1].rawBytes = bytes
                continue
            }
            switch r {
            case _ where CharClass.isSpace(r): skip()
            case "'", "\"":
                try scanString(quote: r)
                let text: String
                do { text = try StringLiteral.unescape(scalars[start + 1..<end - 1]) } catch { throw self.error(error.message) }
                emit(.string, text)
            case "`": try scanRawString()
            case "0"..."9":
                backup()
                try number()
            case "?":
                accept(".?")
                emit(.operator)
            case "/": try slash()
            case "#": pointer()
            case "|":
                accept("|")
                emit(.operator)
            case ":":
                accept(":")
                emit(.operator)
            case "(", "[", "{", ")", "]", "}": emit(.bracket)
            case ",", ";", "%", "+", "-", "^": emit(.operator)
            case "&", "!", "=", "*", "<", ">":
                accept("&=*")
                emit(.operator)
            case ".":
                if let p = peek(), ("0"..."9").contains(p) {
                    try number()
                } else {
                    accept(".")
                    emit(.operator)
                }
            case _ where CharClass.isAlphaNumeric(r):
                backup()
                try identifier()
            default:
                throw error("unrecognized character: \(GoFormat.unicodeNotation(r))")
            }
        }
    }

    private mutating func number() throws(ExprError) {
        guard scanNumber() else { throw error("bad number syntax: \(GoQuote.quote(word))") }
        emit(.number)
    }

    private mutating func scanNumber() -> Bool {
        var digits = "0123456789_"
        if accept("0") {
            // A leading 0 does not mean octal; only the 0x, 0o and 0b prefixes change the base.
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        let mark = end
        if accept(".") {
            // `1..2` is a range: leave both dots to the operator.
            if peek() == "." {
                end = mark
                return true
            }
            acceptRun(digits)
        }
        if accept("eE") {
            accept("+-")
            acceptRun(digits)
        }
        if let p = peek(), CharClass.isAlphaNumeric(p) {
            _ = next()
            return false
        }
        return true
    }

    private mutating func identifier() throws(ExprError) {
        while let r = next(), CharClass.isAlphaNumeric(r) {}
        backup()
        switch word {
        case "not": notOperator()
        case "in", "or", "and", "matches", "contains", "startsWith", "endsWith", "let", "if", "else":
            emit(.operator)
        default: emit(.identifier)
        }
    }

    /// `not` followed by `in`, `matches`, ... lexes as two operators; otherwise the next word is left alone.
    private mutating func notOperator() {
        emit(.operator)
        acceptRun(" ")
        skip()
        let mark = end
        while let r = next(), CharClass.isAlphaNumeric(r) {}
        backup()
        switch word {
        case "in", "matches", "contains", "startsWith", "endsWith": emit(.operator)
        default: end = mark
        }
    }

    private mutating func slash() throws(ExprError) {
        if accept("/") {
            while let r = next(), r != "\n" {}
            skip()
        } else if accept("*") {
            while true {
                guard let r = next() else { throw error("unclosed comment") }
                if r == "*" && accept("/") { break }
            }
            skip()
        } else {
            emit(.operator)
        }
    }

    private mutating func pointer() {
        accept("#")
        emit(.operator)
        while let r = next(), CharClass.isAlphaNumeric(r) {}
        backup()
        if start < end { emit(.identifier) }
    }

    private mutating func scanString(quote: Unicode.Scalar) throws(ExprError) {
        var ch = next()
        while ch != quote {
            guard let c = ch, c != "\n" else { throw error("literal not terminated") }
            ch = c == "\\" ? try scanEscape(quote: quote) : next()
        }
    }

    /// Validates one escape the way the lexer does (before unescaping), returning the scalar after it.
    private mutating func scanEscape(quote: Unicode.Scalar) throws(ExprError) -> Unicode.Scalar? {
        let ch = next()
        switch ch {
        case "a", "b", "f", "n", "r", "t", "v", "\\", quote: return next()
        case "0", "1", "2", "3", "4", "5", "6", "7": return try scanDigits(ch, base: 8, count: 3)
        case "x": return try scanDigits(next(), base: 16, count: 2)
        case "U": return try scanDigits(next(), base: 16, count: 8)
        case "u":
            guard peek() == "{" else { return try scanDigits(next(), base: 16, count: 4) }
            _ = next()
            var digits = 0
            while peek() != "}" {
                guard let p = peek(), p.properties.isASCIIHexDigit, digits < 6 else {
                    throw error("invalid char escape")
                }
                _ = next()
                digits += 1
            }
            guard digits > 0 else { throw error("invalid char escape") }
            _ = next()
            return next()
        default: throw error("invalid char escape")
        }
    }

    private mutating func scanDigits(_ first: Unicode.Scalar?, base: Int, count: Int) throws(ExprError) -> Unicode.Scalar? {
        var ch = first
        var n = count
        while n > 0, let c = ch, let d = CharClass.digitValue(c), d < base {
            ch = next()
            n -= 1
        }
        if n > 0 { throw error("invalid char escape") }
        return ch
    }

    private mutating func scanRawString() throws(ExprError) {
        var text = String.UnicodeScalarView()
        while true {
            guard let ch = next() else { throw error("literal not terminated") }
            if ch == "`" {
                // A doubled backquote stands for one backquote.
                if peek() == "`" {
                    _ = next()
                    text.append("`")
                    continue
                }
                break
            }
            text.append(ch)
        }
        emit(.string, String(text))
    }
}
