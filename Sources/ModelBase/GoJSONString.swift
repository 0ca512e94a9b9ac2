/// Go's encoding/json string encoding (`appendString`, HTML escaping on: what `json.Marshal` writes, Go 1.22+):
/// `<` `>` `&` as `\u003c` `\u003e` `\u0026`, U+2028/U+2029 escaped, control characters as `\b` `\f` `\n` `\r`
/// `\t` or `\u00XX`. kubectl's and gojq's output and expr-lang's `toJSON` all quote strings with it.
public enum GoJSONString {
    /// encoding/json `appendString` with HTML escaping on (what `json.Marshal` does).
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let hexDigits = Array("0123456789abcdef".utf8)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x3C, 0x3E, 0x26:
                out += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(v >> 4)], hexDigits[Int(v & 0xF)]]
            case 0x2028, 0x2029:
                out += Array("\\u202".utf8) + [hexDigits[Int(v & 0xF)]]
            default:
                out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
