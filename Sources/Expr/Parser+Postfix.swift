/// Postfix operators: `.name`, `?.name`, `?.[index]`, `[index]`, `[from:to]`, and method calls.
extension Parser {
    mutating func parsePostfix(_ start: Node) throws(ExprError) -> Node {
        var result = start
        var postfix = current
        while postfix.is(.operator) || postfix.is(.bracket) {
            var optional = postfix.value == "?."
            if postfix.value == "." || postfix.value == "?." {
                try next()
                let property = current
                if optional && property.is(.bracket, "[") {
                    // `a?.[i]`: an optional index.
                    postfix = property
                } else {
                    try next()
                    // Keywords such as `not` or `matches` are valid property names.
                    guard property.kind == .identifier || (property.kind == .operator && CharClass.isValidIdentifier(property.value))
                    else { throw error("expected name") }
                    result = try member(result, property, optional: optional)
                    postfix = current
                    continue
                }
            }
            guard postfix.value == "[" else { break }
            try next()
            if current.is(.operator, ":") {
                // `[:to]` or `[:]`
                try next()
                let to = current.is(.bracket, "]") ? nil : try parseExpression(0)
                result = try node(.slice(result, from: nil, to: to), at: postfix.from)
                try expect(.bracket, "]")
            } else {
                let from = try parseExpression(0)
                if current.is(.operator, ":") {
                    try next()
                    let to = current.is(.bracket, "]") ? nil : try parseExpression(0)
                    result = try node(.slice(result, from: from, to: to), at: postfix.from)
                } else {
                    result = try node(.member(result, from, optional: optional), at: postfix.from)
                    if optional { result = try node(.chain(result), at: postfix.from) }
                }
                try expect(.bracket, "]")
            }
            optional = false
            postfix = current
        }
        return result
    }

    /// `base.property` (or `base?.property`), extending an optional chain the base belongs to, and
    /// turning `base.name(args)` into a method call.
    private mutating func member(_ base: Node, _ property: Token, optional: Bool) throws(ExprError) -> Node {
        let name = try node(.string(property.value), at: property.from)
        var inner = base
        var inChain = false
        if case .chain(let chained) = base.kind {
            inner = chained
            inChain = true
        }
        var result = try node(.member(inner, name, optional: optional), at: property.from)
        if current.is(.bracket, "(") {
            result = try node(.call(result, try parseMethodArguments()), at: property.from)
        }
        if inChain || optional { result = try node(.chain(result), at: property.from) }
        return result
    }

    private mutating func parseMethodArguments() throws(ExprError) -> [Node] {
        var arguments: [Node] = []
        try expect(.bracket, "(")
        while !current.is(.bracket, ")") {
            if !arguments.isEmpty { try expect(.operator, ",") }
            if current.is(.bracket, ")") { break }
            arguments.append(try parseExpression(0))
        }
        try expect(.bracket, ")")
        return arguments
    }
}
