import ModelBase
import Testing
@testable import Expr

@Suite("The expressions Argo users write for http successCondition and data transformations")
struct ArgoTests {
    /// The environment agent.go builds for an HTTP template's successCondition.
    static let http: ExprMap = [
        "request": [
            "method": "POST", "url": "https://example.com/api", "body": "{\"a\":1}",
            "bodyBytes": .bytes(Array("{\"a\":1}".utf8)), "headers": ["Content-Type": ["application/json"]],
        ],
        "response": [
            "statusCode": 201,
            "body": "{\"status\":\"ok\",\"items\":[1,2,3],\"id\":\"abc-123\"}",
            "headers": ["Content-Type": ["application/json; charset=utf-8"], "X-Request-Id": ["r1", "r2"]],
        ],
    ]

    static let conditions: [(String, Bool)] = [
        ("response.statusCode == 201", true), ("response.statusCode == 200", false),
        ("response.statusCode >= 200 && response.statusCode < 300", true), ("response.statusCode in [200, 201, 202]", true),
        ("response.statusCode != 404", true), ("response.body contains 'ok'", true),
        ("fromJSON(response.body).status == 'ok'", true), ("len(fromJSON(response.body).items) == 3", true),
        ("fromJSON(response.body).items[0] == 1", true), ("response.body matches '\"id\":\"[a-z]+-\\\\d+\"'", true),
        ("response.headers['Content-Type'][0] startsWith 'application/json'", true),
        ("'X-Request-Id' in response.headers", true), ("len(response.headers['X-Request-Id']) == 2", true),
        ("response.headers['Missing'] == nil", true), ("request.method == 'POST'", true),
        ("request.url endsWith '/api'", true), ("request.headers['Content-Type'][0] == 'application/json'", true),
        ("len(request.bodyBytes) == 7", true), ("fromJSON(request.body).a == 1", true),
        ("response.statusCode == 201 and fromJSON(response.body).id startsWith 'abc'", true),
        ("any(fromJSON(response.body).items, # > 2)", true), ("response?.missing?.x == nil", true),
        ("string(response.statusCode) == '201'", true), ("int('201') == response.statusCode", true),
    ]

    @Test("http successCondition", arguments: conditions)
    func successCondition(source: String, expected: Bool) throws {
        #expect(try Expr.evalBool(source, env: ArgoTests.http) == expected)
    }

    @Test("unknown names in successCondition are compile errors, like expr.Env")
    func unknownName() {
        #expect(throws: ExprError.self) { try Expr.evalBool("status == 200", env: ArgoTests.http) }
    }

    /// data.go's environment: {"data": <what the previous step produced>}; the source is a list of keys.
    static let files: ExprValue = ["foo/bar/main.log", "foo/bar/init.log", "foo/baz/main.log", "foo/readme.md"]

    static let transformations: [(String, ExprValue)] = [
        ("filter(data, {# endsWith 'main.log'})", ["foo/bar/main.log", "foo/baz/main.log"]),
        ("filter(data, # endsWith 'main.log')", ["foo/bar/main.log", "foo/baz/main.log"]),
        ("map(data, split(#, '/')[1])", ["bar", "bar", "baz", "readme.md"]),
        ("filter(data, {# matches '^foo/ba[rz]/'})", ["foo/bar/main.log", "foo/bar/init.log", "foo/baz/main.log"]),
        ("map(filter(data, {# endsWith '.log'}), {trimSuffix(#, '.log')})", ["foo/bar/main", "foo/bar/init", "foo/baz/main"]),
        ("len(data)", 4), ("data[0]", "foo/bar/main.log"), ("data | filter(# contains 'baz') | first()", "foo/baz/main.log"),
        ("toJSON(filter(data, # endsWith '.md'))", "[\n  \"foo/readme.md\"\n]"),
        ("map(data, {#index})", [0, 1, 2, 3]), ("sort(data, 'desc')[0]", "foo/readme.md"),
        ("uniq(map(data, split(#, '/')[1]))", ["bar", "baz", "readme.md"]),
    ]

    @Test("data transformation steps", arguments: transformations)
    func transformation(source: String, expected: ExprValue) throws {
        #expect(try Expr.eval(source, env: ["data": ArgoTests.files]) == expected)
    }

    @Test("chained transformation steps feed each result back in as data")
    func chain() throws {
        var data = ArgoTests.files
        for step in ["filter(data, {# endsWith 'main.log'})", "map(data, {upper(#)})", "join(data, ',')"] {
            data = try Expr.eval(step, env: ["data": data])
        }
        #expect(data == "FOO/BAR/MAIN.LOG,FOO/BAZ/MAIN.LOG")
    }

    @Test("JSONValue bridge")
    func bridge() throws {
        let json = try JSONParser.parse(#"{"b": [1, 2.5, "x", null, true], "a": {"c": 1}}"#)
        let value = ExprValue(json: json)
        #expect(value == ["a": ["c": 1], "b": [1, 2.5, "x", nil, true]])
        #expect(ExprValue(json: json, numbersAsFloat: true) == ["a": ["c": 1.0], "b": [1.0, 2.5, "x", nil, true]])
        #expect(value.json == json)
        #expect(ExprValue.bytes([104, 105]).json == .string("aGk="))
    }
}
