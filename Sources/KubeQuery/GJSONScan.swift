/// gjson's value scanners (gjson.go `parseString`, `parseNumber`, `parseLiteral`, `parseSquash`, `squash`,
/// `parseAny`, `unescape`): they skip over a value without validating it, which is why Argo checks `gjson.Valid`
/// first. Each returns the index after the value the way the Go code does (including one past the end when a string
/// is unterminated), since the callers' loops depend on it. All loops are iterative: nesting depth costs nothing.
enum GJSONScan {
    /// `parseString(json, i)` with `i` just after the opening quote: (next index, raw text with quotes, escaped?, ok).
    static func string(_ json: [UInt8], _ start: Int) -> (Int, [UInt8], Bool, Bool) {
        let s = start
        var i = start
        while i < json.count {
            let c = json[i]
            if c > 0x5C { i += 1; continue }
            if c == 0x22 { return (i + 1, json.sub(s - 1, i + 1), false, true) }
            if c == 0x5C {
                i += 1
                while i < json.count {
                    if json[i] > 0x5C { i += 1; continue }
                    if json[i] == 0x22, !isEscapedQuote(json, i, lowest: 1) {
                        return (i + 1, json.sub(s - 1, i + 1), true, true)
                    }
                    i += 1
                }
                break
            }
            i += 1
        }
        return (i, json.sub(s - 1), false, false)
    }

    /// The quote at `i` is escaped when an odd number of backslashes precede it; gjson counts them back to index
    /// `lowest` (1 in `parseString`, the string's first byte in `parseSquash`).
    static func isEscapedQuote(_ json: [UInt8], _ i: Int, lowest: Int) -> Bool {
        guard json.at(i - 1) == 0x5C else { return false }
        var n = 0
        var j = i - 2
        while j >= lowest, json.at(j) == 0x5C { n += 1; j -= 1 }
        return n % 2 == 0
    }

    /// `parseNumber`: up to whitespace, ',', ']' or '}'.
    static func number(_ json: [UInt8], _ start: Int) -> (Int, [UInt8]) {
        var i = start + 1
        while i < json.count {
            let c = json[i]
            if c <= 0x20 || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                return (i, json.sub(start, i))
            }
            i += 1
        }
        return (i, json.sub(start))
    }

    /// `parseLiteral`: lowercase letters.
    static func literal(_ json: [UInt8], _ start: Int) -> (Int, [UInt8]) {
        var i = start + 1
        while i < json.count {
            if json[i] < UInt8(ascii: "a") || json[i] > UInt8(ascii: "z") { return (i, json.sub(start, i)) }
            i += 1
        }
        return (i, json.sub(start))
    }

    /// `parseSquash`: the raw text of the object or array opening at `start`, nested values and strings skipped.
    static func squashValue(_ json: [UInt8], _ start: Int) -> (Int, [UInt8]) {
        var i = start + 1
        var depth = 1
        while i < json.count {
            switch json[i] {
            case 0x22:
                i += 1
                let s2 = i
                while i < json.count {
                    if json[i] == 0x22, !isEscapedQuote(json, i, lowest: s2) { break }
                    i += 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return (i + 1, json.sub(start, i + 1)) }
            default:
                break
            }
            i += 1
        }
        return (i, json.sub(start))
    }

    /// `squash(json)`: like `squashValue` from index 0, also accepting a leading string.
    static func squash(_ json: [UInt8]) -> [UInt8] {
        guard let first = json.first else { return [] }
        if first != 0x22 { return squashValue(json, 0).1 }
        var i = 1
        while i < json.count {
            if json[i] == 0x22, !isEscapedQuote(json, i, lowest: 1) { return json.sub(0, i + 1) }
            i += 1
        }
        return json
    }

    /// `parseAny(json, i, true)`: the next value from `i`, or not ok.
    static func any(_ json: [UInt8], _ start: Int) -> (Int, GJSONResult, Bool) {
        var i = start
        var res = GJSONResult()
        while i < json.count {
            let c = json[i]
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                let (next, raw) = squashValue(json, i)
                res.raw = raw
                res.kind = .json
                return (next, res, true)
            }
            if c <= 0x20 { i += 1; continue }
            var isNumber = false
            switch c {
            case 0x22:
                let (next, raw, escaped, ok) = string(json, i + 1)
                guard ok else { return (next, res, false) }
                res.kind = .string
                res.raw = raw
                res.str = escaped ? unescape(raw.sub(1, raw.count - 1)) : raw.sub(1, raw.count - 1)
                return (next, res, true)
            case UInt8(ascii: "n") where json.at(i + 1) != UInt8(ascii: "u") && i + 1 < json.count:
                isNumber = true
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
                let (next, raw) = literal(json, i)
                res.raw = raw
                res.kind = c == UInt8(ascii: "t") ? .true : (c == UInt8(ascii: "f") ? .false : .null)
                return (next, res, true)
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "N"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                isNumber = true
            default:
                break
            }
            if isNumber {
                let (next, raw) = number(json, i)
                res.raw = raw
                res.kind = .number
                res.num = GoNumberParsing.parseFloat(String(decoding: raw, as: UTF8.self)).value
                return (next, res, true)
            }
            i += 1
        }
        return (i, res, false)
    }
}
