/// Standard base64 with padding (RFC 4648), for header values and keys; small enough not to need Foundation.
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `base64.CorruptInputError`: the offset of the first byte that cannot be decoded.
    public struct CorruptInput: Error, Sendable {
        public let offset: Int
        public var message: String { "illegal base64 data at input byte \(offset)" }
    }

    /// Go's `base64.StdEncoding.DecodeString`: padding required, `\r` and `\n` skipped anywhere, nothing after
    /// the padding (trailing bits need not be zero); the error names the first byte it cannot take. Account keys,
    /// `!!binary` YAML scalars, HTTP templates' `bodyFrom.bytes` and expr-lang's `fromBase64` all decode here.
    public static func decode(_ text: String) throws(CorruptInput) -> [UInt8] {
        let input = text.utf8.filter { $0 != 0x0A && $0 != 0x0D }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var quad: [UInt32] = []
        var index = 0
        var padding = 0
        for byte in input {
            defer { index += 1 }
            if byte == UInt8(ascii: "=") {
                guard quad.count >= 2 else { throw CorruptInput(offset: index) }
                padding += 1
                quad.append(0)
            } else {
                guard padding == 0, let v = alphabet.firstIndex(of: byte) else { throw CorruptInput(offset: index) }
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
        if !quad.isEmpty || index < input.count { throw CorruptInput(offset: min(index, input.count)) }
        return out
    }

    /// `decode`, nil for input Go would refuse.
    public static func decodeIfValid(_ text: String) -> [UInt8]? { try? decode(text) }
}
