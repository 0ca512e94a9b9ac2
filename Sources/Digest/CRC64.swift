/// CRC-64/XZ (ECMA-182 polynomial, reflected, all-ones start and final XOR): the checksum OSS returns in
/// `x-oss-hash-crc64ecma` and its SDKs compare after uploads and full downloads (Argo's `workflow/artifacts/oss/oss.go`).
/// Slicing-by-8 in pure Swift, so checking a transfer costs little next to the transfer.
public struct CRC64: Sendable {
    private var state: UInt64 = ~0

    public init() {}

    public var value: UInt64 { ~state }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        var i = 0
        let n = bytes.count
        let t = Self.tables
        while n - i >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ crc
            crc = t[7][Int(word & 0xFF)] ^ t[6][Int((word >> 8) & 0xFF)] ^ t[5][Int((word >> 16) & 0xFF)]
                ^ t[4][Int((word >> 24) & 0xFF)] ^ t[3][Int((word >> 32) & 0xFF)] ^ t[2][Int((word >> 40) & 0xFF)]
                ^ t[1][Int((word >> 48) & 0xFF)] ^ t[0][Int(word >> 56)]
            i += 8
        }
        while i < n {
            crc = t[0][Int((crc ^ UInt64(bytes[i])) & 0xFF)] ^ (crc >> 8)
            i += 1
        }
        state = crc
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt64 {
        var crc = CRC64()
        crc.update(bytes)
        return crc.value
    }

    private static let tables: [[UInt64]] = CRCTables.slicingBy8(reflectedPolynomial: 0xC96C_5795_D787_0F42 as UInt64)
}
