import Core
import ModelBase

/// Just enough XML for S3-style documents (ListBucketResult, Error, InitiateMultipartUploadResult): the
/// inner text of elements by name, entity-decoded. Not a general parser; these documents are flat and
/// well formed, and anything unexpected simply yields no value.
struct XMLScanner {
    let text: String

    init(_ bytes: [UInt8]) { text = String(decoding: bytes, as: UTF8.self) }
    init(_ text: String) { self.text = text }

    /// Inner texts of every `<tag>...</tag>` in order; attributes on the opening tag are skipped and a
    /// self-closing `<tag/>` counts as empty.
    func all(_ tag: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        let open = "<\(tag)", close = "</\(tag)>"
        while let start = rest.firstRange(ofText: open) {
            var after = rest[start.upperBound...]
            guard let next = after.first else { break }
            guard next == ">" || next == " " || next == "/" else { rest = after; continue }
            guard let gt = after.firstIndex(of: ">") else { break }
            let selfClosing = after[..<gt].hasSuffix("/")
            after = after[after.index(after: gt)...]
            if selfClosing {
                out.append("")
                rest = after
                continue
            }
            guard let end = after.firstRange(ofText: close) else { break }
            out.append(String(after[..<end.lowerBound]))
            rest = after[end.upperBound...]
        }
        return out
    }

    /// The first `<tag>` value, entity-decoded.
    func first(_ tag: String) -> String? { all(tag).first.map(Self.decodeEntities) }

    /// Every `<tag>` value, entity-decoded.
    func values(_ tag: String) -> [String] { all(tag).map(Self.decodeEntities) }

    /// The first `<tag>` as Go's encoding/xml reads an int64 field: absent or empty is nil (Go's zero),
    /// surrounding space is trimmed, anything else must parse as an Int64. `99999999999999999999` or `12kB`
    /// is an error naming `what`, as Go's `strconv.ParseInt` failure fails the whole document there.
    func int64(_ tag: String, what: String) throws(ExecError) -> Int64? {
        guard let raw = first(tag) else { return nil }
        let text = raw.trimmingSpaces()
        if text.isEmpty { return nil }
        guard let value = Int64(text) else {
            throw ExecError(.internal, "\(what): <\(tag)> \"\(text.prefix(64))\" is not a 64-bit integer")
        }
        return value
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].firstIndex(of: ";") {
                let entity = s[s.index(after: i)..<semi]
                var replacement: String?
                switch entity {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                        replacement = String(u)
                    } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                        replacement = String(u)
                    }
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
