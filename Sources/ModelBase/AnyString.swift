/// Argo's `AnyString`: decodes from a JSON string, number or boolean, always encodes as a JSON string
/// (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`). Numbers are rendered like Go's `strconv.FormatFloat(v, 'f', -1, 64)`: no exponent,
/// no trailing zeros (`1e3` → `1000`, `1.50` → `1.5`).
public struct AnyString: Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            value = s
        } else if let b = try? c.decode(Bool.self) {
            value = b ? "true" : "false"
        } else if let i = try? c.decode(Int64.self) {
            value = String(i)
        } else if let d = try? c.decode(Double.self) {
            value = AnyString.formatGoFloat(d)
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "expected a string, number or boolean")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    /// Shortest round-tripping decimal digits of `d`, written without an exponent.
    static func formatGoFloat(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf") }
        var text = "\(d)"  // shortest representation, possibly "1e-07" or "1.5e+20"
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        var fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var whole = String(digits.prefix(point))
        fracPart = String(digits.dropFirst(point))
        while fracPart.hasSuffix("0") { fracPart.removeLast() }
        while whole.count > 1 && whole.hasPrefix("0") { whole.removeFirst() }
        let body = fracPart.isEmpty ? whole : whole + "." + fracPart
        return negative && body != "0" ? "-" + body : body
    }
}
