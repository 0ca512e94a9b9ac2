import Testing
@testable import Expr

@Suite("Closure builtins: #, .field, #index, #acc; braces optional")
struct PredicateTests {
    static let cases: [(String, ExprValue)] = [
        ("filter(1..9, {# > 7})", [8, 9]), ("filter(1..9, # > 7)", [8, 9]), ("map(1..3, {# * #})", [1, 4, 9]),
        ("all(1..3, {# > 0})", true), ("all(1..3, # > 1)", false), ("all([], false)", true),
        ("any(1..3, # > 2)", true), ("any([], true)", false), ("none(1..3, # > 5)", true), ("none([1], # == 1)", false),
        ("one([1, 2, 3], # == 2)", true), ("one([1, 2, 2], # == 2)", false), ("one([], true)", false),
        ("count(1..30, {# % 3 == 0})", 10), ("count([true, true, false])", 2), ("count([], true)", 0),
        ("sum([1, 2, 3])", 6), ("sum([1, 2.5])", 3.5), ("sum([])", 0), ("sum(users, .Age)", 95),
        ("sum(1..3, # * 2)", 12), ("find([1, 2, 3, 4], # > 2)", 3), ("find([1, 2], # > 5)", nil),
        ("findIndex([1, 2, 3, 4], # > 2)", 2), ("findIndex([1], # > 2)", nil), ("findLast([1, 2, 3, 4], # > 2)", 4),
        ("findLastIndex([1, 2, 3, 4], # > 2)", 3), ("findLast(1..9, # % 2 == 0)", 8), ("findLastIndex(1..9, # % 2 == 0)", 7),
        ("filter(users, .Name startsWith 'J')", [["Name": "John", "Age": 30], ["Name": "Jane", "Age": 24]]),
        ("map(users, .Name)", ["John", "Jane", "Bob"]), ("map(users, #.Age > 25)", [true, false, true]),
        ("filter(tweets, {len(.Content) > 6})", [["Content": "a bit longer", "Size": 12]]),
        ("all(tweets, {.Size < 280})", true), ("map(ArrayOfFoo, .Value)", ["foo", "bar", "baz"]),
        ("find(ArrayOfFoo, .Value == 'baz')", ["Value": "baz"]), ("findIndex(ArrayOfFoo, .Value == 'baz')", 2),
        ("filter(ArrayOfFoo, .Value == 'baz')[0].Value", "baz"), ("first(filter(ArrayOfFoo, false))", nil),
        ("map(1..3, #index)", [0, 1, 2]), ("filter(1..5, #index % 2 == 0)", [1, 3, 5]), ("map([10, 20], # + #index)", [10, 21]),
        ("reduce(1..9, #acc + #)", 45), ("reduce(1..9, #acc + #, 0)", 45), ("reduce([2, 3], #acc * #, 10)", 60),
        ("reduce(['a', 'b'], #acc + #)", "ab"), ("reduce(1..3, #index, 99)", 2),
        ("map(1..3, let x = #; let y = x * x; y * y)", [1, 16, 81]),
        ("map(1..2, let x = #; map(2..3, let y = #; x + y))", [[3, 4], [4, 5]]),
        ("map(1..2, {map(1..2, # * 10)})", [[10, 20], [10, 20]]), ("len(filter(1..99, # % 7 == 0))", 14),
        ("map(filter(ArrayOfInt, # >= 3), # + 1)", [4, 5, 6]), ("map(filter(1..9, # % 2 == 0), # * 2)[-1]", 16),
        ("first(map(filter(1..9, # % 2 == 0), # * 2))", 4), ("last(filter(1..9, # % 2 == 0))", 8),
        ("filter(1..9, # % 2 == 0)[-1]", 8), ("len(filter(map(1..9, # * 2), # % 2 == 0))", 9),
        ("groupBy(users, .Age > 25)['true'][0].Name", "John"), ("groupBy([1, 2, 3], # % 2)['1']", [1, 3]),
        ("sortBy(users, .Age)[0].Name", "Jane"), ("map(sortBy(users, .Age, 'desc'), .Name)", ["Bob", "John", "Jane"]),
        ("map(sortBy(users, .Name), .Age)", [41, 24, 30]), ("filter(users, {let u = #; u.Age > 29}) | len()", 2),
        ("filter(['a', 'b'], {#; true})", ["a", "b"]), ("any(users, {.Name == 'Bob'; .Age > 40})", true),
        ("map([[1, 2], [3]], len(#))", [2, 1]), ("all([[1], [2]], all(#, # > 0))", true),
        ("filter(1..6, # % 2 == 0 && # > 2)", [4, 6]), ("count(users, .Age > 18)", 3),
        ("filter(b'abc', # > 97)", [98, 99]), ("map({}, #)", []),
    ]

    @Test("predicate builtins", arguments: cases)
    func evaluates(source: String, expected: ExprValue) throws {
        #expect(try Fixtures.run(source) == expected)
    }
}
