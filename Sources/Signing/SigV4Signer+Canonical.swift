/// The canonical forms of SigV4 (AWS's "Create a canonical request").
extension SigV4Signer {
    /// Lower-case names sorted; values trimmed with inner whitespace runs (folded lines included) collapsed
    /// to one space; repeated headers joined with commas in order.
    static func canonicalHeaders(_ headers: [(String, String)]) -> [(String, String)] {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            merged[name.lowercased(), default: []].append(collapseSpaces(value))
        }
        return merged.keys.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
    }

    static func signedHeaderNames(_ headers: [(String, String)]) -> String {
        canonicalHeaders(headers).map(\.0).joined(separator: ";")
    }

    static func collapseSpaces(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in value.unicodeScalars {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// Each path segment percent-encoded (unreserved characters kept, `/` kept as the separator); with
    /// `normalize`, dot segments are removed and empty segments collapsed first.
    static func canonicalURI(_ path: String, normalize: Bool) -> String {
        let raw = path.isEmpty ? "/" : path
        var segments = raw.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if normalize {
            var out: [String] = []
            for s in segments.dropFirst() {
                if s == "." || s.isEmpty { continue }
                if s == ".." { if !out.isEmpty { out.removeLast() }; continue }
                out.append(s)
            }
            let trailing = raw.hasSuffix("/") && !out.isEmpty
            return "/" + out.map { uriEncode($0) }.joined(separator: "/") + (trailing ? "/" : "")
        }
        segments = segments.map { uriEncode($0) }
        return segments.joined(separator: "/")
    }

    /// A raw path as it goes on the wire: each segment percent-encoded, `/` kept (the same encoding the
    /// canonical URI uses, so what is signed is what is sent).
    public static func encodePath(_ path: String) -> String {
        canonicalURI(path, normalize: false)
    }

    /// Names and values encoded, sorted by name then value, joined with `&`.
    static func canonicalQuery(_ query: [(String, String)]) -> String {
        query.map { (uriEncode($0.0), uriEncode($0.1)) }
            .sorted { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// RFC 3986 percent-encoding as AWS requires: everything but `A-Za-z0-9-._~`, upper-case hex.
    public static func uriEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-decoding of a raw query component (`+` is kept literally, as AWS does).
    public static func percentDecode(_ text: String) -> String {
        var out = [UInt8]()
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
