/// Unary and binary operators, evaluated as expr-lang's compiler emits them.
extension Evaluator {
    func unary(_ op: String, _ value: ExprValue, at: Int) throws(ExprError) -> ExprValue {
        switch op {
        case "not", "!": return .bool(!(try truth(value, at: at)))
        case "-":
            do { return try Runtime.negate(value) } catch { throw error.located(at) }
        default:
            // Unary plus compiles to nothing in expr-lang; the checker rejects non-numbers.
            guard value.number != nil else { throw .runtime("invalid operation: + \(value.goTypeName)", at: at) }
            return value
        }
    }

    func binary(_ op: String, _ leftNode: Node, _ rightNode: Node, at: Int) throws(ExprError) -> ExprValue {
        // Short-circuit operators: the left side must be a bool; the right side is returned as it is.
        switch op {
        case "or", "||":
            let left = try eval(leftNode)
            return try truth(left, at: at) ? left : try eval(rightNode)
        case "and", "&&":
            let left = try eval(leftNode)
            return try truth(left, at: at) ? try eval(rightNode) : left
        case "??":
            let left = try eval(leftNode)
            return left.isNil ? try eval(rightNode) : left
        default: break
        }
        let left = try eval(leftNode)
        let right = try eval(rightNode)
        do {
            return try apply(op, left, right, rightNode: rightNode, at: at)
        } catch {
            throw error.located(at)
        }
    }

    private func apply(_ op: String, _ left: ExprValue, _ right: ExprValue, rightNode: Node, at: Int) throws(ExprError) -> ExprValue {
        switch op {
        case "==": return .bool(Runtime.equal(left, right))
        case "!=": return .bool(!Runtime.equal(left, right))
        case "<", ">", "<=", ">=": return .bool(try Runtime.compare(op, left, right))
        case "+", "-", "*", "/", "%": return try Runtime.arithmetic(op, left, right)
        case "**", "^": return .float(GoMath.pow(try Runtime.toFloat(left), try Runtime.toFloat(right)))
        case "in": return .bool(try contains(right, left))
        case "..": return try range(left, right, at: at)
        case "matches":
            if left.isNil || right.isNil { return .bool(false) }
            guard case .string(let pattern) = right else { throw .runtime(Runtime.assertionMessage(right, "string")) }
            let regex = try regexes.compile(pattern)
            switch left {
            case .string(let s): return .bool(regex.matches(Array(s.utf8)))
            case .bytes(let b): return .bool(regex.matches(b))
            default: throw .runtime(Runtime.assertionMessage(left, "[]uint8"))
            }
        default:
            // contains, startsWith, endsWith: nil on either side is false, otherwise both must be strings.
            if left.isNil || right.isNil { return .bool(false) }
            guard case .string(let s) = left else { throw .runtime(Runtime.assertionMessage(left, "string")) }
            guard case .string(let t) = right else { throw .runtime(Runtime.assertionMessage(right, "string")) }
            let a = Array(s.utf8)
            let b = Array(t.utf8)
            switch op {
            case "contains": return .bool(StringOps.index(a, b) != nil)
            case "startsWith": return .bool(a.starts(with: b))
            default: return .bool(a.count >= b.count && a[(a.count - b.count)...].elementsEqual(b))
            }
        }
    }

    /// runtime.In: membership in an array (runtime.Equal), key presence in a map.
    func contains(_ container: ExprValue, _ needle: ExprValue) throws(ExprError) -> Bool {
        switch container {
        case .null: return false
        case .array, .bytes: return container.elements!.contains { Runtime.equal($0, needle) }
        case .map(let m):
            switch needle {
            case .null: return m[""] != nil
            case .string(let key): return m[key] != nil
            default:
                throw .runtime("reflect.Value.MapIndex: value of type \(needle.goTypeName) is not assignable to type string")
            }
        default: throw .runtime("operator \"in\" not defined on \(container.goTypeName)")
        }
    }

    private func range(_ left: ExprValue, _ right: ExprValue, at: Int) throws(ExprError) -> ExprValue {
        let low = try Runtime.toInt(left)
        let high = try Runtime.toInt(right)
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if overflow || span >= Int64(Evaluator.memoryBudget) {
            throw ExprError(.limit, "memory budget exceeded", at: at)
        }
        guard span >= 0 else { return .array([]) }
        try grow(Int(span) + 1, at: at)
        return .array((low...high).map { .int($0) })
    }
}
