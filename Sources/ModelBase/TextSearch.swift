/// Substring search and replacement by plain scans over UTF-8 bytes, as Go's `strings.Index`, `strings.Contains`
/// and `strings.ReplaceAll` work. The standard library's `firstRange(of:)`, `contains(_:)` of a string,
/// `ranges(of:)` and `replacing(_:with:)` on strings live in Swift's string-processing module, and one call links its whole regex engine (1.3 MiB)
/// into a static binary (docs/build.md, "The static build"), so the code calls these instead.
extension StringProtocol {
    /// The first occurrence of `needle`, compared byte for byte (no Unicode normalisation); an empty needle is
    /// found at the start. The range's bounds are valid indices of `self` (a UTF-8 match starts and ends on
    /// scalar boundaries).
    public func firstRange(ofText needle: some StringProtocol) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return startIndex..<startIndex }
        let bytes = utf8
        var from = bytes.startIndex
        while let at = bytes[from...].firstIndex(of: first) {
            var end = at, matched = 0
            while matched < pattern.count, end != bytes.endIndex, bytes[end] == pattern[matched] {
                bytes.formIndex(after: &end)
                matched += 1
            }
            if matched == pattern.count { return at..<end }
            from = bytes.index(after: at)
        }
        return nil
    }

    /// Whether `needle` occurs in `self` (`contains("ab")` with a string would be the string-processing module's).
    public func contains(text needle: some StringProtocol) -> Bool { firstRange(ofText: needle) != nil }

    /// `self` with every non-overlapping occurrence of `target`, from the left, replaced (Go's
    /// `strings.ReplaceAll` but for an empty target, which leaves `self` as it is).
    public func replacing(text target: some StringProtocol, with replacement: some StringProtocol) -> String {
        guard !target.isEmpty else { return String(self) }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(ofText: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
