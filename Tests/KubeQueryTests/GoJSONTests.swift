@testable import KubeQuery
import Model
import Testing

/// `JSONValue.goJSON` against what Go's encoding/json writes (json.Marshal of the value decoded as interface{}), and
/// hostile JSONPath templates.
@Suite("goJSON and hostile JSONPath input")
struct GoJSONTests {
    @Test("float64 as encoding/json writes it (floatEncoder: 'f', or 'e' below 1e-6 and from 1e21)", arguments: [
        (1.5, "1.5"), (100.0, "100"), (-0.0, "-0"), (0.0, "0"), (1e20, "100000000000000000000"), (1e21, "1e+21"),
        (123456789.0, "123456789"), (0.000001, "0.000001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (2.5e-5, "0.000025"),
        (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1, "0.1"), (1.0 / 3.0, "0.3333333333333333"),
        (-1234.5678, "-1234.5678"), (1e100, "1e+100"), (9007199254740993.0, "9007199254740992"),
    ])
    func floats(value: Double, expected: String) {
        #expect(JSONValue.double(value).goJSON == expected)
    }

    @Test("strings: HTML characters, controls and line separators escaped as Go 1.22+ does")
    func strings() {
        #expect(JSONValue.string("<a href=\"x\">&amp;</a>").goJSON == #""\u003ca href=\"x\"\u003e\u0026amp;\u003c/a\u003e""#)
        #expect(JSONValue.string("\u{8}\u{C}\n\r\t\u{1}\u{1F}\u{7F}").goJSON == "\"\\b\\f\\n\\r\\t\\u0001\\u001f\u{7F}\"")
        #expect(JSONValue.string("\u{2028}\u{2029}é😀\\/").goJSON == #""\u2028\u2029é😀\\/""#)
    }

    @Test("objects sorted by key bytes, arrays in order, compact")
    func structure() {
        let value = JSONValue.object(["b": .int(1), "a": .array([.null, .bool(true), .double(2.5), .string("x")]), "B": .object([:]),
                                      "é": .int(-9223372036854775808), "z": .array([])])
        #expect(value.goJSON == #"{"B":{},"a":[null,true,2.5,"x"],"b":1,"z":[],"é":-9223372036854775808}"#)
    }

    /// (JSONParser stops at 512 levels; Swift's own release of a nested value is recursive, so the test stays at a
    /// depth that any thread's stack can free.)
    @Test("deep nesting is written without recursion")
    func deep() {
        var value = JSONValue.int(1)
        for _ in 0..<2000 { value = .array([value]) }
        let text = value.goJSON
        #expect(text == String(repeating: "[", count: 2000) + "1" + String(repeating: "]", count: 2000))
    }

    @Test("kubectl's %v of floats ({.f}): 'g' with the exponent from 1e+06 and below 1e-04", arguments: [
        (1e6, "1e+06"), (123456.0, "123456"), (1234567.5, "1.2345675e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
        (1e21, "1e+21"), (1.5e-7, "1.5e-07"), (2.5, "2.5"), (-0.5, "-0.5"),
    ])
    func printedFloats(value: Double, expected: String) throws {
        #expect(try KubectlJSONPath("{.f}").render(.object(["f": .double(value)])) == expected)
    }

    static let object = JSONValue.object(["items": .array((0..<50).map { .object(["name": .string("n\($0)"), "v": .int(Int64($0))]) })])

    @Test("hostile templates: clear errors, bounded work")
    func hostileTemplates() throws {
        #expect(throws: ModelError.self) { try KubectlJSONPath(String(repeating: "{range .items[*]}", count: 100) + "{end}").render(Self.object) }
        #expect(throws: ModelError.self) { try KubectlJSONPath(String(repeating: "{", count: 10_000)) }
        #expect(throws: ModelError.self) { try KubectlJSONPath("{" + String(repeating: "[?(", count: 5000)) }
        #expect(throws: ModelError.self) { try KubectlJSONPath("{[" + String(repeating: "9", count: 1000) + "]}") }
        var chain = JSONValue.object(["name": .string("leaf")])
        for _ in 0..<500 { chain = .object(["a": chain]) }
        #expect(throws: ModelError(.badRequest, KubectlJSONPath.executionError(
            template: "{range ..}{range ..}{range ..}{..}{end}{end}{end}", "jsonpath evaluation produced more than 5000000 values"))) {
            try KubectlJSONPath("{range ..}{range ..}{range ..}{..}{end}{end}{end}").render(chain)
        }
        let fields = "{" + String(repeating: ".a", count: 100_000) + "}"
        #expect(try KubectlJSONPath(fields).render(Self.object) == "")
        let union = "{.items[" + (0..<1000).map { _ in "0" }.joined(separator: ",") + "].name}"
        #expect(try KubectlJSONPath(union).render(Self.object).count == 2999)
        #expect(throws: ModelError.self) { try KubectlJSONPath("{.items[9223372036854775807:].name}").render(Self.object) }
        #expect(throws: ModelError.self) { try KubectlJSONPath("{.items[-9223372036854775808].name}").render(Self.object) }
        #expect(throws: ModelError.self) { try KubectlJSONPath("{.items[9223372036854775807].name}").render(Self.object) }
    }

    @Test("deep JSON through `..` and printing")
    func deepJSON() throws {
        var value = JSONValue.object(["name": .string("leaf")])
        for _ in 0..<2000 { value = .object(["a": value]) }
        #expect(try KubectlJSONPath("{..name}").render(value) == "leaf")
        #expect(try KubectlJSONPath("{}").render(value).count == 2000 * 6 + 15)
    }
}
