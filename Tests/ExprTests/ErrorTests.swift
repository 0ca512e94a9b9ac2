import Testing
@testable import Expr

@Suite("Errors: texts and positions as expr-lang prints them")
struct ErrorTests {
    static let exact: [(String, String)] = [
        ("1 +", "unexpected token EOF (1:3)\n | 1 +\n | ..^"),
        ("1 + )", "unexpected token Bracket(\")\") (1:5)\n | 1 + )\n | ....^"),
        ("foo", "unknown name foo (1:1)\n | foo\n | ^"),
        ("One + foo.bar", "unknown name foo (1:7)\n | One + foo.bar\n | ......^"),
        ("'abc", "literal not terminated (1:5)\n | 'abc\n | ....^"),
        ("1 @ 2", "unrecognized character: U+0040 '@' (1:3)\n | 1 @ 2\n | ..^"),
        ("\"\\q\"", "invalid char escape (1:3)\n | \"\\q\"\n | ..^"),
        ("12a", "bad number syntax: \"12a\" (1:3)\n | 12a\n | ..^"),
        ("/* open", "unclosed comment (1:8)\n | /* open\n | .......^"),
        ("a ?? b || c", "Operator (||) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses. (1:8)\n | a ?? b || c\n | .......^"),
        ("One ?? Two || true", "Operator (||) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses. (1:12)\n | One ?? Two || true\n | ...........^"),
        ("filter(1..9, # > 9)[0]", "index out of range: 0 (array length is 0) (1:20)\n | filter(1..9, # > 9)[0]\n | ...................^"),
        ("ArrayOfAny[-7]", "index out of range: -3 (array length is 4) (1:11)\n | ArrayOfAny[-7]\n | ..........^"),
        ("reduce(10..1, # + #acc)", "reduce of empty array with no initial value (1:1)\n | reduce(10..1, # + #acc)\n | ^"),
        ("1 + 'a' + One", "invalid operation: int + string (1:3)\n | 1 + 'a' + One\n | ..^"),
        ("One + 'a'", "invalid operation: int + string (1:5)\n | One + 'a'\n | ....^"),
        ("1 % 0", "runtime error: integer divide by zero (1:3)\n | 1 % 0\n | ..^"),
        ("1.5 % 1", "invalid operation: float64 % int (1:5)\n | 1.5 % 1\n | ....^"),
        ("NilAny.foo", "cannot fetch foo from <nil> (1:8)\n | NilAny.foo\n | .......^"),
        ("One.foo", "cannot fetch foo from int (1:5)\n | One.foo\n | ....^"),
        ("'a' < 1", "invalid operation: string < int (1:5)\n | 'a' < 1\n | ....^"),
        ("not One", "interface conversion: interface {} is int, not bool (1:1)\n | not One\n | ^"),
        ("One ? 1 : 2", "interface conversion: interface {} is int, not bool (1:11)\n | One ? 1 : 2\n | ..........^"),
        ("1 contains 'a'", "interface conversion: interface {} is int, not string (1:3)\n | 1 contains 'a'\n | ..^"),
        ("len(1)", "invalid argument for len (type int) (1:1)\n | len(1)\n | ^"),
        ("upper()", "not enough arguments to call upper (1:1)\n | upper()\n | ^"),
        ("upper('a', 'b')", "too many arguments to call upper (1:1)\n | upper('a', 'b')\n | ^"),
        ("len()", "invalid number of arguments (expected 1, got 0) (1:1)\n | len()\n | ^"),
        ("filter()", "expected at least 2 arguments (1:8)\n | filter()\n | .......^"),
        ("filter(1..3, # > 1; true)", "wrap predicate with brackets { and } (1:19)\n | filter(1..3, # > 1; true)\n | ..................^"),
        ("# > 1", "unexpected token Operator(\"#\") (1:1)\n | # > 1\n | ^"),
        ("'a' matches '('", "error parsing regexp: missing closing ): `(` (1:5)\n | 'a' matches '('\n | ....^"),
        ("'a' matches ('(' + '')", "error parsing regexp: missing closing ): `(` (1:5)\n | 'a' matches ('(' + '')\n | ....^"),
        ("int('abc')", "invalid operation: int(abc) (1:1)\n | int('abc')\n | ^"),
        ("repeat('a', -1)", "invalid argument for repeat (expected positive integer, got -1) (1:1)\n | repeat('a', -1)\n | ^"),
        ("1..2000000", "memory budget exceeded (1:2)\n | 1..2000000\n | .^"),
        ("repeat('ab', 1000001)", "memory budget exceeded (1:1)\n | repeat('ab', 1000001)\n | ^"),
        ("9223372036854775808", "invalid integer literal: strconv.ParseInt: parsing \"9223372036854775808\": value out of range (1:19)\n | 9223372036854775808\n | ..................^"),
        ("9223372036854775807 + 1", "integer overflow: 9223372036854775807 + 1 (1:21)\n | 9223372036854775807 + 1\n | ....................^"),
        ("1\n+ )", "unexpected token Bracket(\")\") (2:3)\n | + )\n | ..^"),
        ("a not b", "unexpected token Identifier(\"b\") (1:7)\n | a not b\n | ......^"),
        ("One not One", "unexpected token Identifier(\"One\") (1:9)\n | One not One\n | ........^"),
        ("{a: 1, , }", "unexpected token Operator(\",\") (1:8)\n | {a: 1, , }\n | .......^"),
        ("[1, 2", "unexpected token EOF (1:5)\n | [1, 2\n | ....^"),
        ("#acc", "unexpected token Operator(\"#\") (1:1)\n | #acc\n | ^"),
        ("map(1..2, #foo)", "unknown pointer #foo (1:11)\n | map(1..2, #foo)\n | ..........^"),
        ("toJSON(1/0)", "json: unsupported value: +Inf (1:1)\n | toJSON(1/0)\n | ^"),
        ("fromBase64('!!')", "illegal base64 data at input byte 0 (1:1)\n | fromBase64('!!')\n | ^"),
        ("{(1): 2}", "interface conversion: interface {} is int, not string (1:1)\n | {(1): 2}\n | ^"),
        ("sort([1, 'a'])", "invalid operation: string < int (1:1)\n | sort([1, 'a'])\n | ^"),
        ("now()", "builtin now is not supported (no Go time package here) (1:1)\n | now()\n | ^"),
    ]

    @Test("error text", arguments: exact)
    func text(source: String, expected: String) {
        #expect(Fixtures.failure(source) == expected)
    }

    @Test("error codes and positions are data")
    func codes() throws {
        #expect(throws: ExprError.self) { try ExprProgram("foo", names: ["bar"]) }
        do {
            _ = try ExprProgram("foo", names: ["bar"])
        } catch {
            #expect(error.code == .unknownName && error.line == 1 && error.column == 1)
        }
        do {
            _ = try ExprProgram("1 +\n  )", names: [])
        } catch {
            #expect(error.code == .syntax && error.line == 2 && error.column == 3)
        }
        // Without names every identifier is accepted and a missing one is nil.
        #expect(try ExprProgram("missing ?? 3").run([:]) == 3)
    }

    @Test("Argo's EvalBool wrapping")
    func evalBool() {
        #expect(throws: ExprError.self) { try Expr.evalBool("1 + 1", env: [:]) }
        do {
            _ = try Expr.evalBool("1 + 1", env: [:])
        } catch {
            #expect(error.description == "unable to cast expression result '%!s(int=2)' to bool")
        }
        do {
            _ = try Expr.evalBool("x.y", env: ["x": nil])
        } catch {
            #expect(error.description == "unable to evaluate expression 'x.y': cannot fetch y from <nil> (1:3)\n | x.y\n | ..^")
        }
        do {
            _ = try Expr.evalBool("'s'", env: [:])
        } catch {
            #expect(error.description == "unable to cast expression result 's' to bool")
        }
    }
}
