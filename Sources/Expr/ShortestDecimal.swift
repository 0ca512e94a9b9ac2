/// The shortest decimal digits that round-trip a Double (what Go's strconv computes with precision -1),
/// read from Swift's `description`, which is also shortest-round-trip. `value = 0.d1d2d3... × 10^dp`.
struct ShortestDecimal {
    var negative: Bool
    /// ASCII digits without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var dp: Int

    init(_ x: Double) {
        negative = x.sign == .minus
        digits = []
        dp = 0
        guard x.isFinite, x != 0 else { return }
        let text = Swift.abs(x).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingPlus()) ?? 0
        }
        var integral = 0
        var seenPoint = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(ch)
                if !seenPoint { integral += 1 }
            }
        }
        dp = integral + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            dp -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    }

    private var sign: String { negative ? "-" : "" }

    /// `%e` with the shortest digits: `d.ddde±XX` (at least two exponent digits).
    func exponential() -> String {
        var s = sign + String(UnicodeScalar(digits[0]))
        if digits.count > 1 { s += "." + String(decoding: digits[1...], as: UTF8.self) }
        let exp = dp - 1
        let magnitude = String(Swift.abs(exp))
        return s + (exp < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// `%f` with as many fraction digits as the shortest representation needs.
    func fixed() -> String {
        var s = sign
        if dp > 0 {
            for i in 0..<dp { s.unicodeScalars.append(Unicode.Scalar(i < digits.count ? digits[i] : UInt8(ascii: "0"))) }
        } else {
            s += "0"
        }
        let fraction = max(digits.count - dp, 0)
        if fraction > 0 {
            s += "."
            for i in 0..<fraction {
                let index = dp + i
                s.unicodeScalars.append(Unicode.Scalar(index >= 0 && index < digits.count ? digits[index] : UInt8(ascii: "0")))
            }
        }
        return s
    }
}

extension Substring {
    fileprivate func replacingPlus() -> Substring { first == "+" ? dropFirst() : self }
}
