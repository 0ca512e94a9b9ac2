/// Go's strings package on UTF-8 bytes, so indexes are byte offsets and comparisons are byte-wise, as
/// in Go (Swift's String compares by canonical equivalence and indexes by grapheme).
enum StringOps {
    /// strings.Index: byte offset of the first `needle` in `haystack`, nil when absent.
    static func index(_ haystack: [UInt8], _ needle: [UInt8], from start: Int = 0) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func lastIndex(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        if needle.isEmpty { return haystack.count }
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }

    static func string(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// strings.SplitN / SplitAfterN: n < 0 all pieces, n == 0 none, n > 0 at most n (the last is the rest).
    /// An empty separator splits after each UTF-8 sequence.
    static func split(_ s: String, _ sep: String, _ n: Int, keepSeparator: Bool) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            var pieces = s.unicodeScalars.map { String($0) }
            if n > 0 && pieces.count > n {
                let rest = pieces[(n - 1)...].joined()
                pieces = Array(pieces[..<(n - 1)]) + [rest]
            }
            return pieces
        }
        let bytes = Array(s.utf8)
        let separator = Array(sep.utf8)
        var pieces: [String] = []
        var start = 0
        while n < 0 || pieces.count < n - 1, let i = index(bytes, separator, from: start) {
            pieces.append(string(bytes[start..<(keepSeparator ? i + separator.count : i)]))
            start = i + separator.count
        }
        pieces.append(string(bytes[start...]))
        return pieces
    }

    /// strings.Replace: n < 0 replaces all. An empty `old` matches before every rune and at the end.
    static func replace(_ s: String, _ old: String, _ new: String, _ n: Int) -> String {
        if n == 0 || old.utf8.elementsEqual(new.utf8) { return s }
        let bytes = Array(s.utf8)
        let target = Array(old.utf8)
        var out: [UInt8] = []
        var count = 0
        var start = 0
        if target.isEmpty {
            var scalars = s.unicodeScalars.makeIterator()
            var result = ""
            while n < 0 || count < n {
                result += new
                count += 1
                guard let next = scalars.next() else { return result }
                result.unicodeScalars.append(next)
            }
            while let next = scalars.next() { result.unicodeScalars.append(next) }
            return result
        }
        while n < 0 || count < n, let i = index(bytes, target, from: start) {
            out.append(contentsOf: bytes[start..<i])
            out.append(contentsOf: new.utf8)
            start = i + target.count
            count += 1
        }
        out.append(contentsOf: bytes[start...])
        return string(out)
    }

    /// strings.Trim / TrimLeft / TrimRight with a predicate on runes.
    static func trim(_ s: String, left: Bool = true, right: Bool = true, _ drop: (Unicode.Scalar) -> Bool) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        if left { while let f = scalars.first, drop(f) { scalars = scalars.dropFirst() } }
        if right { while let l = scalars.last, drop(l) { scalars = scalars.dropLast() } }
        return String(String.UnicodeScalarView(scalars))
    }

    /// unicode.ToUpper / ToLower per rune (simple case mapping: a rune whose full mapping is several
    /// runes, like ß, is kept).
    static func mapCase(_ s: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for r in s.unicodeScalars {
            if r.isASCII {
                let v = r.value
                if upper, v >= 97, v <= 122 { out.append(Unicode.Scalar(v - 32)!) } else if !upper, v >= 65, v <= 90 {
                    out.append(Unicode.Scalar(v + 32)!)
                } else {
                    out.append(r)
                }
                continue
            }
            let mapped = upper ? r.properties.uppercaseMapping : r.properties.lowercaseMapping
            let scalars = mapped.unicodeScalars
            if scalars.count == 1 { out.append(scalars.first!) } else { out.append(r) }
        }
        return String(out)
    }
}
