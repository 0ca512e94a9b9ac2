/// gjson's `Result` (github.com/tidwall/gjson gjson.go) without the index bookkeeping: the type, the raw JSON text,
/// the unescaped string and the number.
struct GJSONResult {
    enum Kind { case null, `false`, number, string, `true`, json }

    var kind: Kind = .null
    var raw: [UInt8] = []
    var str: [UInt8] = []
    var num: Double = 0

    /// `Result.Exists`: a null literal exists (its raw text is `null`); a missing value has neither type nor text.
    var exists: Bool { kind != .null || !raw.isEmpty }

    var isObject: Bool { kind == .json && raw.first == UInt8(ascii: "{") }
    var isArray: Bool { kind == .json && raw.first == UInt8(ascii: "[") }

    /// `Result.String`: a string unescaped; a number as written when it is a plain integer literal (so big integers
    /// keep every digit), otherwise `strconv.FormatFloat(num, 'f', -1, 64)`; JSON as its raw text; null as "".
    var string: [UInt8] {
        switch kind {
        case .null: return []
        case .false: return Array("false".utf8)
        case .true: return Array("true".utf8)
        case .string: return str
        case .json: return raw
        case .number:
            guard !raw.isEmpty else { return Array(GoFloat.formatF(num).utf8) }
            var i = raw[0] == UInt8(ascii: "-") ? 1 : 0
            while i < raw.count {
                guard raw[i] >= UInt8(ascii: "0"), raw[i] <= UInt8(ascii: "9") else { return Array(GoFloat.formatF(num).utf8) }
                i += 1
            }
            return raw
        }
    }

    /// `Result.Bool` (used by the `~true` / `~false` query forms through trueish / falseish).
    static func parseBool(_ text: [UInt8]) -> Bool? {
        switch String(decoding: text, as: UTF8.self).lowercased() {
        case "1", "t", "true": return true
        case "0", "f", "false": return false
        default: return nil
        }
    }
}

/// Bounds-checked byte access for the port: Go would panic on an index out of range where gjson's scanners trust
/// well-formed JSON; here such an access reads 0 and a slice is clamped, so malformed input cannot trap.
extension Array where Element == UInt8 {
    @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < count ? self[i] : 0 }

    @inline(__always) func sub(_ from: Int, _ to: Int? = nil) -> [UInt8] {
        let upper = Swift.min(Swift.max(to ?? count, 0), count)
        let lower = Swift.min(Swift.max(from, 0), upper)
        return Array(self[lower..<upper])
    }

    func hasPrefix(_ prefix: [UInt8]) -> Bool { count >= prefix.count && self[..<prefix.count].elementsEqual(prefix) }

    /// gjson's `trim`: drops bytes <= ' ' at both ends.
    func trimmedGJSON() -> [UInt8] {
        var lower = 0
        var upper = count
        while lower < upper, self[lower] <= 0x20 { lower += 1 }
        while upper > lower, self[upper - 1] <= 0x20 { upper -= 1 }
        return Array(self[lower..<upper])
    }

    /// Go's `string(b) < string(c)`: bytewise.
    func goLess(_ other: [UInt8]) -> Bool { lexicographicallyPrecedes(other) }
}
