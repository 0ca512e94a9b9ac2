/// Kubernetes `intstr.IntOrString` (used by `containerSet.retryStrategy.retries`): a JSON number or string.
public enum IntOrString: Codable, Hashable, Sendable {
    case int(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }

    /// The integer value: the number itself, or the string parsed as a decimal integer (nil if it is not one).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .string(let s): return Int(s.trimmingSpaces())
        }
    }
}

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
