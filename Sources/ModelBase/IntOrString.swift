/// Kubernetes `intstr.IntOrString` (used by `containerSet.retryStrategy.retries`): a JSON number or string.
/// As in Go, the number is an int32 (`IntVal`): a number outside it, or with a fraction, is an error as
/// Go's `json: cannot unmarshal number 99999999999 into Go value of type int32`, not a wider value.
public enum IntOrString: Codable, Hashable, Sendable {
    case int(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int32.self) {
            self = .int(Int(i))
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let d = try? c.decode(Double.self) {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "cannot unmarshal number \(d) into Go value of type int32")
        } else {
            self = .string(try c.decode(String.self))  // the type-mismatch error for objects, arrays, booleans
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }

    /// The integer value: the number itself, or the string parsed as a decimal integer (nil if it is not
    /// one). A decimal string past Int's range is clamped to Int.min / Int.max, as Go's `IntValue()` keeps
    /// the clamped value `strconv.Atoi` returns with its range error (`"99999999999999999999"` retries means
    /// "retry for ever" there too).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .string(let raw):
            let s = raw.trimmingSpaces()
            if let i = Int(s) { return i }
            let digits = s.first == "-" || s.first == "+" ? s.dropFirst() : Substring(s)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return s.first == "-" ? .min : .max
        }
    }
}
