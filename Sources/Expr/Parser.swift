/// A recursive-descent parser that follows expr-lang's parser.go (v1.17.8) production by production, so
/// precedence, associativity, the chained comparisons (`1 < x < 3`), `not in`, pipes, predicates and the
/// first error it reports are the same.
struct Parser {
    /// expr-lang's conf.DefaultMaxNodes.
    static let maxNodes = 10_000
    /// Our own bound on recursion, so hostile nesting cannot overflow the stack (Go's stacks grow instead).
    static let maxDepth = 100
    /// Bound on the height of the tree (left-associative chains such as `1+1+...` do not recurse in the
    /// parser but do in the evaluator).
    static let maxHeight = 300

    private var tokens: [Token]
    private let lexError: ExprError?
    private var index = 0
    private var nodeCount = 0
    private var recursion = 0
    /// Predicate nesting: `#` and `.field` are only pointers inside a predicate.
    var predicateDepth = 0

    static func parse(_ source: String) throws(ExprError) -> Node {
        let (tokens, lexError) = Lexer.tokenize(source)
        var parser = Parser(tokens: tokens, lexError: lexError)
        try parser.checkLexed()
        let node = try parser.parseSequenceExpression()
        if !parser.current.is(.eof) { throw parser.error("unexpected token \(parser.current.display)") }
        return node
    }

    private init(tokens: [Token], lexError: ExprError?) {
        self.tokens = tokens
        self.lexError = lexError
    }

    // MARK: tokens

    var current: Token { index < tokens.count ? tokens[index] : Token(kind: .eof, value: "", from: 0, to: 0) }

    private func checkLexed() throws(ExprError) {
        if index >= tokens.count {
            throw lexError ?? ExprError(.syntax, "unexpected end of expression", at: tokens.last?.from ?? 0)
        }
    }

    mutating func next() throws(ExprError) {
        index += 1
        try checkLexed()
    }

    /// Steps back one token (expr-lang's "stash" after peeking past `not`).
    mutating func stepBack() { index -= 1 }

    mutating func expect(_ kind: Token.Kind, _ values: String...) throws(ExprError) {
        let token = current
        guard token.kind == kind, values.isEmpty || values.contains(token.value) else {
            throw error("unexpected token \(token.display)")
        }
        try next()
    }

    func error(_ message: String, at token: Token? = nil) -> ExprError {
        ExprError(.syntax, message, at: (token ?? current).from)
    }

    /// Counts nodes against expr-lang's limit.
    mutating func node(_ kind: Node.Kind, at: Int) throws(ExprError) -> Node {
        nodeCount += 1
        if nodeCount > Parser.maxNodes {
            throw ExprError(.limit, "compilation failed: expression exceeds maximum allowed nodes", at: current.from)
        }
        let result = Node(kind, at: at)
        if result.height > Parser.maxHeight {
            throw ExprError(.limit, "compilation failed: expression nesting exceeds maximum depth", at: at)
        }
        return result
    }

    mutating func enter() throws(ExprError) {
        recursion += 1
        if recursion > Parser.maxDepth {
            throw ExprError(.limit, "compilation failed: expression nesting exceeds maximum depth", at: current.from)
        }
    }

    mutating func leave() { recursion -= 1 }

    // MARK: expressions

    mutating func parseSequenceExpression() throws(ExprError) -> Node {
        var nodes = [try parseExpression(0)]
        while current.is(.operator, ";") {
            try next()
            if current.is(.eof) { break }
            nodes.append(try parseExpression(0))
        }
        if nodes.count == 1 { return nodes[0] }
        return try node(.sequence(nodes), at: nodes[0].at)
    }

    mutating func parseExpression(_ precedence: Int) throws(ExprError) -> Node {
        try enter()
        defer { leave() }
        if precedence == 0 && current.is(.operator, "let") { return try parseVariableDeclaration() }
        if precedence == 0 && current.is(.operator, "if") { return try parseConditionalIf() }

        var left = try parsePrimary()
        var previousOperator = ""
        var opToken = current
        while opToken.is(.operator) {
            let negate = opToken.is(.operator, "not")
            var notToken = opToken
            if negate {
                try next()
                guard Operators.allowsNegation(current.value) else {
                    throw error("unexpected token \(current.display)")
                }
                guard let op = Operators.binary[current.value], op.precedence >= precedence else {
                    stepBack()
                    break
                }
                notToken = current
                opToken = current
            }
            guard let op = Operators.binary[opToken.value], op.precedence >= precedence else { break }
            try next()
            if opToken.value == "|" {
                let name = current
                try expect(.identifier)
                left = try parseCall(name, arguments: [left])
            } else {
                if previousOperator == "??" && opToken.value != "??" {
                    throw error(
                        "Operator (\(opToken.value)) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.",
                        at: opToken)
                }
                if Operators.isComparison(opToken.value) {
                    left = try parseComparison(left, opToken, op.precedence)
                } else {
                    let right = try parseExpression(op.rightAssociative ? op.precedence : op.precedence + 1)
                    left = try node(.binary(opToken.value, left, right), at: opToken.from)
                    if negate { left = try node(.unary("not", left), at: notToken.from) }
                }
            }
            previousOperator = opToken.value
            opToken = current
        }
        if precedence == 0 { left = try parseConditional(left) }
        return left
    }

    private mutating func parseVariableDeclaration() throws(ExprError) -> Node {
        try expect(.operator, "let")
        let name = current
        try expect(.identifier)
        try expect(.operator, "=")
        let value = try parseExpression(0)
        try expect(.operator, ";")
        let body = try parseSequenceExpression()
        return try node(.variable(name.value, value, body), at: name.from)
    }

    private mutating func parseConditionalIf() throws(ExprError) -> Node {
        let ifToken = current
        try next()
        let condition = try parseExpression(0)
        try expect(.bracket, "{")
        let then = try parseSequenceExpression()
        try expect(.bracket, "}")
        try expect(.operator, "else")
        let otherwise: Node
        if current.is(.operator, "if") {
            otherwise = try parseConditionalIf()
        } else {
            try expect(.bracket, "{")
            otherwise = try parseSequenceExpression()
            try expect(.bracket, "}")
        }
        return try node(.conditional(condition, then, otherwise), at: ifToken.from)
    }

    private mutating func parseConditional(_ start: Node) throws(ExprError) -> Node {
        var result = start
        while current.is(.operator, "?") {
            try next()
            let then: Node
            let otherwise: Node
            if !current.is(.operator, ":") {
                then = try parseExpression(0)
                try expect(.operator, ":")
                otherwise = try parseExpression(0)
            } else {
                // `a ?: b` is `a ? a : b`.
                try next()
                then = result
                otherwise = try parseExpression(0)
            }
            result = try node(.conditional(result, then, otherwise), at: current.from)
        }
        return result
    }

    private mutating func parseComparison(_ first: Node, _ firstToken: Token, _ precedence: Int) throws(ExprError) -> Node {
        // `a < b < c` is `a < b && b < c`.
        var left = first
        var token = firstToken
        var root: Node?
        while true {
            let comparator = try parseExpression(precedence + 1)
            let comparison = try node(.binary(token.value, left, comparator), at: token.from)
            root = try root.map { r throws(ExprError) in try node(.binary("&&", r, comparison), at: token.from) } ?? comparison
            left = comparator
            token = current
            guard token.is(.operator), Operators.isComparison(token.value) else { break }
            try next()
        }
        return root!
    }
}
