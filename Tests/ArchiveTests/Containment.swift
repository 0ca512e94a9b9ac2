import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The containment check every extraction test ends with: every path below `root` that resolves (links
/// followed by the kernel's `realpath`) resolves inside `root`; dangling links must not climb out either,
/// judged on the resolved part plus the rest taken lexically.
enum Containment {
    /// Returns the offending paths (empty: contained).
    static func escapes(below root: String) -> [String] {
        guard let rootReal = realpath(root) else { return [] }
        var out: [String] = []
        var stack = [root]
        while let dir = stack.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                let path = dir + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                if st.st_mode & S_IFMT == S_IFDIR { stack.append(path) }
                if let resolved = realpath(path) {
                    if resolved != rootReal && !resolved.hasPrefix(rootReal + "/") { out.append("\(path) -> \(resolved)") }
                } else if st.st_mode & S_IFMT == S_IFLNK, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    if target.hasPrefix("/") || climbsOut(from: String(path.dropFirst(root.count + 1)), target: target) {
                        out.append("\(path) -> \(target) (dangling)")
                    }
                }
            }
        }
        return out
    }

    private static func realpath(_ path: String) -> String? {
        guard let p = Glibc.realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Lexically, does `dirname(link) + target` leave the root?
    private static func climbsOut(from link: String, target: String) -> Bool {
        var depth = link.split(separator: "/").count - 1
        for part in target.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }
}

/// Zip files built byte by byte, with what no honest zip writer produces (NUL in names, zip64 sizes
/// beyond Int64). Entries are stored (method 0).
enum ZipForge {
    struct Entry {
        var name: [UInt8]
        var data: [UInt8]
        /// Overrides the uncompressed size in the zip64 extra field (the real size stays in the data).
        var zip64Size: UInt64? = nil
    }

    static func build(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for e in entries {
            let offset = UInt32(out.count)
            let crc = crc32(e.data)
            var extra: [UInt8] = []
            if let huge = e.zip64Size { extra = le16(1) + le16(16) + le64(huge) + le64(UInt64(e.data.count)) }
            let size32: UInt32 = e.zip64Size == nil ? UInt32(e.data.count) : 0xFFFF_FFFF
            out += le32(0x0403_4B50) + le16(45) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc)
            out += le32(size32) + le32(size32) + le16(UInt16(e.name.count)) + le16(UInt16(extra.count)) + e.name + extra + e.data
            central += le32(0x0201_4B50) + le16(3 << 8 | 45) + le16(45) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc)
            central += le32(size32) + le32(size32) + le16(UInt16(e.name.count)) + le16(UInt16(extra.count)) + le16(0)
            central += le16(0) + le16(0) + le32(0o100644 << 16) + le32(offset) + e.name + extra
        }
        let start = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(start) + le16(0)
        return out
    }

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
