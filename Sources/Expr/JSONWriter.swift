import ModelBase
/// Go's json.MarshalIndent(v, "", "  ") for expression values, which `toJSON` uses, and json.Marshal (compact,
/// which data templates report their result with): map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped,
/// floats in encoding/json's format, byte slices in base64, NaN and infinities rejected.
enum JSONWriter {
    static func marshalIndent(_ value: ExprValue) throws(ExprError) -> String {
        var out = ""
        try write(value, indent: 0, into: &out)
        return out
    }

    static func marshal(_ value: ExprValue) throws(ExprError) -> String {
        var out = ""
        try write(value, indent: nil, into: &out)
        return out
    }

    /// `indent` nil: compact.
    private static func write(_ value: ExprValue, indent: Int?, into out: inout String) throws(ExprError) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { throw .runtime("json: unsupported value: \(GoFormat.float(f))") }
            out += GoFormat.jsonFloat(f)
        case .string(let s): out += GoJSONString.quote(s)
        case .bytes(let b): out += GoJSONString.quote(Base64.encode(b))
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                separate(first: i == 0, indent: indent, into: &out)
                try write(item, indent: indent.map { $0 + 1 }, into: &out)
            }
            close("]", indent: indent, into: &out)
        case .map(let m):
            guard !m.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (i, pair) in m.sortedPairs.enumerated() {
                separate(first: i == 0, indent: indent, into: &out)
                out += GoJSONString.quote(pair.key)
                out += indent == nil ? ":" : ": "
                try write(pair.value, indent: indent.map { $0 + 1 }, into: &out)
            }
            close("}", indent: indent, into: &out)
        }
    }

    private static func separate(first: Bool, indent: Int?, into out: inout String) {
        if !first { out += "," }
        if let indent { out += "\n" + String(repeating: "  ", count: indent + 1) }
    }

    private static func close(_ bracket: String, indent: Int?, into out: inout String) {
        if let indent { out += "\n" + String(repeating: "  ", count: indent) }
        out += bracket
    }
}
