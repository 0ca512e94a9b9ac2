import Core
import ModelBase

/// One tar entry's header, encoded as Go's archive/tar encodes it (Argo's `util/archive/archive.go`): USTAR whenever the
/// values fit (ASCII names split over `prefix`/`name`, octal fields with leading zeros and a NUL), else a
/// PAX extended header (`x`) carrying the values that do not fit, followed by a USTAR header.
/// We write headers ourselves because libarchive's ustar writer appends `/` to directory names, which Argo's
/// layout does not have.
struct TarHeader {
    enum Kind: UInt8 {
        case regular = 0x30  // '0'
        case hardlink = 0x31  // '1' (never written by the packer; the tests build hostile archives with it)
        case symlink = 0x32  // '2'
        case charDevice = 0x33  // '3' (likewise test-only)
        case directory = 0x35  // '5'
        case fifo = 0x36  // '6'
    }

    var name: RawPath
    var kind: Kind
    var mode: UInt32
    var uid: Int
    var gid: Int
    var size: Int64
    var mtime: Int64
    var linkName = RawPath.empty
    var userName = ""
    var groupName = ""

    static let blockSize = 512

    /// The bytes to write before the entry's data: one or three-plus blocks.
    func encode() -> [UInt8] {
        var pax: [(String, [UInt8])] = []
        var ustarName = name.bytes
        var prefix: [UInt8] = []
        if let split = Self.splitUSTARName(name.bytes) {
            (prefix, ustarName) = split
        } else {
            pax.append(("path", name.bytes))
            ustarName = Self.truncatedASCII(name.bytes, 100)
        }
        var link = linkName.bytes
        if !Self.fitsASCII(link, 100) {
            pax.append(("linkpath", link))
            link = Self.truncatedASCII(link, 100)
        }
        if size > 0o77777777777 { pax.append(("size", Array(String(size).utf8))) }
        if uid > 0o7777777 { pax.append(("uid", Array(String(uid).utf8))) }
        if gid > 0o7777777 { pax.append(("gid", Array(String(gid).utf8))) }
        if mtime < 0 || mtime > 0o77777777777 { pax.append(("mtime", Array(String(mtime).utf8))) }
        if !Self.fitsASCII(Array(userName.utf8), 32) { pax.append(("uname", Array(userName.utf8))) }
        if !Self.fitsASCII(Array(groupName.utf8), 32) { pax.append(("gname", Array(groupName.utf8))) }

        var out: [UInt8] = []
        if !pax.isEmpty {
            let body = Self.paxRecords(pax)
            // Go names the PAX header `<dir>/PaxHeaders.0/<base>` (ASCII only, at most 100 bytes).
            let parts = name.components
            let paxPath = RawPath.joined(Array(parts.dropLast()) + ["PaxHeaders.0", parts.last ?? .empty])
            out += Self.block(name: Self.truncatedASCII(paxPath.bytes, 100), prefix: [], typeflag: 0x78, mode: 0, uid: 0, gid: 0,
                              size: Int64(body.count), mtime: 0, link: [], uname: [], gname: [])
            out += body
            out += [UInt8](repeating: 0, count: Self.padding(body.count))
        }
        out += Self.block(
            name: ustarName, prefix: prefix, typeflag: kind.rawValue, mode: mode & 0o7777,
            uid: min(uid, 0o7777777), gid: min(gid, 0o7777777), size: min(size, 0o77777777777),
            mtime: max(0, min(mtime, 0o77777777777)), link: link,
            uname: Self.truncatedASCII(Array(userName.utf8), 32), gname: Self.truncatedASCII(Array(groupName.utf8), 32))
        return out
    }

    /// Zero bytes that round `count` up to a whole block.
    static func padding(_ count: Int) -> Int { (blockSize - count % blockSize) % blockSize }

    /// USTAR can hold an ASCII name of up to 100 bytes, or 255 when split at a `/` into a prefix of at most
    /// 155 bytes and a name of at most 100 (Go's `splitUSTARPath`).
    static func splitUSTARName(_ name: [UInt8]) -> ([UInt8], [UInt8])? {
        guard isASCII(name) else { return nil }
        if name.count <= 100 { return ([], name) }
        guard name.count <= 256 else { return nil }
        var i = min(name.count - 1, 155)
        while i > 0 && name[i] != UInt8(ascii: "/") { i -= 1 }
        let prefixLen = i, nameLen = name.count - i - 1
        guard i > 0, nameLen > 0, nameLen <= 100, prefixLen <= 155 else { return nil }
        return (Array(name[0..<i]), Array(name[(i + 1)...]))
    }

    /// Go's `isASCII`: every byte below 0x80 and none NUL.
    static func isASCII(_ s: [UInt8]) -> Bool { s.allSatisfy { $0 > 0 && $0 < 0x80 } }
    static func fitsASCII(_ s: [UInt8], _ max: Int) -> Bool { isASCII(s) && s.count <= max || s.isEmpty }

    static func truncatedASCII(_ s: [UInt8], _ max: Int) -> [UInt8] {
        Array(s.filter { $0 > 0 && $0 < 0x80 }.prefix(max))
    }

    /// PAX records `"%d %s=%s\n"` where the length counts the whole record, itself included; values are
    /// bytes (a name need not be UTF-8, as in Go).
    static func paxRecords(_ records: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (key, value) in records {
            let rest = 1 + key.utf8.count + 1 + value.count + 1  // " " key "=" value "\n"
            var length = rest + 1
            while String(length).utf8.count + rest != length { length += 1 }
            out += Array("\(length) \(key)=".utf8) + value + [0x0A]
        }
        return out
    }

    static func block(name: [UInt8], prefix: [UInt8], typeflag: UInt8, mode: UInt32, uid: Int, gid: Int, size: Int64,
                      mtime: Int64, link: [UInt8], uname: [UInt8], gname: [UInt8]) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: blockSize)
        func put(_ s: [UInt8], _ at: Int, _ width: Int) {
            for (i, c) in s.prefix(width).enumerated() { b[at + i] = c }
        }
        func put(_ s: String, _ at: Int, _ width: Int) { put(Array(s.utf8), at, width) }
        func octal(_ v: Int64, _ at: Int, _ width: Int) {
            var digits = String(v, radix: 8)
            digits = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            put(digits, at, width - 1)  // the last byte stays NUL
        }
        put(name, 0, 100)
        octal(Int64(mode), 100, 8)
        octal(Int64(uid), 108, 8)
        octal(Int64(gid), 116, 8)
        octal(size, 124, 12)
        octal(mtime, 136, 12)
        b[156] = typeflag
        put(link, 157, 100)
        put("ustar\u{0}00", 257, 8)
        put(uname, 265, 32)
        put(gname, 297, 32)
        octal(0, 329, 8)
        octal(0, 337, 8)
        put(prefix, 345, 155)
        // Checksum: sum of all bytes with the checksum field read as spaces; six octal digits, NUL, space.
        for i in 148..<156 { b[i] = 0x20 }
        let sum = b.reduce(0) { $0 + Int($1) }
        var digits = String(sum, radix: 8)
        digits = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        put(digits + "\u{0} ", 148, 8)
        return b
    }
}
