@testable import Expr

/// The environment most table rows run against, modelled on expr-lang's mock.Env.
enum Fixtures {
    static let env: ExprMap = [
        "Int": 0, "One": 1, "Two": 2, "Float": 0.0, "Bool": true, "String": "string", "NilAny": nil,
        "ArrayOfInt": [1, 2, 3, 4, 5],
        "ArrayOfAny": [1, "2", 3, true],
        "ArrayOfFoo": [["Value": "foo"], ["Value": "bar"], ["Value": "baz"]],
        "Foo": ["Value": "foo", "Bar": ["Baz": "baz"]],
        "users": [["Name": "John", "Age": 30], ["Name": "Jane", "Age": 24], ["Name": "Bob", "Age": 41]],
        "tweets": [["Content": "short", "Size": 5], ["Content": "a bit longer", "Size": 12]],
        "map": ["a": 1, "b": 2],
    ]

    static func run(_ source: String, _ env: ExprMap = Fixtures.env) throws(ExprError) -> ExprValue {
        try Expr.eval(source, env: env)
    }

    /// The description of the error `source` raises, nil when it does not raise one.
    static func failure(_ source: String, _ env: ExprMap = Fixtures.env) -> String? {
        do {
            _ = try Expr.eval(source, env: env)
            return nil
        } catch {
            return error.description
        }
    }
}
