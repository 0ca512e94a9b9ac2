/// The syntax tree of an expression, shaped like expr-lang's ast package. `at` is the position (in
/// Unicode scalars) expr-lang attaches to the node, which runtime errors point at: the operator token of
/// a binary node, the property of a `.` access, the `[` of an index, the name of a builtin call.
struct Node: Sendable {
    indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case int(Int64)
        case float(Double)
        case string(String)
        case bytes([UInt8])
        case identifier(String)
        /// `#` (name ""), `#index`, `#acc`, or the implicit `#` of a `.field` shorthand.
        case pointer(String)
        case unary(String, Node)
        case binary(String, Node, Node)
        /// `base.property`, `base?.property`, `base[index]`.
        case member(Node, Node, optional: Bool)
        /// The extent of an optional chain: a nil before any `?.` inside makes the whole chain nil.
        case chain(Node)
        case slice(Node, from: Node?, to: Node?)
        /// A call of something that is not a builtin: a function from the environment, or a method.
        case call(Node, [Node])
        case builtin(String, [Node])
        /// The closure argument of `all`, `filter`, `map`, ...
        case predicate(Node)
        case conditional(Node, Node, Node)
        case array([Node])
        case map([(key: Node, value: Node)])
        /// `let name = value; body`
        case variable(String, Node, Node)
        case sequence([Node])
    }

    var kind: Kind
    var at: Int
    /// Levels of nodes below and including this one; bounds the evaluator's recursion.
    var height: Int

    init(_ kind: Kind, at: Int) {
        self.kind = kind
        self.at = at
        self.height = 1 + kind.children.reduce(0) { max($0, $1.height) }
    }
}

extension Node.Kind {
    var children: [Node] {
        switch self {
        case .null, .bool, .int, .float, .string, .bytes, .identifier, .pointer: []
        case .unary(_, let a), .chain(let a), .predicate(let a): [a]
        case .binary(_, let a, let b), .member(let a, let b, _), .variable(_, let a, let b): [a, b]
        case .slice(let a, let b, let c): [a] + [b, c].compactMap { $0 }
        case .call(let a, let rest): [a] + rest
        case .builtin(_, let args), .array(let args), .sequence(let args): args
        case .conditional(let a, let b, let c): [a, b, c]
        case .map(let pairs): pairs.flatMap { [$0.key, $0.value] }
        }
    }
}
