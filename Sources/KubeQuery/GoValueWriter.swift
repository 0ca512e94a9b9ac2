import Model

extension JSONValue {
    /// The compact JSON Go's `json.Marshal` writes for this value decoded as `interface{}` (what kubectl prints for a
    /// map or slice result of a JSONPath): object keys sorted by bytes, `<` `>` `&` escaped as `\u003c` `\u003e`
    /// `\u0026`, U+2028 / U+2029 escaped, control characters as `\b` `\f` `\n` `\r` `\t` or `\u00XX` (Go 1.22+),
    /// integers as written, doubles in encoding/json's float form (`1e+21`, `1e-7`, `0.000001`).
    public var goJSON: String { GoValueWriter.write(self, style: .json) }

    /// What Go's `fmt` prints for `%v` of this value as `interface{}`: `map[a:1 b:[x y]]`, `<nil>`, strings bare.
    var goFormatted: String { GoValueWriter.write(self, style: .format) }
}

/// One iterative writer for both of Go's renderings of decoded JSON, so that deeply nested values cannot exhaust the
/// stack (a value may come from anywhere, not only from `JSONParser` with its depth limit).
enum GoValueWriter {
    enum Style { case json, format }

    private enum Frame {
        case array([JSONValue], next: Int)
        case object([(key: String, value: JSONValue)], next: Int)
    }

    static func write(_ root: JSONValue, style: Style) -> String {
        var out = ""
        var stack: [Frame] = []
        var pending: JSONValue? = root
        while true {
            if let value = pending {
                pending = nil
                switch value {
                case .array(let items):
                    out += "["
                    stack.append(.array(items, next: 0))
                case .object(let members):
                    out += style == .json ? "{" : "map["
                    stack.append(.object(sortedMembers(members), next: 0))
                default:
                    out += scalar(value, style: style)
                }
            }
            guard let top = stack.popLast() else { return out }
            switch top {
            case .array(let items, let next):
                guard next < items.count else { out += "]"; continue }
                if next > 0 { out += style == .json ? "," : " " }
                stack.append(.array(items, next: next + 1))
                pending = items[next]
            case .object(let members, let next):
                guard next < members.count else { out += style == .json ? "}" : "]"; continue }
                if next > 0 { out += style == .json ? "," : " " }
                out += style == .json ? GoJSONString.quote(members[next].key) + ":" : members[next].key + ":"
                stack.append(.object(members, next: next + 1))
                pending = members[next].value
            }
        }
    }

    /// Go sorts map keys by their bytes (`strings.Compare`), not by Swift's Unicode-aware `<`.
    static func sortedMembers(_ members: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        members.map { (key: $0.key, value: $0.value) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private static func scalar(_ value: JSONValue, style: Style) -> String {
        switch value {
        case .null: return style == .json ? "null" : "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return style == .json ? GoFloat.formatJSON(d) : GoFloat.formatG(d)
        case .string(let s): return style == .json ? GoJSONString.quote(s) : s
        case .array, .object: return ""
        }
    }

}
