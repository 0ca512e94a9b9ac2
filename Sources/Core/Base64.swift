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

    /// Go's `base64.StdEncoding.DecodeString` (what the Azure SDK decodes account keys with): padding
    /// required, `\r` and `\n` skipped anywhere, nothing after the padding. nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = text.utf8.filter { $0 != 0x0A && $0 != 0x0D }
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var i = 0
        while i < chars.count {
            var quantum: UInt32 = 0
            var padding = 0
            for j in 0..<4 {
                let c = chars[i + j]
                if c == UInt8(ascii: "=") {
                    // `=` only ends the last quantum: `xx==` or `xxx=`.
                    guard i + 4 == chars.count, j >= 2, j == 3 || chars[i + 3] == UInt8(ascii: "=") else { return nil }
                    padding += 1
                    quantum <<= 6
                    continue
                }
                guard padding == 0, let v = alphabet.firstIndex(of: c) else { return nil }
                quantum = quantum << 6 | UInt32(v)
            }
            let bytes = [UInt8(quantum >> 16 & 0xFF), UInt8(quantum >> 8 & 0xFF), UInt8(quantum & 0xFF)]
            out.append(contentsOf: bytes[0..<(3 - padding)])
            i += 4
        }
        return out
    }
}
