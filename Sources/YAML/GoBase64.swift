/// `!!binary` scalars (decoded by ModelBase's `Base64`, Go's `StdEncoding`): the string Go's encoding/json writes
/// for bytes that may not be UTF-8.
enum GoBase64 {
    /// The text Go's `json.Marshal` writes for these bytes: valid UTF-8 as is, and U+FFFD for every byte
    /// `utf8.DecodeRune` cannot start a rune at (one per byte, where Swift's decoder would give one per
    /// maximal invalid sequence).
    static func goString(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let (scalar, size) = decodeRune(bytes, at: i)
            scalars.append(scalar)
            i += size
        }
        return String(scalars)
    }

    /// Go's `utf8.DecodeRune`: shortest-form sequences only, no surrogates, nothing past U+10FFFF.
    private static func decodeRune(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let bad: (Unicode.Scalar, Int) = ("\u{FFFD}", 1)
        let c0 = b[i]
        if c0 < 0x80 { return (Unicode.Scalar(c0), 1) }
        let (size, low, high): (Int, UInt8, UInt8) = switch c0 {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xE1...0xEF: (3, 0x80, 0xBF)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        default: (0, 0, 0)
        }
        guard size > 0, i + size <= b.count, (low...high).contains(b[i + 1]) else { return bad }
        for k in 2..<size where !(0x80...0xBF).contains(b[i + k]) { return bad }
        var v = UInt32(c0) & (0xFF >> (size + 1))
        for k in 1..<size { v = v << 6 | UInt32(b[i + k] & 0x3F) }
        guard let scalar = Unicode.Scalar(v) else { return bad }
        return (scalar, size)
    }
}
