/// The parts of Go's strconv that go-yaml v2's `resolve` leans on, over ASCII bytes (Go works on bytes, so
/// any non-ASCII byte is simply not a digit).
enum GoNumbers {
    /// `strconv.ParseInt(s, 0, 64)`, else `strconv.ParseUint(s, 0, 64)`: the int (or uint64) a plain scalar is.
    static func integer(_ s: [UInt8]) -> Resolved? {
        if let i = parseInt(s[...], base: 0) { return .int(i) }
        if let u = parseUint(s[...], base: 0) { return .uint(u) }
        return nil
    }

    /// resolve.go's fallback for `0b…` / `-0b…` that base 0 refused (it parses the rest in base 2, sign
    /// allowed, so `0b+1` is 1): kept for exactness.
    static func legacyBinary(_ s: [UInt8]) -> Resolved? {
        let zero = UInt8(ascii: "0"), b = UInt8(ascii: "b")
        if s.count >= 2, s[0] == zero, s[1] == b {
            if let i = parseInt(s[2...], base: 2) { return .int(i) }
            if let u = parseUint(s[2...], base: 2) { return .uint(u) }
        } else if s.count >= 3, s[0] == UInt8(ascii: "-"), s[1] == zero, s[2] == b {
            if let i = parseInt([UInt8(ascii: "-")] + s[3...], base: 2) { return .int(i) }
        }
        return nil
    }

    /// `strconv.ParseInt`: an optional sign, then `parseUint`'s digits, within Int64.
    static func parseInt(_ s: ArraySlice<UInt8>, base: Int) -> Int64? {
        guard let first = s.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        let digits = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? s.dropFirst() : s
        guard let magnitude = parseUint(digits, base: base) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `strconv.ParseUint`: no sign; base 0 reads a `0x`/`0o`/`0b` prefix (either case, with at least one
    /// digit after it) or a leading `0` as octal; letters are digits 10-35; nil on overflow.
    static func parseUint(_ s: ArraySlice<UInt8>, base: Int) -> UInt64? {
        guard !s.isEmpty else { return nil }
        var digits = s
        var radix = UInt64(base)
        if base == 0 {
            radix = 10
            if s.first == UInt8(ascii: "0") {
                let second = s.count >= 3 ? s[s.startIndex + 1] | 0x20 : 0
                switch second {
                case UInt8(ascii: "b"): radix = 2; digits = s.dropFirst(2)
                case UInt8(ascii: "o"): radix = 8; digits = s.dropFirst(2)
                case UInt8(ascii: "x"): radix = 16; digits = s.dropFirst(2)
                default: radix = 8; digits = s.dropFirst()
                }
            }
        }
        var value: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard d < radix else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    /// resolve.go's `yamlStyleFloat` (`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`) followed by
    /// `strconv.ParseFloat`, which fails on overflow: `1e999` stays a string, while `1e-999` is 0.
    static func parseFloat(_ s: [UInt8]) -> Double? {
        guard matchesYAMLStyleFloat(s), let d = Double(String(decoding: s, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    static func matchesYAMLStyleFloat(_ s: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < s.count, s[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == s.count
    }
}
