/// Go's unicode/utf8 `DecodeRune` and `DecodeLastRune` over raw bytes: gjson's wildcard matcher and the JSONPath
/// lexer step through text rune by rune this way, an invalid byte reading as U+FFFD of width 1.
enum GoUTF8 {
    static let runeError: UInt32 = 0xFFFD

    /// The rune starting at `i` and its width (0 at the end), reading no further than `end`.
    static func decode(_ p: [UInt8], _ i: Int, end: Int? = nil) -> (UInt32, Int) {
        let limit = min(end ?? p.count, p.count)
        guard i >= 0, i < limit else { return (runeError, 0) }
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let size: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: size = 2
        case 0xE0: size = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: size = 3
        case 0xED: size = 3; high = 0x9F
        case 0xF0: size = 4; low = 0x90
        case 0xF1...0xF3: size = 4
        case 0xF4: size = 4; high = 0x8F
        default: return (runeError, 1)
        }
        guard limit - i >= size else { return (runeError, 1) }
        let b1 = p[i + 1]
        guard b1 >= low, b1 <= high else { return (runeError, 1) }
        var rune = UInt32(b0) & (size == 2 ? 0x1F : (size == 3 ? 0x0F : 0x07))
        rune = rune << 6 | UInt32(b1 & 0x3F)
        for k in 2..<max(size, 2) {
            let b = p[i + k]
            guard b >= 0x80, b <= 0xBF else { return (runeError, 1) }
            rune = rune << 6 | UInt32(b & 0x3F)
        }
        return (rune, size)
    }

    /// The rune ending at `end` (exclusive) and its width (0 when nothing lies between `start` and `end`).
    static func decodeLast(_ p: [UInt8], start lower: Int = 0, end: Int) -> (UInt32, Int) {
        guard end > lower, lower >= 0, end <= p.count else { return (runeError, 0) }
        var start = end - 1
        if p[start] < 0x80 { return (UInt32(p[start]), 1) }
        let limit = max(end - 4, lower)
        start -= 1
        while start >= limit, p[start] & 0xC0 == 0x80 { start -= 1 }
        start = max(start, lower)
        let (rune, size) = decode(p, start, end: end)
        return start + size == end ? (rune, size) : (runeError, 1)
    }
}
