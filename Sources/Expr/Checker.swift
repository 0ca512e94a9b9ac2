/// The compile-time checks expr-lang's checker makes that do not need static types: every name must be
/// in the environment (`expr.Env` makes unknown names an error), builtins get an acceptable number of
/// arguments, `#name` pointers are known, and literal regexps compile.
struct Checker {
    let names: Set<String>?
    var regexes: [String: Regex] = [:]
    private var locals: [String] = []

    init(names: Set<String>?) { self.names = names }

    mutating func check(_ node: Node) throws(ExprError) {
        switch node.kind {
        case .identifier(let name):
            if let names, !names.contains(name), !locals.contains(name), name != "$env" {
                throw ExprError(.unknownName, "unknown name \(name)", at: node.at)
            }
        case .pointer(let name):
            if !["", "index", "acc"].contains(name) { throw ExprError(.syntax, "unknown pointer #\(name)", at: node.at) }
        case .variable(let name, let value, let body):
            try check(value)
            locals.append(name)
            defer { locals.removeLast() }
            try check(body)
            return
        case .builtin(let name, let args):
            if let message = Builtins.arityError(name, args.count) { throw ExprError(.syntax, message, at: node.at) }
        case .binary("matches", _, let right):
            if case .string(let pattern) = right.kind, regexes[pattern] == nil {
                do { regexes[pattern] = try Regex(pattern) } catch { throw ExprError(.syntax, error.message, at: node.at) }
            }
        default: break
        }
        for child in node.kind.children { try check(child) }
    }
}
