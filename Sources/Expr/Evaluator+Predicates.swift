/// Builtin calls. The closure builtins run their predicate once per element in a scope that gives
/// it `#`, `#index` and `#acc`, following the loops expr-lang's compiler emits.
extension Evaluator {
    func builtin(_ name: String, _ args: [Node], at: Int) throws(ExprError) -> ExprValue {
        do {
            if Builtins.predicates.contains(name) { return try predicateBuiltin(name, args, at: at) }
            var values: [ExprValue] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try eval(arg)) }
            return try Builtins.call(name, values) { (n: Int) throws(ExprError) in try self.grow(n, at: at) }
        } catch {
            throw error.located(at)
        }
    }

    /// The elements a closure builtin iterates, as the VM's OpBegin sees them (a string yields its bytes).
    private func items(of value: ExprValue) throws(ExprError) -> [ExprValue] {
        switch value {
        case .array(let a): return a
        case .bytes, .string:
            if case .string(let s) = value { return s.utf8.map { .int(Int64($0)) } }
            return value.elements!
        case .map(let m):
            if m.isEmpty { return [] }
            throw .runtime("reflect: call of reflect.Value.Index on map Value")
        case .null: throw .runtime("reflect: call of reflect.Value.Len on zero Value")
        default: throw .runtime("reflect: call of reflect.Value.Len on \(value.goTypeName) Value")
        }
    }

    private func predicateBuiltin(_ name: String, _ args: [Node], at: Int) throws(ExprError) -> ExprValue {
        let list = try items(of: try eval(args[0]))
        scopes.append(Scope(items: list))
        defer { scopes.removeLast() }
        let predicate = args.count > 1 ? args[1] : nil

        /// Runs the predicate (or takes the element itself) for the element at `i`.
        func run(_ i: Int) throws(ExprError) -> ExprValue {
            scopes[scopes.count - 1].index = i
            return try predicate.map { p throws(ExprError) in try eval(p) } ?? list[i]
        }
        func test(_ i: Int) throws(ExprError) -> Bool { try truth(try run(i), at: at) }

        switch name {
        case "all":
            for i in list.indices where !(try test(i)) { return .bool(false) }
            return .bool(true)
        case "none":
            for i in list.indices where try test(i) { return .bool(false) }
            return .bool(true)
        case "any":
            for i in list.indices where try test(i) { return .bool(true) }
            return .bool(false)
        case "one":
            var count = 0
            for i in list.indices where try test(i) { count += 1 }
            return .bool(count == 1)
        case "count":
            var count: Int64 = 0
            for i in list.indices where try test(i) { count += 1 }
            return .int(count)
        case "filter":
            var out: [ExprValue] = []
            for i in list.indices where try test(i) { out.append(list[i]) }
            try grow(out.count, at: at)
            return .array(out)
        case "map":
            var out: [ExprValue] = []
            out.reserveCapacity(list.count)
            for i in list.indices { out.append(try run(i)) }
            try grow(out.count, at: at)
            return .array(out)
        case "sum":
            var acc = ExprValue.int(0)
            for i in list.indices { acc = try Runtime.arithmetic("+", try run(i), acc) }
            return acc
        case "find":
            for i in list.indices where try test(i) { return list[i] }
            return .null
        case "findIndex":
            for i in list.indices where try test(i) { return .int(Int64(i)) }
            return .null
        case "findLast":
            for i in list.indices.reversed() where try test(i) { return list[i] }
            return .null
        case "findLastIndex":
            for i in list.indices.reversed() where try test(i) { return .int(Int64(i)) }
            return .null
        case "groupBy": return try groupBy(list, run)
        case "sortBy": return try sortBy(list, args, run, at: at)
        default: return try reduce(list, args, at: at)
        }
    }

    /// Groups by the predicate's value. Keys become strings (Go's result is a map[any][]any).
    private func groupBy(_ list: [ExprValue], _ run: (Int) throws(ExprError) -> ExprValue) throws(ExprError) -> ExprValue {
        var out = ExprMap()
        for i in list.indices {
            let key = try run(i)
            let name = if case .string(let s) = key { s } else { GoFormat.value(key) }
            if case .array(var group) = out[name] ?? .array([]) {
                group.append(list[i])
                out[name] = .array(group)
            }
        }
        return .map(out)
    }

    private func sortBy(
        _ list: [ExprValue], _ args: [Node], _ run: (Int) throws(ExprError) -> ExprValue, at: Int
    ) throws(ExprError) -> ExprValue {
        var descending = false
        if args.count == 3 {
            guard case .string(let order) = try eval(args[2]) else { throw .runtime("sortBy order argument must be a string") }
            guard order == "asc" || order == "desc" else { throw .runtime("unknown order, use asc or desc") }
            descending = order == "desc"
        }
        var keys: [ExprValue] = []
        for i in list.indices { keys.append(try run(i)) }
        var failure: ExprError?
        let sortedIndices = list.indices.sorted { a, b in
            do throws(ExprError) {
                let (x, y) = descending ? (keys[b], keys[a]) : (keys[a], keys[b])
                if try Runtime.less(x, y) { return true }
                if try Runtime.less(y, x) { return false }
            } catch {
                failure = failure ?? error
            }
            return a < b
        }
        if let failure { throw failure }
        try grow(list.count, at: at)
        return .array(sortedIndices.map { list[$0] })
    }

    private func reduce(_ list: [ExprValue], _ args: [Node], at: Int) throws(ExprError) -> ExprValue {
        var start = 0
        if args.count == 3 {
            scopes[scopes.count - 1].acc = try eval(args[2])
        } else {
            guard let first = list.first else { throw .runtime("reduce of empty array with no initial value") }
            scopes[scopes.count - 1].acc = first
            start = 1
        }
        for i in list.indices.dropFirst(start) {
            scopes[scopes.count - 1].index = i
            scopes[scopes.count - 1].acc = try eval(args[1])
        }
        return scopes[scopes.count - 1].acc
    }
}
