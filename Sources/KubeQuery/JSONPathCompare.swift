/// The filter comparisons of client-go's third_party/forked/golang/template/funcs.go (`Equal`, `Less`, ...):
/// values compare only within their kind (bool, int, uint, float, string), except signed with unsigned integers;
/// anything else is an error. So `[?(@.replicas == 1.5)]` on an integer fails with "incompatible types for
/// comparison", and a null or an object fails with "invalid type for comparison".
enum JSONPathCompare {
    private enum Basic {
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case float(Double)
        case string([UInt8])
    }

    static let badType = JSONPathFailure("invalid type for comparison")
    static let incompatible = JSONPathFailure("incompatible types for comparison")

    private static func basic(_ item: JSONPathItem) throws(JSONPathFailure) -> Basic {
        switch item {
        case .bool(let b): return .bool(b)
        case .int64(let i): return .int(i)
        case .int(let i): return .int(Int64(i))
        case .byte(let b): return .uint(UInt64(b))
        case .double(let d): return .float(d)
        case .string(let s): return .string(Array(s.utf8))
        case .invalid, .null, .object, .array: throw badType
        }
    }

    static func equal(_ a: JSONPathItem, _ b: JSONPathItem) throws(JSONPathFailure) -> Bool {
        let x = try basic(a)
        let y = try basic(b)
        switch (x, y) {
        case let (.bool(p), .bool(q)): return p == q
        case let (.int(p), .int(q)): return p == q
        case let (.uint(p), .uint(q)): return p == q
        case let (.float(p), .float(q)): return p == q
        case let (.string(p), .string(q)): return p == q
        case let (.int(p), .uint(q)): return p >= 0 && UInt64(p) == q
        case let (.uint(p), .int(q)): return q >= 0 && p == UInt64(q)
        default: throw incompatible
        }
    }

    static func less(_ a: JSONPathItem, _ b: JSONPathItem) throws(JSONPathFailure) -> Bool {
        let x = try basic(a)
        let y = try basic(b)
        switch (x, y) {
        case (.bool, .bool): throw badType
        case let (.int(p), .int(q)): return p < q
        case let (.uint(p), .uint(q)): return p < q
        case let (.float(p), .float(q)): return p < q
        case let (.string(p), .string(q)): return p.lexicographicallyPrecedes(q)
        case let (.int(p), .uint(q)): return p < 0 || UInt64(p) < q
        case let (.uint(p), .int(q)): return q >= 0 && p < UInt64(q)
        default: throw incompatible
        }
    }

    /// `LessEqual`: `<`, else `==` (an error of `<` stops there).
    private static func lessOrEqual(_ a: JSONPathItem, _ b: JSONPathItem) throws(JSONPathFailure) -> Bool {
        if try less(a, b) { return true }
        return try equal(a, b)
    }

    /// The filter operator `op` (`==`, `!=`, `<`, `>`, `<=`, `>=`), nil for any other operator text.
    static func compare(_ op: String, _ a: JSONPathItem, _ b: JSONPathItem) throws(JSONPathFailure) -> Bool? {
        switch op {
        case "==": return try equal(a, b)
        case "!=": return try !equal(a, b)
        case "<": return try less(a, b)
        case "<=": return try lessOrEqual(a, b)
        case ">": return try !lessOrEqual(a, b)
        case ">=": return try !less(a, b)
        default: return nil
        }
    }
}
