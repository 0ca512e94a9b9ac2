/// `strconv.FormatFloat(f, 'g', -1, 32)`, with sigs.k8s.io/yaml's renaming of the non-finite results: how a
/// float mapping key becomes a JSON key (sigs.k8s.io/yaml yaml.go, `convertToJSONableObject`). The value is
/// rounded to float32 first, so `3.14159265358979: x` gives the key `3.1415927` and `1e39: x` gives `.inf`.
enum GoFloatFormat {
    static func shortestFloat32(_ value: Double) -> String {
        let f = Float(value)
        if f.isNaN { return ".nan" }
        if f.isInfinite { return f > 0 ? ".inf" : "-.inf" }
        let negative = f.sign == .minus
        // Swift's description is the shortest round-tripping decimal, as Go's shortest formatting is;
        // only the layout differs, so take its digits and decimal point and lay them out Go's way.
        var (digits, point) = decimal(f.magnitude.description)
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return negative ? "-0" : "0" }
        let exponent = point - 1
        // %e when the exponent is below -4 or at least 6 (eprec is 6 for the shortest form), else %f.
        var out = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 {
            out.append(digits.first ?? "0")
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += exponent < 0 ? "e-" : "e+"
            let e = String(abs(exponent))
            out += e.count < 2 ? "0" + e : e
            return out
        }
        if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + digits
        } else if digits.count <= point {
            out += digits + String(repeating: "0", count: point - digits.count)
        } else {
            out += digits.prefix(point) + "." + digits.dropFirst(point)
        }
        return out
    }

    /// The digit string and decimal-point position of Swift's `"123.45"`, `"1e-05"` or `"1.5e+20"`.
    private static func decimal(_ text: String) -> (String, Int) {
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first ?? ""
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        if let dot = mantissa.firstIndex(of: ".") {
            let whole = mantissa[..<dot]
            return (String(whole) + mantissa[mantissa.index(after: dot)...], whole.count + exponent)
        }
        return (String(mantissa), mantissa.count + exponent)
    }
}
