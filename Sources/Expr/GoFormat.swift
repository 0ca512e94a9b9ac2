import ModelBase

/// Go's text formatting where expr-lang's results depend on it: `fmt.Sprintf("%v")` (the `string()`
/// builtin and error messages), `strconv.Quote` (`%#v` of strings in parse errors) and `%#U`.
enum GoFormat {
    /// `fmt.Sprint(value)` for the values an expression can hold.
    static func value(_ v: ExprValue) -> String {
        switch v {
        case .null: "<nil>"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .float(let f): float(f)
        case .string(let s): s
        case .bytes(let b): "[" + b.map { String($0) }.joined(separator: " ") + "]"
        case .array(let a): "[" + a.map(value).joined(separator: " ") + "]"
        case .map(let m): "map[" + m.sortedPairs.map { "\($0.key):\(value($0.value))" }.joined(separator: " ") + "]"
        }
    }

    /// `%v` of a float64: strconv's shortest 'g', which switches to e-notation when the decimal exponent
    /// is < -4 or >= 6 (so `1e+06`, `1.234567e+06`, `123456`, `0.0001`, `1e-05`).
    static func float(_ f: Double) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
        let d = ShortestDecimal(f)
        let exp = d.dp - 1
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        if exp < -4 || exp >= 6 { return d.exponential() }
        return d.fixed()
    }

    /// encoding/json's float64: shortest 'f', or shortest 'e' below 1e-6 and from 1e21 on.
    static func jsonFloat(_ f: Double) -> String {
        let d = ShortestDecimal(f)
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        let magnitude = Swift.abs(f)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            // encoding/json trims a leading zero of a negative two-digit exponent: 1e-07 becomes 1e-7.
            var s = d.exponential()
            if let e = s.lastIndex(of: "e"), s[s.index(after: e)...].hasPrefix("-0") {
                s.remove(at: s.index(e, offsetBy: 2))
            }
            return s
        }
        return d.fixed()
    }

    /// `%#U`: `U+0041 'A'`, the character only when printable.
    static func unicodeNotation(_ r: Unicode.Scalar) -> String {
        let code = "U+" + hex(r.value, width: 4).uppercased()
        return GoQuote.isPrint(r) ? "\(code) '\(Character(r))'" : code
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension GoFormat {
    /// `%s` of a value: strings as they are, other scalars as Go's `%!s(type=value)` complaint,
    /// containers element by element.
    static func sVerb(_ v: ExprValue) -> String {
        switch v {
        case .string(let s): s
        case .null: "%!s(<nil>)"
        case .bool, .int, .float: "%!s(\(v.goTypeName == "float64" ? "float64" : v.goTypeName)=\(value(v)))"
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        case .array(let a): "[" + a.map(sVerb).joined(separator: " ") + "]"
        case .map(let m): "map[" + m.sortedPairs.map { "\($0.key):\(sVerb($0.value))" }.joined(separator: " ") + "]"
        }
    }
}
