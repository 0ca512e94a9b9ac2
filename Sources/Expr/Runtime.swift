/// expr-lang's vm/runtime helpers: equality, ordering, arithmetic and conversions with Go's typing
/// rules (int op int is int, any float makes float64, `/` is always float64, `%` is ints only). Where Go
/// would silently wrap an int64 overflow we raise an error instead.
enum Runtime {
    /// The panic text of a failed Go type assertion `x.(T)` on an interface value.
    static func assertionMessage(_ value: ExprValue, _ expected: String) -> String {
        let actual = value.isNil ? "nil" : value.goTypeName
        return "interface conversion: interface {} is \(actual), not \(expected)"
    }

    // MARK: equality

    /// runtime.Equal: numbers compare by value across int and float, arrays element by element with
    /// the same rule, everything else with reflect.DeepEqual (so map values must match in type too).
    static func equal(_ a: ExprValue, _ b: ExprValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.int(let x), .float(let y)): return Double(x) == y
        case (.float(let x), .int(let y)): return x == Double(y)
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.array, .array), (.array, .bytes), (.bytes, .array):
            guard let xs = a.elements, let ys = b.elements, xs.count == ys.count else { return false }
            return zip(xs, ys).allSatisfy { equal($0, $1) }
        default: return deepEqual(a, b)
        }
    }

    /// reflect.DeepEqual on the values: same dynamic type and recursively equal contents.
    static func deepEqual(_ a: ExprValue, _ b: ExprValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { deepEqual($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            return x.pairs.allSatisfy { pair in y[pair.key].map { deepEqual(pair.value, $0) } ?? false }
        default: return false
        }
    }

    // MARK: ordering

    /// `<`, `>`, `<=`, `>=` on numbers (int/float mixed) and strings (byte order).
    static func compare(_ op: String, _ a: ExprValue, _ b: ExprValue) throws(ExprError) -> Bool {
        let order: Int
        switch (a, b) {
        case (.int(let x), .int(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)):
            order = x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x.utf8.elementsEqual(y.utf8) ? 0 : 1)
        default:
            guard let x = a.number, let y = b.number else {
                throw .runtime("invalid operation: \(a.goTypeName) \(op) \(b.goTypeName)")
            }
            // NaN compares false with everything, as in Go.
            if x.isNaN || y.isNaN { return false }
            order = x < y ? -1 : (x > y ? 1 : 0)
        }
        switch op {
        case "<": return order < 0
        case ">": return order > 0
        case "<=": return order <= 0
        default: return order >= 0
        }
    }

    static func less(_ a: ExprValue, _ b: ExprValue) throws(ExprError) -> Bool { try compare("<", a, b) }

    // MARK: arithmetic

    static func arithmetic(_ op: String, _ a: ExprValue, _ b: ExprValue) throws(ExprError) -> ExprValue {
        switch (op, a, b) {
        case ("+", .string(let x), .string(let y)): return .string(x + y)
        case ("/", _, _):
            if let x = a.number, let y = b.number { return .float(x / y) }
        case ("%", .int(let x), .int(let y)):
            guard y != 0 else { throw .runtime("runtime error: integer divide by zero") }
            // Go defines MinInt64 % -1 as 0; Swift would trap.
            return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
        case ("%", _, _): break
        case (_, .int(let x), .int(let y)):
            let (value, overflow): (Int64, Bool) =
                switch op {
                case "+": x.addingReportingOverflow(y)
                case "-": x.subtractingReportingOverflow(y)
                default: x.multipliedReportingOverflow(by: y)
                }
            if overflow { throw .runtime("integer overflow: \(x) \(op) \(y)") }
            return .int(value)
        default:
            if let x = a.number, let y = b.number {
                switch op {
                case "+": return .float(x + y)
                case "-": return .float(x - y)
                default: return .float(x * y)
                }
            }
        }
        throw .runtime("invalid operation: \(a.goTypeName) \(op) \(b.goTypeName)")
    }

    static func negate(_ a: ExprValue) throws(ExprError) -> ExprValue {
        switch a {
        case .int(let x):
            guard x != .min else { throw .runtime("integer overflow: -(\(x))") }
            return .int(-x)
        case .float(let x): return .float(-x)
        default: throw .runtime("invalid operation: - \(a.goTypeName)")
        }
    }

    // MARK: conversions

    /// runtime.ToInt: floats truncate toward zero (saturating where Go's conversion is undefined).
    static func toInt(_ a: ExprValue) throws(ExprError) -> Int64 {
        switch a {
        case .int(let x): return x
        case .float(let f):
            if f.isNaN { return .min }
            if f >= 9.223372036854775807e18 { return .min }  // amd64 CVTTSD2SI yields MinInt64 on overflow
            if f < -9.223372036854775808e18 { return .min }
            return Int64(f)
        default: throw .runtime("invalid operation: int(\(a.goTypeName))")
        }
    }

    static func toFloat(_ a: ExprValue) throws(ExprError) -> Double {
        guard let f = a.number else { throw .runtime("invalid operation: float(\(a.goTypeName))") }
        return f
    }
}

extension ExprValue {
    /// The numeric value of an int or float.
    var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .float(let f): f
        default: nil
        }
    }
}
