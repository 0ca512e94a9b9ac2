/// Standard base64 (RFC 4648 with padding), as Go's base64.StdEncoding encodes and strictly decodes it.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go skips \r and \n in the input; any other invalid byte is reported at its offset.
    static func decode(_ text: String) throws(ExprError) -> [UInt8] {
        let input = text.utf8.filter { $0 != 10 && $0 != 13 }
        var out: [UInt8] = []
        var quad: [UInt32] = []
        var index = 0
        var padding = 0
        for byte in input {
            defer { index += 1 }
            if byte == UInt8(ascii: "=") {
                guard quad.count >= 2 else { throw illegal(index) }
                padding += 1
                quad.append(0)
            } else {
                guard padding == 0, let v = alphabet.firstIndex(of: byte) else { throw illegal(index) }
                quad.append(UInt32(v))
            }
            if quad.count == 4 {
                let v = quad[0] << 18 | quad[1] << 12 | quad[2] << 6 | quad[3]
                out.append(UInt8(v >> 16 & 255))
                if padding < 2 { out.append(UInt8(v >> 8 & 255)) }
                if padding < 1 { out.append(UInt8(v & 255)) }
                quad = []
                if padding > 0 { break }
            }
        }
        let consumed = index
        if !quad.isEmpty || consumed < input.count { throw illegal(min(consumed, input.count)) }
        return out
    }

    private static func illegal(_ offset: Int) -> ExprError {
        .runtime("illegal base64 data at input byte \(offset)")
    }
}
