/// expr-lang's builtin functions (builtin/builtin.go, v1.17.8): the names the parser turns into builtin
/// calls, their arities as the checker enforces them, and the dispatch of the non-closure ones. The
/// closure builtins (`all`, `filter`, `map`, ...) live in Evaluator+Predicates.
enum Builtins {
    static let predicates: Set<String> = Set(Parser.predicateBuiltins.keys)

    static let names: Set<String> = predicates.union(arity.keys).union(["get", "max", "min", "mean", "median", "concat"])
        .union(unsupported)

    /// Date and time builtins need Go's time package semantics; they are recognised but not implemented.
    static let unsupported: Set<String> = ["now", "duration", "date", "timezone"]

    /// Arities the checker enforces at compile time, and the message style it uses for each builtin:
    /// typed functions say "not enough/too many arguments to call X", validated ones "invalid number of
    /// arguments (expected N, got M)".
    static let arity: [String: (min: Int, max: Int, typed: Bool)] = [
        "len": (1, 1, false), "type": (1, 1, true), "abs": (1, 1, false), "ceil": (1, 1, false),
        "floor": (1, 1, false), "round": (1, 1, false), "int": (1, 1, false), "float": (1, 1, false),
        "string": (1, 1, true), "trim": (1, 2, true), "trimPrefix": (1, 2, true), "trimSuffix": (1, 2, true),
        "upper": (1, 1, true), "lower": (1, 1, true), "split": (2, 3, true), "splitAfter": (2, 3, true),
        "replace": (3, 4, true), "repeat": (2, 2, true), "join": (1, 2, true), "indexOf": (2, 2, true),
        "lastIndexOf": (2, 2, true), "hasPrefix": (2, 2, true), "hasSuffix": (2, 2, true),
        "toJSON": (1, 1, true), "fromJSON": (1, 1, true), "toBase64": (1, 1, true), "fromBase64": (1, 1, true),
        "first": (1, 1, false), "last": (1, 1, false), "take": (2, 2, false), "keys": (1, 1, false),
        "values": (1, 1, false), "toPairs": (1, 1, false), "fromPairs": (1, 1, false), "reverse": (1, 1, false),
        "uniq": (1, 1, false), "flatten": (1, 1, false), "sort": (1, 2, true), "bitnot": (1, 1, true),
        "bitand": (2, 2, true), "bitor": (2, 2, true), "bitxor": (2, 2, true), "bitnand": (2, 2, true),
        "bitshl": (2, 2, true), "bitshr": (2, 2, true), "bitushr": (2, 2, true),
    ]

    /// The checker's arity error for `name` called with `count` arguments, nil when the count is fine.
    static func arityError(_ name: String, _ count: Int) -> String? {
        if ["max", "min", "mean", "median"].contains(name) {
            return count == 0 ? "not enough arguments to call \(name)" : nil
        }
        if name == "concat" {
            return count == 0 ? "invalid number of arguments (expected at least 1, got 0)" : nil
        }
        guard let a = arity[name], count < a.min || count > a.max else { return nil }
        if a.typed { return count < a.min ? "not enough arguments to call \(name)" : "too many arguments to call \(name)" }
        return "invalid number of arguments (expected \(a.max), got \(count))"
    }

    /// Calls a non-closure builtin. `grow` charges the memory budget for what the call allocates.
    static func call(_ name: String, _ args: [ExprValue], grow: (Int) throws(ExprError) -> Void) throws(ExprError) -> ExprValue {
        if let f = strings[name] { return try f(args) }
        if let f = numbers[name] { return try f(args) }
        if let f = conversions[name] { return try f(args) }
        if let f = collections[name] {
            let result = try f(args)
            if ["reverse", "concat", "flatten", "sort"].contains(name), let n = result.elements?.count { try grow(n) }
            return result
        }
        if name == "repeat" { return try repeatString(args, grow: grow) }
        if unsupported.contains(name) { throw .runtime("builtin \(name) is not supported (no Go time package here)") }
        throw .runtime("unknown builtin \(name)")
    }

    typealias Function = @Sendable ([ExprValue]) throws(ExprError) -> ExprValue

    /// The argument at `i` as a string, with the Go type-assertion panic text otherwise.
    static func string(_ args: [ExprValue], _ i: Int) throws(ExprError) -> String {
        guard i < args.count else { throw .runtime("missing argument") }
        guard case .string(let s) = args[i] else { throw .runtime(Runtime.assertionMessage(args[i], "string")) }
        return s
    }
}
