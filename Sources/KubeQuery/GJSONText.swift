/// gjson's string helpers (gjson.go `unescape`, `AppendJSONString`) and its whole-document reader `Parse` with
/// `tostr` / `tonum` / `tolit`.
extension GJSONScan {
    /// `unescape`: JSON escapes decoded; it stops at a control byte or a bad escape, as gjson does. A `\u` surrogate
    /// pair is combined; a lone surrogate (or an invalid pair) becomes U+FFFD, as Go's utf16/utf8 packages write it.
    static func unescape(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var i = 0
        while i < json.count {
            let c = json[i]
            if c < 0x20 { return out }
            guard c == 0x5C else { out.append(c); i += 1; continue }
            i += 1
            guard i < json.count else { return out }
            switch json[i] {
            case 0x5C: out.append(0x5C)
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case 0x22: out.append(0x22)
            case UInt8(ascii: "u"):
                guard i + 5 <= json.count else { return out }
                var rune = hex4(json, i + 1)
                i += 5
                if (0xD800..<0xE000).contains(rune) {
                    if json.count - i >= 6, json[i] == 0x5C, json[i + 1] == UInt8(ascii: "u") {
                        let low = hex4(json, i + 2)
                        rune = (0xD800..<0xDC00).contains(rune) && (0xDC00..<0xE000).contains(low)
                            ? 0x10000 + ((rune - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                        i += 6
                    }
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(rune) ?? "\u{FFFD}").utf8))
                continue
            default:
                return out
            }
            i += 1
        }
        return out
    }

    /// `runeit`: four hex digits (`strconv.ParseUint(s, 16, 64)`, 0 when they are not all hex).
    private static func hex4(_ json: [UInt8], _ start: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let digit = hexValue(json.at(start + k)) else { return 0 }
            value = value << 4 | digit
        }
        return value
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `AppendJSONString`: a JSON string literal, with `<` `>` `&` escaped, U+2028 / U+2029 escaped and each invalid
    /// UTF-8 byte as `\ufffd`.
    static func jsonString(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x22]
        let hexDigits = Array("0123456789abcdef".utf8)
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20, 0x3C, 0x3E, 0x26:
                out += Array("\\u00".utf8) + [hexDigits[Int(c >> 4)], hexDigits[Int(c & 0xF)]]
            case 0x5C, 0x22:
                out += [0x5C, c]
            case 0x80...:
                let (scalar, width) = GoUTF8.decode(s, i)
                if scalar == 0xFFFD && width == 1 {
                    out += Array("\\ufffd".utf8)
                } else if scalar == 0x2028 || scalar == 0x2029 {
                    out += Array("\\u202".utf8) + [hexDigits[Int(scalar & 0xF)]]
                } else {
                    out += s.sub(i, i + width)
                }
                i += width
                continue
            default:
                out.append(c)
            }
            i += 1
        }
        out.append(0x22)
        return out
    }

    /// `Parse(json)`: the first value of the text, without a path.
    static func parse(_ json: [UInt8]) -> GJSONResult {
        var value = GJSONResult()
        for (i, c) in json.enumerated() {
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                value.kind = .json
                value.raw = json.sub(i)
                return value
            }
            if c <= 0x20 { continue }
            let rest = json.sub(i)
            switch c {
            case UInt8(ascii: "n") where json.at(i + 1) != UInt8(ascii: "u") && i + 1 < json.count:
                value.kind = .number
                (value.raw, value.num) = toNumber(rest)
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "N"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                value.kind = .number
                (value.raw, value.num) = toNumber(rest)
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
                value.kind = c == UInt8(ascii: "t") ? .true : (c == UInt8(ascii: "f") ? .false : .null)
                value.raw = literal(rest, 0).1
            case 0x22:
                value.kind = .string
                (value.raw, value.str) = toString(rest)
            default:
                return GJSONResult()
            }
            return value
        }
        return value
    }

    /// `tonum`: up to whitespace, ',', ']' or '}'.
    static func toNumber(_ json: [UInt8]) -> ([UInt8], Double) {
        var end = json.count
        for i in json.indices.dropFirst() {
            let c = json[i]
            if c <= 0x20 || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") { end = i; break }
        }
        let raw = json.sub(0, end)
        return (raw, GoNumberParsing.parseFloat(String(decoding: raw, as: UTF8.self)).value)
    }

    /// `tostr`: the raw string (quotes included) and its unescaped value.
    static func toString(_ json: [UInt8]) -> ([UInt8], [UInt8]) {
        let (next, raw, escaped, ok) = string(json, 1)
        guard ok else { return (json, escaped ? unescape(json.sub(1)) : json.sub(1)) }
        let inner = raw.sub(1, raw.count - 1)
        _ = next
        return (raw, escaped ? unescape(inner) : inner)
    }
}
