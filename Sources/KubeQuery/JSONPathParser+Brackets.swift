/// The bracketed steps of client-go's jsonpath parser.go: `parseArray` (unions `[a,b]`, `['key']`, slices
/// `[start:end:step]`, `[*]`), `parseFilter` (`[?(left op right)]`, `[?(path)]`) and `parseQuote`.
extension JSONPathParser {
    mutating func parseArray(_ cur: inout [JSONPathNode]) throws(JSONPathFailure) {
        while true {
            let r = next()
            if r == Self.eof || r == 0x0A { throw JSONPathFailure("unterminated array") }
            if r == UInt32(UInt8(ascii: "]")) { break }
        }
        var text = Array(consumeText().utf8)
        text = text.sub(1, text.count - 1)
        if text == [UInt8(ascii: "*")] { text = [UInt8(ascii: ":")] }

        let parts = text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        if parts.count > 1 {
            var union: [[JSONPathNode]] = []
            for part in parts {
                var trimmed = part[...]
                while trimmed.first == 0x20 { trimmed = trimmed.dropFirst() }
                while trimmed.last == 0x20 { trimmed = trimmed.dropLast() }
                union.append(try parseAction("[" + String(decoding: trimmed, as: UTF8.self) + "]"))
            }
            cur.append(.union(union))
            return
        }
        // `^'([^']*)'$`: a quoted key, read as the field path `.key`.
        if text.count >= 2, text.first == 0x27, text.last == 0x27, !text.sub(1, text.count - 1).contains(0x27) {
            cur += try parseAction("." + String(decoding: text.sub(1, text.count - 1), as: UTF8.self))
            return
        }
        guard let groups = Self.sliceGroups(text) else {
            throw JSONPathFailure("invalid array index \(String(decoding: text, as: UTF8.self))")
        }
        var params = [JSONPathParam](repeating: JSONPathParam(), count: 3)
        for i in 0..<3 {
            var value = groups[i]
            if !value.isEmpty {
                if i > 0 { value = String(value.dropFirst()) }
                if i > 0 && value.isEmpty {
                    params[i].known = false
                } else {
                    params[i].known = true
                    guard let number = GoNumberParsing.atoi(value) else { throw JSONPathFailure("array index \(value) is not a number") }
                    params[i].value = number
                }
            } else if i == 1 {
                params[i] = JSONPathParam(value: params[0].value &+ 1, known: true, derived: true)
            }
        }
        cur.append(.array(params))
    }

    /// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`: the three groups, absent ones empty; nil when the text does not match.
    static func sliceGroups(_ text: [UInt8]) -> [String]? {
        var i = 0
        func number() {
            if i < text.count, text[i] == UInt8(ascii: "-") { i += 1 }
            while i < text.count, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") { i += 1 }
        }
        number()
        var groups = [String(decoding: text.sub(0, i), as: UTF8.self)]
        for _ in 0..<2 {
            guard i < text.count, text[i] == UInt8(ascii: ":") else { groups.append(""); continue }
            let start = i
            i += 1
            number()
            groups.append(String(decoding: text.sub(start, i), as: UTF8.self))
        }
        return i == text.count ? groups : nil
    }

    /// `parseFilter`: the text up to the first `)` outside the first quoted string, then `]`.
    mutating func parseFilter(_ cur: inout [JSONPathNode]) throws(JSONPathFailure) {
        pos += 3
        _ = consumeText()
        var begin = false
        var end = false
        var pair: UInt32 = 0
        scan: while true {
            let r = next()
            switch r {
            case Self.eof, 0x0A:
                throw JSONPathFailure("unterminated filter")
            case 0x22, 0x27:
                if !begin {
                    begin = true
                    pair = r
                } else if input.at(pos - 2) != 0x5C && r == pair {
                    end = true
                }
            case UInt32(UInt8(ascii: ")")):
                if begin == end { break scan }
            default:
                break
            }
        }
        guard next() == UInt32(UInt8(ascii: "]")) else { throw JSONPathFailure("unclosed array expect ]") }
        let text = Array(consumeText().utf8).dropLast(2)
        if let (left, op, right) = Self.splitComparison(Array(text)) {
            cur.append(.filter(left: try parseAction(left), right: try parseAction(right), op: op))
        } else {
            cur.append(.filter(left: try parseAction(String(decoding: text, as: UTF8.self)), right: [], op: "exists"))
        }
    }

    /// `^([^!<>=]+)([!<>=]+)(.+?)$`: left operand, the run of operator characters (leaving at least one character
    /// for the right operand), right operand.
    static func splitComparison(_ text: [UInt8]) -> (String, String, String)? {
        let isOp: (UInt8) -> Bool = { [UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains($0) }
        guard let k = text.firstIndex(where: isOp), k > 0 else { return nil }
        var m = k
        while m < text.count, isOp(text[m]) { m += 1 }
        if m == text.count { m -= 1 }
        guard m > k else { return nil }
        let s = { (a: Int, b: Int) in String(decoding: text.sub(a, b), as: UTF8.self) }
        return (s(0, k), s(k, m), s(m, text.count))
    }

    /// `parseQuote`: a quoted string up to the closing quote not directly after a backslash, unquoted by
    /// `UnquoteExtend`.
    mutating func parseQuote(_ cur: inout [JSONPathNode], end: UInt32) throws(JSONPathFailure) {
        while true {
            let r = next()
            if r == Self.eof || r == 0x0A { throw JSONPathFailure("unterminated quoted string") }
            if r == end && input.at(pos - 2) != 0x5C { break }
        }
        let value = consumeText()
        guard let text = GoUnquote.unquoteExtend(Array(value.utf8)) else {
            throw JSONPathFailure("unquote string \(value) error invalid syntax")
        }
        cur.append(.text(String(decoding: text, as: UTF8.self)))
    }
}
