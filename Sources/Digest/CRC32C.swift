import ModelBase
import Core

/// CRC-32C (Castagnoli, reflected, all-ones start and final XOR): the checksum GCS reports for every object
/// in `x-goog-hash: crc32c=<base64 of the big-endian value>`, which Google's Go client compares after a
/// whole-object read (cloud.google.com/go/storage `reader.go`). Slicing-by-8 in pure Swift.
public struct CRC32C: Sendable {
    private var state: UInt32 = ~0

    public init() {}

    public var value: UInt32 { ~state }

    /// The value as GCS spells it: base64 of its four big-endian bytes.
    public var base64: String {
        let v = value
        return Base64.encode([UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        var i = 0
        let n = bytes.count
        let t = Self.tables
        while n - i >= 8 {
            let lo = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ crc
            let hi = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
            crc = t[7][Int(lo & 0xFF)] ^ t[6][Int((lo >> 8) & 0xFF)] ^ t[5][Int((lo >> 16) & 0xFF)] ^ t[4][Int(lo >> 24)]
                ^ t[3][Int(hi & 0xFF)] ^ t[2][Int((hi >> 8) & 0xFF)] ^ t[1][Int((hi >> 16) & 0xFF)] ^ t[0][Int(hi >> 24)]
            i += 8
        }
        while i < n {
            crc = t[0][Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
            i += 1
        }
        state = crc
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32C()
        crc.update(bytes)
        return crc.value
    }

    private static let tables: [[UInt32]] = CRCTables.slicingBy8(reflectedPolynomial: 0x82F6_3B78 as UInt32)
}
