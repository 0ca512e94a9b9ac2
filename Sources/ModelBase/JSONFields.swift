/// Typed reads of `JSONValue` members for hand-written readers (`EmissaryTemplate`): absent and `null`
/// read as nil (or empty), as Codable reads an optional; any other JSON type than the one expected is an
/// error naming the member, e.g. `outputs.parameters[0].name: expected a string, got a number`.
public enum JSONFields {
    /// `value` itself, which must be an object.
    public static func object(_ value: JSONValue, _ field: String) throws(ModelError) -> JSONValue {
        guard case .object = value else { throw mismatch(field, "an object", value) }
        return value
    }

    /// The object member `key` of `parent` (named `in.key` in errors); nil when absent or null.
    public static func member(_ parent: JSONValue, _ key: String, in path: String = "") throws(ModelError) -> JSONValue? {
        guard let value = parent[key], value != .null else { return nil }
        return try object(value, path.isEmpty ? key : path + "." + key)
    }

    public static func array(_ value: JSONValue?, _ field: String) throws(ModelError) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case let other?: throw mismatch(field, "an array", other)
        }
    }

    public static func string(_ value: JSONValue?, _ field: String) throws(ModelError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw mismatch(field, "a string", other)
        }
    }

    public static func strings(_ value: JSONValue?, _ field: String) throws(ModelError) -> [String] {
        try array(value, field).enumerated().map { (i, element) throws(ModelError) in
            guard case .string(let s) = element else { throw mismatch("\(field)[\(i)]", "a string", element) }
            return s
        }
    }

    public static func bool(_ value: JSONValue?, _ field: String) throws(ModelError) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw mismatch(field, "a boolean", other)
        }
    }

    /// A JSON integer (both readers of `JSONValue` already make whole numbers such as `1.0` integers).
    public static func int(_ value: JSONValue?, _ field: String) throws(ModelError) -> Int? {
        try integer(value, field, Int.self)
    }

    /// A JSON integer that must fit Go's int32 (`compressionLevel`, `IntOrString`'s `IntVal`).
    public static func int32(_ value: JSONValue?, _ field: String) throws(ModelError) -> Int32? {
        try integer(value, field, Int32.self)
    }

    /// Kubernetes `IntOrString`: a string, or an integer that fits its int32 `IntVal`.
    public static func intOrString(_ value: JSONValue?, _ field: String) throws(ModelError) -> IntOrString? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return .string(s)
        case .int?: return try int32(value, field).map { IntOrString.int(Int($0)) }
        case .double(let d)? where isWhole(d): return try int32(value, field).map { IntOrString.int(Int($0)) }  // overflow error
        case let other?: throw mismatch(field, "an integer or a string", other)
        }
    }

    /// An integer of type `T`. A whole number out of T's range (`99999999999999999999`, which the parsers
    /// keep as a double, or 2^40 for an int32) is Go's overflow error, never a trapping conversion.
    private static func integer<T: FixedWidthInteger>(_ value: JSONValue?, _ field: String, _ type: T.Type) throws(ModelError) -> T? {
        switch value {
        case nil, .null?: return nil
        case .int(let i)?:
            guard let v = T(exactly: i) else { throw overflow(field, String(i), type) }
            return v
        case .double(let d)? where isWhole(d):
            throw overflow(field, "\(d)", type)
        case let other?: throw mismatch(field, "an integer", other)
        }
    }

    private static func isWhole(_ d: Double) -> Bool { d.isFinite && d == d.rounded(.towardZero) }

    private static func overflow<T>(_ field: String, _ number: String, _ type: T.Type) -> ModelError {
        ModelError(.badRequest, "\(field): cannot unmarshal number \(number) into Go value of type \(String(describing: type).lowercased())")
    }

    private static func mismatch(_ field: String, _ expected: String, _ got: JSONValue) -> ModelError {
        let kind: String
        switch got {
        case .null: kind = "null"
        case .bool: kind = "a boolean"
        case .int, .double: kind = "a number"
        case .string: kind = "a string"
        case .array: kind = "an array"
        case .object: kind = "an object"
        }
        return ModelError(.badRequest, "\(field): expected \(expected), got \(kind)")
    }
}
