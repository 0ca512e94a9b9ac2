/// Go's `strconv` number readers, with their exact acceptance rules, for the places where Kubernetes and gjson read
/// numbers out of user text: label selector values (`ParseInt(s, 10, 64)` in apimachinery pkg/labels/selector.go),
/// JSONPath indexes (`Atoi`), and gjson's `ParseFloat`. Every conversion is checked: nothing here traps.
enum GoNumberParsing {
    /// `strconv.ParseInt(text, 10, 64)`: an optional sign, then one or more ASCII digits; nil on a syntax or range
    /// error. (Atoi is the same on 64-bit platforms.)
    static func parseInt64(_ text: some StringProtocol) -> Int64? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `strconv.Atoi`, as an `Int`.
    static func atoi(_ text: some StringProtocol) -> Int? {
        parseInt64(text).flatMap { Int(exactly: $0) }
    }

    /// `strconv.ParseFloat(text, 64)`, returning the value Go returns even on error (0 on a syntax error, ±Inf when
    /// out of range), together with whether it was an error. Accepted: an optional sign with decimal digits, an
    /// optional point and exponent; "inf", "infinity" (signed) and "nan" in any case; hexadecimal mantissas with a
    /// mandatory 'p' exponent. Underscores (allowed by Go only after a base prefix) are treated as a syntax error.
    static func parseFloat(_ text: some StringProtocol) -> (value: Double, ok: Bool) {
        let s = String(text)
        var body = Substring(s)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        if lower == "inf" || lower == "infinity" { return (negative ? -.infinity : .infinity, true) }
        if lower == "nan", s.first != "+", s.first != "-" { return (.nan, true) }
        let valid = lower.hasPrefix("0x") ? isHexFloat(lower.dropFirst(2)) : isDecimalFloat(Substring(lower))
        guard valid, let value = Double(s) else { return (0, false) }
        return (value, value.isFinite)
    }

    private static func isDecimalFloat(_ s: Substring) -> Bool {
        guard let bytes = mantissa(s.utf8[...], hex: false) else { return false }
        guard let e = bytes.first else { return true }
        guard e == UInt8(ascii: "e") else { return false }
        return isExponent(bytes.dropFirst())
    }

    private static func isHexFloat(_ s: Substring) -> Bool {
        guard let bytes = mantissa(s.utf8[...], hex: true), let p = bytes.first, p == UInt8(ascii: "p") else { return false }
        return isExponent(bytes.dropFirst())
    }

    /// Digits (hex digits when `hex`) with at most one point; what follows them, nil when there was no digit.
    private static func mantissa(_ input: Substring.UTF8View.SubSequence, hex: Bool) -> Substring.UTF8View.SubSequence? {
        var sawDigit = false
        var sawPoint = false
        var bytes = input
        while let b = bytes.first {
            if (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (hex && b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) {
                sawDigit = true
            } else if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        return sawDigit ? bytes : nil
    }

    private static func isExponent(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        var rest = bytes
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
