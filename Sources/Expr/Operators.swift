/// expr-lang's operator table (parser/operator): precedence and associativity.
enum Operators {
    struct Binary {
        var precedence: Int
        var rightAssociative = false
    }

    static let unary: [String: Int] = ["not": 50, "!": 50, "-": 90, "+": 90]

    static let binary: [String: Binary] = [
        "|": Binary(precedence: 0),
        "or": Binary(precedence: 10), "||": Binary(precedence: 10),
        "and": Binary(precedence: 15), "&&": Binary(precedence: 15),
        "==": Binary(precedence: 20), "!=": Binary(precedence: 20),
        "<": Binary(precedence: 20), ">": Binary(precedence: 20),
        ">=": Binary(precedence: 20), "<=": Binary(precedence: 20),
        "in": Binary(precedence: 20), "matches": Binary(precedence: 20),
        "contains": Binary(precedence: 20), "startsWith": Binary(precedence: 20),
        "endsWith": Binary(precedence: 20),
        "..": Binary(precedence: 25),
        "+": Binary(precedence: 30), "-": Binary(precedence: 30),
        "*": Binary(precedence: 60), "/": Binary(precedence: 60), "%": Binary(precedence: 60),
        "**": Binary(precedence: 100, rightAssociative: true), "^": Binary(precedence: 100, rightAssociative: true),
        "??": Binary(precedence: 500),
    ]

    static func isComparison(_ op: String) -> Bool { op == "<" || op == ">" || op == ">=" || op == "<=" }

    static func allowsNegation(_ op: String) -> Bool {
        ["contains", "matches", "startsWith", "endsWith", "in"].contains(op)
    }
}
