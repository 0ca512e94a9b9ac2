/// client-go jsonpath's `UnquoteExtend` (parser.go): Go's `strconv.Unquote` rules through `strconv.UnquoteChar`, for
/// double- and single-quoted strings alike. nil is Go's `ErrSyntax`.
enum GoUnquote {
    static func unquoteExtend(_ s: [UInt8]) -> [UInt8]? {
        guard s.count >= 2, let quote = s.first, quote == s.last, quote == 0x22 || quote == 0x27 else { return nil }
        var rest = s.sub(1, s.count - 1)
        if !rest.contains(0x5C) && !rest.contains(quote) { return rest }
        var out: [UInt8] = []
        while !rest.isEmpty {
            guard let (bytes, tail) = unquoteChar(rest, quote: quote) else { return nil }
            out += bytes
            rest = tail
        }
        return out
    }

    /// `strconv.UnquoteChar` plus UnquoteExtend's encoding: the bytes of one (possibly escaped) character and the
    /// rest. `\x` and octal escapes give a raw byte; `\u` / `\U` must be valid runes.
    private static func unquoteChar(_ s: [UInt8], quote: UInt8) -> ([UInt8], [UInt8])? {
        let c = s[0]
        if c == quote { return nil }
        if c >= 0x80 {
            let (_, size) = GoUTF8.decode(s, 0)
            return (s.sub(0, size), s.sub(size))
        }
        if c != 0x5C { return ([c], s.sub(1)) }
        guard s.count > 1 else { return nil }
        let e = s[1]
        var rest = s.sub(2)
        switch e {
        case UInt8(ascii: "a"): return ([0x07], rest)
        case UInt8(ascii: "b"): return ([0x08], rest)
        case UInt8(ascii: "f"): return ([0x0C], rest)
        case UInt8(ascii: "n"): return ([0x0A], rest)
        case UInt8(ascii: "r"): return ([0x0D], rest)
        case UInt8(ascii: "t"): return ([0x09], rest)
        case UInt8(ascii: "v"): return ([0x0B], rest)
        case 0x5C: return ([0x5C], rest)
        case 0x22, 0x27: return e == quote ? ([e], rest) : nil
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
            guard rest.count >= n else { return nil }
            var v: UInt32 = 0
            for j in 0..<n {
                guard let x = GJSONScan.hexValue(rest[j]) else { return nil }
                v = v << 4 | x
            }
            rest = rest.sub(n)
            if e == UInt8(ascii: "x") { return ([UInt8(v)], rest) }
            guard let scalar = Unicode.Scalar(v) else { return nil }
            return (Array(String(scalar).utf8), rest)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard rest.count >= 2 else { return nil }
            var v = UInt32(e - UInt8(ascii: "0"))
            for j in 0..<2 {
                guard rest[j] >= UInt8(ascii: "0"), rest[j] <= UInt8(ascii: "7") else { return nil }
                v = v << 3 | UInt32(rest[j] - UInt8(ascii: "0"))
            }
            guard v <= 255 else { return nil }
            return ([UInt8(v)], rest.sub(2))
        default:
            return nil
        }
    }
}
