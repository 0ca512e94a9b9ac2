/// Primary expressions, literals, calls, predicates and postfix member/index/slice access.
extension Parser {
    /// Builtins whose arguments include a predicate (closure); `optional` marks arguments that may be left out.
    static let predicateBuiltins: [String: [(predicate: Bool, optional: Bool)]] = [
        "all": [(false, false), (true, false)], "none": [(false, false), (true, false)],
        "any": [(false, false), (true, false)], "one": [(false, false), (true, false)],
        "filter": [(false, false), (true, false)], "map": [(false, false), (true, false)],
        "count": [(false, false), (true, true)], "sum": [(false, false), (true, true)],
        "find": [(false, false), (true, false)], "findIndex": [(false, false), (true, false)],
        "findLast": [(false, false), (true, false)], "findLastIndex": [(false, false), (true, false)],
        "groupBy": [(false, false), (true, false)],
        "sortBy": [(false, false), (true, false), (false, true)],
        "reduce": [(false, false), (true, false), (false, true)],
    ]

    mutating func parsePrimary() throws(ExprError) -> Node {
        let token = current
        if token.is(.operator), let precedence = Operators.unary[token.value] {
            try next()
            let operand = try parseExpression(precedence)
            return try parsePostfix(try node(.unary(token.value, operand), at: token.from))
        }
        if token.is(.bracket, "(") {
            try next()
            try enter()
            let inner = try parseSequenceExpression()
            leave()
            try expect(.bracket, ")")
            return try parsePostfix(inner)
        }
        if predicateDepth > 0 && (token.is(.operator, "#") || token.is(.operator, ".")) {
            var name = ""
            if token.is(.operator, "#") {
                try next()
                if current.is(.identifier) {
                    name = current.value
                    try next()
                }
            }
            // For `.field` the dot is left in place: the postfix parser reads it as `#.field`.
            return try parsePostfix(try node(.pointer(name), at: token.from))
        }
        if token.is(.operator, "::") {
            try next()
            let name = current
            try expect(.identifier)
            return try parsePostfix(try parseCall(name, arguments: []))
        }
        return try parseSecondary()
    }

    private mutating func parseSecondary() throws(ExprError) -> Node {
        let token = current
        let result: Node
        switch token.kind {
        case .identifier:
            try next()
            switch token.value {
            case "true": return try node(.bool(true), at: token.from)
            case "false": return try node(.bool(false), at: token.from)
            case "nil": return try node(.null, at: token.from)
            default:
                result = current.is(.bracket, "(")
                    ? try parseCall(token, arguments: [])
                    : try node(.identifier(token.value), at: token.from)
            }
        case .number:
            try next()
            // expr-lang reports a bad literal at the token after it (it has already advanced).
            let literal: Node.Kind
            do { literal = try NumberLiteral.parse(token.value) } catch { throw self.error(error.message) }
            return try node(literal, at: token.from)
        case .string:
            try next()
            result = try node(.string(token.value), at: token.from)
        case .bytes:
            try next()
            result = try node(.bytes(token.rawBytes ?? Array(token.value.utf8)), at: token.from)
        default:
            if token.is(.bracket, "[") {
                result = try parseArray(token)
            } else if token.is(.bracket, "{") {
                result = try parseMap(token)
            } else {
                throw error("unexpected token \(token.display)")
            }
        }
        return try parsePostfix(result)
    }

    mutating func parseCall(_ name: Token, arguments initial: [Node]) throws(ExprError) -> Node {
        var arguments = initial
        if let spec = Parser.predicateBuiltins[name.value] {
            try expect(.bracket, "(")
            // With the pipe operator the first argument is already there.
            let remaining = spec.dropFirst(min(arguments.count, spec.count))
            for (i, arg) in remaining.enumerated() {
                if current.is(.bracket, ")") {
                    if arg.optional { break }
                    throw error("expected at least \(remaining.count) arguments")
                }
                if i > 0 { try expect(.operator, ",") }
                arguments.append(arg.predicate ? try parsePredicate() : try parseExpression(0))
            }
            if current.is(.operator, ",") { try next() }
            try expect(.bracket, ")")
            return try node(.builtin(name.value, arguments), at: name.from)
        }
        if Builtins.names.contains(name.value) {
            return try node(.builtin(name.value, try parseArguments(arguments)), at: name.from)
        }
        let callee = try node(.identifier(name.value), at: name.from)
        return try node(.call(callee, try parseArguments(arguments)), at: name.from)
    }

    private mutating func parseArguments(_ initial: [Node]) throws(ExprError) -> [Node] {
        var arguments = initial
        let offset = arguments.count
        try expect(.bracket, "(")
        while !current.is(.bracket, ")") {
            if arguments.count > offset {
                try expect(.operator, ",")
            }
            if current.is(.bracket, ")") { break }
            arguments.append(try parseExpression(0))
        }
        try expect(.bracket, ")")
        return arguments
    }

    private mutating func parsePredicate() throws(ExprError) -> Node {
        let start = current
        let braces = start.is(.bracket, "{")
        if braces { try next() }
        predicateDepth += 1
        let body: Node
        if braces {
            body = try parseSequenceExpression()
        } else {
            body = try parseExpression(0)
            if current.is(.operator, ";") { throw error("wrap predicate with brackets { and }") }
        }
        predicateDepth -= 1
        if braces { try expect(.bracket, "}") }
        return try node(.predicate(body), at: start.from)
    }

    private mutating func parseArray(_ token: Token) throws(ExprError) -> Node {
        var nodes: [Node] = []
        try expect(.bracket, "[")
        while !current.is(.bracket, "]") {
            if !nodes.isEmpty {
                try expect(.operator, ",")
                if current.is(.bracket, "]") { break }
            }
            nodes.append(try parseExpression(0))
        }
        try expect(.bracket, "]")
        return try node(.array(nodes), at: token.from)
    }

    private mutating func parseMap(_ token: Token) throws(ExprError) -> Node {
        try expect(.bracket, "{")
        var pairs: [(key: Node, value: Node)] = []
        while !current.is(.bracket, "}") {
            if !pairs.isEmpty {
                try expect(.operator, ",")
                if current.is(.bracket, "}") { break }
                if current.is(.operator, ",") { throw error("unexpected token \(current.display)") }
            }
            // A key is a number, a string or an identifier (all taken as strings), or a parenthesized expression.
            let key: Node
            if current.is(.number) || current.is(.string) || current.is(.identifier) {
                key = try node(.string(current.value), at: current.from)
                try next()
            } else if current.is(.bracket, "(") {
                key = try parseExpression(0)
            } else {
                throw error(
                    "a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token \(current.display))"
                )
            }
            try expect(.operator, ":")
            pairs.append((key, try parseExpression(0)))
        }
        try expect(.bracket, "}")
        return try node(.map(pairs), at: token.from)
    }
}
