import ModelBase
/// Number literals as expr-lang's parser reads them: `_` separators dropped; `0x`, `0o`, `0b` integers;
/// anything with `.` or `e` a float64; everything else a decimal int64 (a leading 0 is not octal).
/// Error texts carry Go's strconv messages.
enum NumberLiteral {
    static func parse(_ literal: String) throws(StringLiteral.Failure) -> Node.Kind {
        let value = literal.replacing(text: "_", with: "")
        let lower = value.lowercased()
        if lower.hasPrefix("0x") {
            return .int(try integer(value, radix: 16, prefixed: true, kind: "hex"))
        }
        if lower.contains(".") || lower.contains("e") {
            guard let f = Double(value), f.isFinite else {
                let reason = Double(value) == nil ? "invalid syntax" : "value out of range"
                throw StringLiteral.Failure(
                    message: "invalid float literal: strconv.ParseFloat: parsing \(GoQuote.quote(value)): \(reason)")
            }
            return .float(f)
        }
        if lower.hasPrefix("0b") { return .int(try integer(value, radix: 2, prefixed: true, kind: "binary")) }
        if lower.hasPrefix("0o") { return .int(try integer(value, radix: 8, prefixed: true, kind: "octal")) }
        return .int(try integer(value, radix: 10, prefixed: false, kind: "integer"))
    }

    private static func integer(_ value: String, radix: Int, prefixed: Bool, kind: String) throws(StringLiteral.Failure) -> Int64 {
        let digits = prefixed ? String(value.dropFirst(2)) : value
        if let n = Int64(digits, radix: radix), !digits.hasPrefix("+"), !digits.hasPrefix("-") { return n }
        let valid = !digits.isEmpty && digits.allSatisfy { $0.isHexDigit && Int(String($0), radix: radix) != nil }
        let reason = valid ? "value out of range" : "invalid syntax"
        throw StringLiteral.Failure(
            message: "invalid \(kind) literal: strconv.ParseInt: parsing \(GoQuote.quote(value)): \(reason)")
    }
}
