/// A value an expression reads or produces: the dynamic types expr-lang's VM sees when Argo hands it
/// `map[string]any` environments built from JSON-like data (`int`, `float64`, `string`, `bool`, `nil`,
/// `[]any`, `map[string]any`, `[]byte`). Integers are Int64 (Go's `int` on 64-bit platforms).
public enum ExprValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case array([ExprValue])
    case map(ExprMap)

    /// Go's `%T` spelling of the dynamic type, used in error messages exactly as expr-lang prints them
    /// (`invalid operation: int + string`).
    public var goTypeName: String {
        switch self {
        case .null: "<nil>"
        case .bool: "bool"
        case .int: "int"
        case .float: "float64"
        case .string: "string"
        case .bytes: "[]uint8"
        case .array: "[]interface {}"
        case .map: "map[string]interface {}"
        }
    }

    /// expr-lang's `type()` builtin spelling.
    public var exprTypeName: String {
        switch self {
        case .null: "nil"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "string"
        case .bytes, .array: "array"
        case .map: "map"
        }
    }

    /// reflect.Kind spelling, used by builtins such as `keys` ("cannot get keys from slice").
    var goKindName: String {
        switch self {
        case .null: "invalid"
        case .bool: "bool"
        case .int: "int"
        case .float: "float64"
        case .string: "string"
        case .bytes, .array: "slice"
        case .map: "map"
        }
    }

    public var isNil: Bool { if case .null = self { true } else { false } }

    /// The elements of an array (or the bytes of a byte slice, as ints), nil for every other value.
    var elements: [ExprValue]? {
        switch self {
        case .array(let a): a
        case .bytes(let b): b.map { .int(Int64($0)) }
        default: nil
        }
    }
}

extension ExprValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: ExprValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ExprValue)...) { self = .map(ExprMap(elements)) }
    public init(nilLiteral: ()) { self = .null }
}
