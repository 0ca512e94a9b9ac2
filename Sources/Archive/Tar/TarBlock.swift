import Core

/// One 512-byte tar header block, read the way Go's `archive/tar` reads it (`reader.go` `readHeader`,
/// `strconv.go`), since Argo reads inputs with it: the checksum (signed or unsigned sum) decides whether it
/// is a header at all, the magic decides the layout (V7, USTAR/PAX, GNU, STAR), numbers are octal or
/// base-256, strings end at the first NUL. Every number is range-checked: no input can trap.
struct TarBlock {
    static let size = 512

    enum Format { case v7, ustar, gnu, star }

    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    /// nil when the checksum does not match: not a tar header.
    var format: Format? {
        guard let stored = try? Self.octal(bytes[148..<156]) else { return nil }
        var unsigned: Int64 = 0, signed: Int64 = 0
        for (i, b) in bytes.enumerated() {
            let value = (148..<156).contains(i) ? 0x20 : b
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || stored == signed else { return nil }
        let magic = Array(bytes[257..<263]), version = Array(bytes[263..<265])
        if magic == Array("ustar\u{0}".utf8) {
            return Array(bytes[508..<512]) == Array("tar\u{0}".utf8) ? .star : .ustar
        }
        if magic == Array("ustar ".utf8) && version == [0x20, 0] { return .gnu }
        return .v7
    }

    var typeflag: UInt8 { bytes[156] }

    func string(_ range: Range<Int>) -> RawPath { RawPath(bytes: Self.cString(bytes[range])) }

    func number(_ range: Range<Int>, _ label: String) throws(ExecError) -> Int64 { try Self.numeric(bytes[range], label) }

    /// The entry name: USTAR's and STAR's prefix joined in front of `name`; V7 has no prefix; GNU has none
    /// either, unless its atime/ctime fields do not parse and the USTAR prefix field is ASCII: then, as Go
    /// does for archives its pre-1.8 writer got wrong, that field is the prefix.
    func name(_ format: Format) -> RawPath {
        let name = string(0..<100)
        let prefix: RawPath
        switch format {
        case .ustar: prefix = string(345..<500)
        case .star: prefix = string(345..<476)
        case .v7: return name
        case .gnu:
            let times = [345..<357, 357..<369].filter { bytes[$0.lowerBound] != 0 }
            guard times.contains(where: { (try? Self.numeric(bytes[$0], "time")) == nil }) else { return name }
            let candidate = string(345..<500)
            guard candidate.bytes.allSatisfy({ $0 < 0x80 }) else { return name }
            prefix = candidate
        }
        return prefix.isEmpty ? name : RawPath(bytes: prefix.bytes + [UInt8(ascii: "/")] + name.bytes)
    }

    /// Go's parser also reads, and so validates, the device numbers of USTAR, GNU and STAR headers and
    /// STAR's times; a field that does not parse makes the header invalid.
    func validateOtherNumbers(_ format: Format) throws(ExecError) {
        guard format != .v7 else { return }
        _ = try number(329..<337, "devmajor")
        _ = try number(337..<345, "devminor")
        if format == .star {
            _ = try number(476..<488, "atime")
            _ = try number(488..<500, "ctime")
        }
    }

    // MARK: Go's parser

    /// Bytes up to the first NUL (`parseString`).
    static func cString(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let nul = b.firstIndex(of: 0) else { return b }
        return b[b.startIndex..<nul]
    }

    /// `parseNumeric`: base-256 two's complement when the top bit of the first byte is set, else octal.
    static func numeric(_ b: ArraySlice<UInt8>, _ label: String) throws(ExecError) -> Int64 {
        guard let first = b.first, first & 0x80 != 0 else { return try octal(b, label) }
        let inverted: UInt8 = first & 0x40 != 0 ? 0xFF : 0
        var x: UInt64 = 0
        for (i, byte) in b.enumerated() {
            var c = byte ^ inverted
            if i == 0 { c &= 0x7F }
            guard x >> 56 == 0 else { throw headerError("\(label) overflows a 64-bit number") }
            x = x << 8 | UInt64(c)
        }
        guard x >> 63 == 0 else { throw headerError("\(label) overflows a 64-bit number") }
        return inverted == 0xFF ? ~Int64(x) : Int64(x)
    }

    /// `parseOctal`: spaces and NULs trimmed at both ends, then up to a NUL, as an unsigned octal number
    /// (Go then converts it to int64 by wrapping, which we do without trapping; a negative size is refused
    /// later, as Go refuses it).
    static func octal(_ b: ArraySlice<UInt8>, _ label: String = "checksum") throws(ExecError) -> Int64 {
        var s = b
        while let f = s.first, f == 0x20 || f == 0 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0 { s = s.dropLast() }
        s = cString(s)
        if s.isEmpty { return 0 }
        var x: UInt64 = 0
        for c in s {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "7"), x >> 61 == 0 else {
                throw headerError("invalid octal number in \(label): \(RawPath(bytes: b))")
            }
            x = x << 3 | UInt64(c - UInt8(ascii: "0"))
        }
        return Int64(bitPattern: x)
    }

    static func headerError(_ why: String) -> ExecError {
        ExecError(.badRequest, "archive/tar: invalid tar header (\(why))")
    }
}
