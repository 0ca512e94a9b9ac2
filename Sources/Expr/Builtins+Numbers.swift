/// Number builtins: abs, ceil, floor, round, int, float, max, min, mean, median.
extension Builtins {
    static let numbers: [String: Function] = [
        "abs": { args throws(ExprError) in
            switch args[0] {
            case .int(let x):
                guard x != .min else { throw .runtime("integer overflow: abs(\(x))") }
                return .int(x < 0 ? -x : x)
            case .float(let x): return .float(x < 0 ? -x : x)
            default: throw .runtime("invalid argument for abs (type \(args[0].goTypeName))")
            }
        },
        "ceil": { args throws(ExprError) in try rounding("ceil", args[0], .up) },
        "floor": { args throws(ExprError) in try rounding("floor", args[0], .down) },
        "round": { args throws(ExprError) in try rounding("round", args[0], .toNearestOrAwayFromZero) },
        "int": { args throws(ExprError) in
            switch args[0] {
            case .int, .float: return .int(try Runtime.toInt(args[0]))
            case .string(let s):
                // strconv.Atoi: optional sign and decimal digits only.
                guard let i = Int64(s) else { throw .runtime("invalid operation: int(\(s))") }
                return .int(i)
            default: throw .runtime("invalid operation: int(\(args[0].goTypeName))")
            }
        },
        "float": { args throws(ExprError) in
            switch args[0] {
            case .int, .float: return .float(try Runtime.toFloat(args[0]))
            case .string(let s):
                guard let f = GoParse.float(s) else { throw .runtime("invalid operation: float(\(s))") }
                return .float(f)
            default: throw .runtime("invalid operation: float(\(args[0].goTypeName))")
            }
        },
        "max": { args throws(ExprError) in try extreme("max", args, depth: 0) { a, b throws(ExprError) in try Runtime.less(a, b) } },
        "min": { args throws(ExprError) in try extreme("min", args, depth: 0) { a, b throws(ExprError) in try Runtime.less(b, a) } },
        "mean": { args throws(ExprError) in
            let values = try numbersIn("mean", args, depth: 0)
            return .float(values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count))
        },
        "median": { args throws(ExprError) in
            let values = try numbersIn("median", args, depth: 0).sorted()
            guard !values.isEmpty else { return .float(0) }
            let n = values.count
            return .float(n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2)
        },
    ]

    /// expr-lang nests at most this deep in max/min/mean/median (builtin.MaxDepth).
    static let maxDepth = 10_000

    private static func rounding(_ name: String, _ v: ExprValue, _ rule: FloatingPointRoundingRule) throws(ExprError) -> ExprValue {
        switch v {
        case .float(let f): return .float(f.rounded(rule))
        case .int(let i): return .float(Double(i))
        default: throw .runtime("invalid argument for \(name) (type \(v.goTypeName))")
        }
    }

    /// builtin.minMax: numbers and (nested) arrays of numbers; `replace(current, candidate)` says whether
    /// the candidate wins. A lone non-number argument is returned as it is, as Go does.
    private static func extreme(
        _ name: String, _ args: [ExprValue], depth: Int,
        _ replace: (ExprValue, ExprValue) throws(ExprError) -> Bool
    ) throws(ExprError) -> ExprValue {
        guard depth <= maxDepth else { throw .runtime("maximum depth exceeded") }
        var best = ExprValue.null
        for arg in args {
            switch arg {
            case .int, .float:
                if best.isNil { best = arg } else if try replace(best, arg) { best = arg }
            case .array, .bytes:
                for element in arg.elements! {
                    let candidate: ExprValue
                    switch element {
                    case .int, .float: candidate = element
                    case .array, .bytes: candidate = try extreme(name, [element], depth: depth + 1, replace)
                    default: throw .runtime("invalid argument for \(name) (type \(element.goTypeName))")
                    }
                    if candidate.isNil { continue }
                    if best.isNil { best = candidate } else if try replace(best, candidate) { best = candidate }
                }
            default:
                if args.count == 1 { return arg }
                throw .runtime("invalid argument for \(name) (type \(arg.goTypeName))")
            }
        }
        return best
    }

    private static func numbersIn(_ name: String, _ args: [ExprValue], depth: Int) throws(ExprError) -> [Double] {
        guard depth <= maxDepth else { throw .runtime("maximum depth exceeded") }
        var out: [Double] = []
        for arg in args {
            switch arg {
            case .int(let i): out.append(Double(i))
            case .float(let f): out.append(f)
            case .array, .bytes: out += try numbersIn(name, arg.elements!, depth: depth + 1)
            default: throw .runtime("invalid argument for \(name) (type \(arg.goTypeName))")
            }
        }
        return out
    }
}

/// Go's strconv.ParseFloat on what Swift's Double(String) also reads, with Go's range rule.
enum GoParse {
    static func float(_ s: String) -> Double? {
        let body = s.hasPrefix("+") || s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let lower = body.lowercased()
        if lower == "inf" || lower == "infinity" { return s.hasPrefix("-") ? -.infinity : .infinity }
        if lower == "nan" { return .nan }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isHexDigit || "._xXpP+-".contains($0)) }) else { return nil }
        // Go accepts `_` only between digits of a prefixed literal; we accept none.
        guard let f = Double(s) else { return nil }
        // Out of range is an error in Go (ErrRange), not an infinity.
        return f.isFinite ? f : nil
    }
}
