import Model

/// One value flowing through client-go's jsonpath evaluator: what a `reflect.Value` holds when the input is
/// kubectl's unstructured object (`map[string]interface{}`, `[]interface{}`, string, int64, float64, bool, nil),
/// plus the template's own literals (Go `int`, float64, bool, string), the bytes of a string (`*` and `..` iterate
/// strings byte by byte, as reflect does) and the zero `reflect.Value` a `range` body sees for a null element.
enum JSONPathItem {
    case invalid
    case null
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case int64(Int64)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case byte(UInt8)

    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int64(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a)
        case .object(let o): self = .object(o)
        }
    }

    /// `reflect.Value.Interface()` then `reflect.ValueOf`: a nil interface becomes the zero Value (the root of a
    /// `range` body over a null element).
    var asRoot: JSONPathItem {
        if case .null = self { return .invalid }
        return self
    }

    /// The Go type in client-go's errors (`%v is not array or slice`).
    var goTypeName: String {
        switch self {
        case .invalid: return "<invalid reflect.Value>"
        case .null: return "interface {}"
        case .object: return "map[string]interface {}"
        case .array: return "[]interface {}"
        case .string: return "string"
        case .int64: return "int64"
        case .int: return "int"
        case .double: return "float64"
        case .bool: return "bool"
        case .byte: return "uint8"
        }
    }

    /// fmt's `%v` of the value.
    var goFormatted: String {
        switch self {
        case .invalid: return "<invalid reflect.Value>"
        case .null: return "<nil>"
        case .object(let o): return JSONValue.object(o).goFormatted
        case .array(let a): return JSONValue.array(a).goFormatted
        case .string(let s): return s
        case .int64(let i): return String(i)
        case .int(let i): return String(i)
        case .double(let d): return GoFloat.formatG(d)
        case .bool(let b): return b ? "true" : "false"
        case .byte(let b): return String(b)
        }
    }

    /// What `JSONPath.PrintResults` writes: maps and slices through `json.Marshal`, a nil interface as `null`, the
    /// zero Value as `<no value>` (template.PrintableValue), everything else with `fmt.Fprint`.
    var printed: String {
        switch self {
        case .invalid: return "<no value>"
        case .null: return "null"
        case .object(let o): return JSONValue.object(o).goJSON
        case .array(let a): return JSONValue.array(a).goJSON
        default: return goFormatted
        }
    }

    /// The children `*` and `..` visit: map values (in key order; Go's map order is random), elements, bytes.
    var children: [JSONPathItem] {
        switch self {
        case .object(let o): return GoValueWriter.sortedMembers(o).map { JSONPathItem($0.value) }
        case .array(let a): return a.map(JSONPathItem.init)
        case .string(let s): return s.utf8.map { .byte($0) }
        default: return []
        }
    }
}
