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
    /// The string without leading and trailing ASCII whitespace (Foundation-free `TrimSpace`).
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
