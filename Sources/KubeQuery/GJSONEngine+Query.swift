/// gjson.go `queryMatches` with `trueish` / `falseish` / `nullish`: how one element is tested against a `#(...)`
/// query. Strings compare by bytes (or by wildcard with `%` / `!%`), numbers as float64, booleans by the fixed
/// table gjson uses; `~true`, `~false`, `~null`, `~*` first turn the value into a boolean.
extension GJSONEngine {
    static func queryMatches(_ query: GJSONPath.Query, _ input: GJSONResult) -> Bool {
        var rpv = query.value
        var value = input
        if rpv.first == UInt8(ascii: "~") {
            rpv = rpv.sub(1)
            let ish: Bool?
            switch String(decoding: rpv, as: UTF8.self) {
            case "*": ish = value.exists
            case "null": ish = value.kind == .null
            case "true": ish = trueish(value)
            case "false": ish = falseish(value)
            default: ish = nil
            }
            if let ish {
                rpv = Array("true".utf8)
                value = GJSONResult(kind: ish ? .true : .false)
            } else {
                rpv = []
                value = GJSONResult()
            }
        }
        guard value.exists else { return false }
        let op = String(decoding: query.op, as: UTF8.self)
        if op.isEmpty { return true }
        switch value.kind {
        case .string: return compare(op, value.str, rpv)
        case .number: return compare(op, value.num, GoNumberParsing.parseFloat(String(decoding: rpv, as: UTF8.self)).value)
        case .true, .false: return compare(op, value.kind == .true, rpv)
        case .null, .json: return false
        }
    }

    /// Strings compare by bytes, or by wildcard pattern with `%` / `!%`.
    private static func compare(_ op: String, _ s: [UInt8], _ rpv: [UInt8]) -> Bool {
        switch op {
        case "=": return s == rpv
        case "!=": return s != rpv
        case "<": return s.goLess(rpv)
        case "<=": return !rpv.goLess(s)
        case ">": return rpv.goLess(s)
        case ">=": return !s.goLess(rpv)
        case "%": return GJSONMatch.matches(s, rpv)
        case "!%": return !GJSONMatch.matches(s, rpv)
        default: return false
        }
    }

    private static func compare(_ op: String, _ n: Double, _ bound: Double) -> Bool {
        switch op {
        case "=": return n == bound
        case "!=": return n != bound
        case "<": return n < bound
        case "<=": return n <= bound
        case ">": return n > bound
        case ">=": return n >= bound
        default: return false
        }
    }

    /// gjson's fixed table for booleans: the query value is only ever compared with the words true and false.
    private static func compare(_ op: String, _ value: Bool, _ rpv: [UInt8]) -> Bool {
        let isTrue = rpv == Array("true".utf8)
        let isFalse = rpv == Array("false".utf8)
        switch (value, op) {
        case (true, "="): return isTrue
        case (true, "!="): return !isTrue
        case (true, ">"): return isFalse
        case (true, ">="): return true
        case (false, "="): return isFalse
        case (false, "!="): return !isFalse
        case (false, "<"): return isTrue
        case (false, "<="): return true
        default: return false
        }
    }

    private static func trueish(_ t: GJSONResult) -> Bool {
        switch t.kind {
        case .true: return true
        case .string: return GJSONResult.parseBool(t.str) ?? false
        case .number: return t.num != 0
        default: return false
        }
    }

    private static func falseish(_ t: GJSONResult) -> Bool {
        switch t.kind {
        case .null, .false: return true
        case .string: return GJSONResult.parseBool(t.str).map { !$0 } ?? false
        case .number: return t.num == 0
        default: return false
        }
    }
}
