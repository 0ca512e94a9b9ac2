/// Text helpers shared by every module (Model is the bottom of the dependency graph).
extension String {
    /// The string without leading and trailing ASCII whitespace (Foundation-free `TrimSpace`). Works on
    /// Unicode scalars: Swift treats "\r\n" as one Character, which a Character comparison would miss.
    public func trimmingSpaces() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains($0) }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
