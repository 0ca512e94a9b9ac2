/// A file name or a relative path as the bytes the kernel sees (docs/security.md, "Names are bytes").
/// Names read from disk, from a tar or zip header or from a link are kept as bytes end to end, so a name
/// that is not UTF-8 is neither mangled (two Latin-1 names collapsing into one U+FFFD name) nor cut short
/// (a NUL hidden inside a Swift string): a NUL can never reach a system call, `withCString` refuses it.
public struct RawPath: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init<S: Sequence>(bytes: S) where S.Element == UInt8 { self.bytes = Array(bytes) }
    public init(_ string: String) { bytes = Array(string.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    public static let empty = RawPath(bytes: [])

    public var isEmpty: Bool { bytes.isEmpty }
    public var isAbsolute: Bool { bytes.first == UInt8(ascii: "/") }
    public var containsNUL: Bool { bytes.contains(0) }

    /// Byte order, as Go's `sort.Strings` orders names (the order of `filepath.Walk` and of our archives).
    public static func < (a: RawPath, b: RawPath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// The `/`-separated elements, empty ones (from `//` or a leading or trailing `/`) left out.
    public var components: [RawPath] {
        bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { RawPath(bytes: $0) }
    }

    public var isDot: Bool { bytes == [UInt8(ascii: ".")] }
    public var isDotDot: Bool { bytes == [UInt8(ascii: "."), UInt8(ascii: ".")] }

    /// `self + "/" + other` (or just `other` when `self` is empty).
    public func appending(_ other: RawPath) -> RawPath {
        if bytes.isEmpty { return other }
        if other.bytes.isEmpty { return self }
        return RawPath(bytes: bytes + [UInt8(ascii: "/")] + other.bytes)
    }

    /// The parts joined with `/` (empty parts left out), in one pass.
    public static func joined(_ parts: [RawPath]) -> RawPath {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count + 1 })
        for part in parts where !part.bytes.isEmpty {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: "/")) }
            bytes += part.bytes
        }
        return RawPath(bytes: bytes)
    }

    /// The last element (`a/b` → `b`); the path itself when it has no `/`.
    public var lastComponent: RawPath { components.last ?? self }

    /// The path is valid UTF-8 (object keys and reported names must be).
    public var string: String? { String(validating: bytes, as: UTF8.self) }

    /// For messages: UTF-8 as is, every byte that is not valid UTF-8 or is a control character as `\xNN`,
    /// so a hostile name can neither hide nor forge a log line.
    public var description: String {
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return text
        }
        var out = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            let length = Self.scalarLength(rest)
            if length > 0, let text = String(validating: rest.prefix(length), as: UTF8.self),
               let scalar = text.unicodeScalars.first, scalar.value >= 0x20, scalar.value != 0x7F {
                out += text
                rest = rest.dropFirst(length)
            } else {
                let b = rest.first!
                out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// The length of the UTF-8 sequence starting `bytes` (0 for a byte that cannot start one).
    private static func scalarLength(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let b = bytes.first else { return 0 }
        switch b {
        case 0..<0x80: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    /// A NUL-terminated copy for a system call; a name holding a NUL is an error naming it, never cut short.
    public func cString() throws(ExecError) -> [CChar] {
        guard !containsNUL else {
            throw ExecError(.badRequest, "illegal file name \"\(self)\": it contains a NUL byte", context: ["path": description])
        }
        var out = bytes.map { CChar(bitPattern: $0) }
        out.append(0)
        return out
    }
}
