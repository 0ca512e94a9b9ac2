/// Go's float64 text forms, which kubectl, apimachinery and gjson print through: `strconv.FormatFloat(f, fmt, -1, 64)`
/// for the 'f', 'e' and 'g' verbs (shortest digits that read back to the same value), `fmt`'s `%v`, and
/// `encoding/json`'s float encoder. Swift's `description` also prints the shortest round-trip digits, so the digits are
/// taken from it and laid out the way Go's strconv/ftoa.go `fmtF` / `fmtE` / `%g` do.
enum GoFloat {
    /// The shortest decimal digits of `value` (no leading or trailing zeros; empty for zero) and the position of the
    /// decimal point: value = 0.d1d2...dn × 10^point (Go's `decimalSlice` with `nd` and `dp`).
    struct Digits {
        var digits: [UInt8] = []
        var point = 0
    }

    static func digits(of value: Double) -> Digits {
        var result = Digits()
        var exponent = 0
        var beforePoint = 0
        var seenPoint = false
        var text = Array(value.magnitude.description.utf8)
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
            text = Array(text[..<e])
        }
        for byte in text {
            if byte == UInt8(ascii: ".") { seenPoint = true; continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { continue }
            result.digits.append(byte)
            if !seenPoint { beforePoint += 1 }
        }
        result.point = beforePoint + exponent
        while let first = result.digits.first, first == UInt8(ascii: "0") {
            result.digits.removeFirst()
            result.point -= 1
        }
        while let last = result.digits.last, last == UInt8(ascii: "0") { result.digits.removeLast() }
        if result.digits.isEmpty { result.point = 0 }
        return result
    }

    /// `strconv.FormatFloat(value, 'f', -1, 64)`.
    static func formatF(_ value: Double) -> String {
        if let special = special(value) { return special }
        let d = digits(of: value)
        return sign(value) + fixed(d, precision: max(d.digits.count - d.point, 0))
    }

    /// `strconv.FormatFloat(value, 'e', -1, 64)`.
    static func formatE(_ value: Double) -> String {
        if let special = special(value) { return special }
        let d = digits(of: value)
        return sign(value) + exponential(d, precision: max(d.digits.count - 1, 0))
    }

    /// `strconv.FormatFloat(value, 'g', -1, 64)`, which is also what `fmt` prints for `%v` of a float64
    /// (`fmt.Println(1e6)` prints `1e+06`: the shortest form switches to an exponent from 10^6 on, and below 1e-4).
    static func formatG(_ value: Double) -> String {
        if let special = special(value) { return special }
        let d = digits(of: value)
        let exp = d.point - 1
        if exp < -4 || exp >= 6 {
            return sign(value) + exponential(d, precision: d.digits.count - 1)
        }
        return sign(value) + fixed(d, precision: max(d.digits.count - d.point, 0))
    }

    /// `encoding/json`'s float64 encoder: 'f' unless the magnitude is below 1e-6 or at least 1e21, then 'e' with a
    /// two-digit negative exponent shortened (`1e-07` becomes `1e-7`; `1e+21` stays). Non-finite values cannot be
    /// marshalled in Go (an error); they never come out of a JSON reader, and are written as `null` here.
    static func formatJSON(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let magnitude = value.magnitude
        guard magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 else { return formatF(value) }
        var text = Array(formatE(value).utf8)
        let n = text.count
        if n >= 4, text[n - 4] == UInt8(ascii: "e"), text[n - 3] == UInt8(ascii: "-"), text[n - 2] == UInt8(ascii: "0") {
            text[n - 2] = text[n - 1]
            text.removeLast()
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// strconv's texts for the values without digits.
    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    private static func sign(_ value: Double) -> String { value.sign == .minus ? "-" : "" }

    /// strconv/ftoa.go `fmtF`.
    private static func fixed(_ d: Digits, precision: Int) -> String {
        var out: [UInt8] = []
        if d.point > 0 {
            let m = min(d.digits.count, d.point)
            out.append(contentsOf: d.digits[..<m])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: d.point - m))
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = d.point + i - 1
                out.append(j >= 0 && j < d.digits.count ? d.digits[j] : UInt8(ascii: "0"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// strconv/ftoa.go `fmtE`.
    private static func exponential(_ d: Digits, precision: Int) -> String {
        var out: [UInt8] = [d.digits.first ?? UInt8(ascii: "0")]
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            let m = min(d.digits.count, precision + 1)
            if i < m { out.append(contentsOf: d.digits[i..<m]); i = m }
            while i <= precision { out.append(UInt8(ascii: "0")); i += 1 }
        }
        out.append(UInt8(ascii: "e"))
        var exp = d.digits.isEmpty ? 0 : d.point - 1
        out.append(exp < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        exp = exp.magnitude > 9999 ? 9999 : abs(exp)
        let text = Array(String(exp).utf8)
        if text.count < 2 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: text)
        return String(decoding: out, as: UTF8.self)
    }
}
