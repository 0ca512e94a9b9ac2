/// Walks the syntax tree with expr-lang's VM semantics. One evaluator per run: it holds the `let`
/// variables, the predicate scopes (`#`, `#index`, `#acc`) and the memory budget.
final class Evaluator {
    /// expr-lang's conf.DefaultMemoryBudget: elements allocated by ranges, literals, `map`, `filter`, ...
    static let memoryBudget = 1_000_000

    struct Scope {
        var items: [ExprValue]
        var index = 0
        var acc: ExprValue = .null
        var item: ExprValue { index < items.count ? items[index] : .null }
    }

    let env: ExprMap
    let regexes: RegexCache
    private var locals: [(name: String, value: ExprValue)] = []
    var scopes: [Scope] = []
    private var memory = 0

    init(env: ExprMap, regexes: RegexCache) {
        self.env = env
        self.regexes = regexes
    }

    /// Charges `size` elements against the budget, as the VM's memGrow does.
    func grow(_ size: Int, at: Int) throws(ExprError) {
        memory += max(size, 0)
        if memory >= Evaluator.memoryBudget { throw ExprError(.limit, "memory budget exceeded", at: at) }
    }

    func eval(_ node: Node) throws(ExprError) -> ExprValue {
        switch node.kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .string(let s): return .string(s)
        case .bytes(let b): return .bytes(b)
        case .identifier(let name): return lookup(name)
        case .pointer(let name): return pointer(name)
        case .unary(let op, let operand): return try unary(op, try eval(operand), at: node.at)
        case .binary(let op, let left, let right): return try binary(op, left, right, at: node.at)
        case .member(let base, let property, let optional): return try member(base, property, optional: optional, at: node.at)
        case .chain(let inner): return try chain(inner)
        case .slice(let base, let from, let to): return try slice(base, from: from, to: to, at: node.at)
        case .call(let callee, _): throw callError(callee, at: node.at)
        case .builtin(let name, let args): return try builtin(name, args, at: node.at)
        case .predicate(let body): return try eval(body)
        case .conditional(let condition, let then, let otherwise):
            return try eval(try truth(try eval(condition), at: node.at) ? then : otherwise)
        case .array(let nodes): return try array(nodes, at: node.at)
        case .map(let pairs): return try map(pairs, at: node.at)
        case .variable(let name, let value, let body):
            locals.append((name, try eval(value)))
            defer { locals.removeLast() }
            return try eval(body)
        case .sequence(let nodes):
            var last = ExprValue.null
            for n in nodes { last = try eval(n) }
            return last
        }
    }

    private func lookup(_ name: String) -> ExprValue {
        if let local = locals.last(where: { $0.name == name }) { return local.value }
        if name == "$env" { return .map(env) }
        return env[name] ?? .null
    }

    private func pointer(_ name: String) -> ExprValue {
        guard let scope = scopes.last else { return .null }
        switch name {
        case "index": return .int(Int64(scope.index))
        case "acc": return scope.acc
        default: return scope.item
        }
    }

    private func chain(_ inner: Node) throws(ExprError) -> ExprValue {
        do {
            return try eval(inner)
        } catch where error.isChainBreak {
            return .null
        }
    }

    private func array(_ nodes: [Node], at: Int) throws(ExprError) -> ExprValue {
        var out: [ExprValue] = []
        out.reserveCapacity(nodes.count)
        for n in nodes { out.append(try eval(n)) }
        try grow(out.count, at: at)
        return .array(out)
    }

    private func map(_ pairs: [(key: Node, value: Node)], at: Int) throws(ExprError) -> ExprValue {
        var out = ExprMap()
        for pair in pairs {
            let key = try eval(pair.key)
            guard case .string(let name) = key else {
                throw .runtime(Runtime.assertionMessage(key, "string"), at: at)
            }
            out[name] = try eval(pair.value)
        }
        try grow(out.count, at: at)
        return .map(out)
    }

    /// A condition must be a bool (the VM asserts `.(bool)`).
    func truth(_ value: ExprValue, at: Int) throws(ExprError) -> Bool {
        guard case .bool(let b) = value else { throw .runtime(Runtime.assertionMessage(value, "bool"), at: at) }
        return b
    }

    private func callError(_ callee: Node, at: Int) -> ExprError {
        switch callee.kind {
        case .identifier(let name): .runtime("\(name) is not callable", at: at)
        case .member(_, let property, _):
            if case .string(let name) = property.kind { .runtime("cannot call method \(name): methods are not supported", at: at) }
            else { .runtime("value is not callable", at: at) }
        default: .runtime("value is not callable", at: at)
        }
    }
}

extension ExprError {
    /// The internal signal of `?.` on nil, caught by the enclosing chain.
    static let chainBreak = ExprError(.runtime, "\u{0}chain")
    var isChainBreak: Bool { message == "\u{0}chain" && offset == nil }
}
