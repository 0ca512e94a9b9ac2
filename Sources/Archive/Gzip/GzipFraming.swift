import Core

/// The gzip member framing around raw deflate data (RFC 1952), written the way Go's compress/gzip writes
/// it: no name, mtime 0, XFL 0, OS 255 (Argo's `util/archive/archive.go`). Any gzip reader accepts it.
enum GzipFraming {
    static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF]

    /// CRC-32 and ISIZE (length modulo 2^32), little endian.
    static func trailer(crc: UInt, length: UInt64) -> [UInt8] {
        let c = UInt32(truncatingIfNeeded: crc), n = UInt32(truncatingIfNeeded: length)
        return [UInt8(c & 0xFF), UInt8((c >> 8) & 0xFF), UInt8((c >> 16) & 0xFF), UInt8(c >> 24),
                UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)]
    }

    /// zlib level for an Argo `compressionLevel`: -1 means the default (6); Go accepts -2...9, and -2
    /// (Huffman only) becomes 1 since zlib has no separate level for it. Anything else is refused, as Go's
    /// `gzip.NewWriterLevel` does.
    static func zlibLevel(_ level: Int) throws(ExecError) -> Int32 {
        switch level {
        case -1: return 6
        case -2: return 1
        case 0...9: return Int32(level)
        default: throw ExecError(.badRequest, "gzip: invalid compression level: \(level)")
        }
    }
}
