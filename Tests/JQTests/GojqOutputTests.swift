import Core
@testable import JQ
import KubeQuery
import Model
import Testing

/// How Argo writes results: Go's json.Marshal for non-strings (sorted keys, HTML escaping, Go's float layout),
/// raw text for strings, strings.TrimSpace over the whole. Expected texts are what Go 1.24 prints.
@Suite struct GojqOutputTests {
    private func output(_ filter: String, _ input: String) throws -> String {
        try JQProgram.gojqOutput(filter: filter, json: Array(input.utf8))
    }

    @Test func objectsAreCompactWithSortedKeys() throws {
        #expect(try output(".", #"{"b":2,"a":{"d":1,"c":[true,null]}}"#) == #"{"a":{"c":[true,null],"d":1},"b":2}"#)
        // Byte order, as Go sorts map keys: "A" < "z" < "é".
        #expect(try output(".", #"{"é":1,"z":2,"A":3}"#) == #"{"A":3,"z":2,"é":1}"#)
        #expect(try output("{b: 1, a: 2}", "null") == #"{"a":2,"b":1}"#)
    }

    @Test(arguments: [
        ("1.5", "1.5"), ("1e21", "1e+21"), ("1e-7", "1e-7"), ("1.5e-7", "1.5e-7"), ("1e20", "100000000000000000000"),
        ("0.000001", "0.000001"), ("-2.5e300", "-2.5e+300"), ("100", "100"), ("3.0", "3"), ("-0", "0"),
        ("123456789012", "123456789012"), ("0.1", "0.1"), ("1e-10", "1e-10"),
        // Beyond 2^53 Argo holds the float64 json.Unmarshal made and Go prints its shortest digits.
        ("9007199254740993", "9007199254740992"), ("4611686018427387904", "4611686018427388000"),
    ])
    func numbers(_ input: String, _ expected: String) throws {
        #expect(try output(".", input) == expected)
        #expect(try output("[.]", input) == "[\(expected)]")
    }

    @Test func arithmeticResults() throws {
        #expect(try output(".a + .b", #"{"a":0.1,"b":0.2}"#) == "0.30000000000000004")
        #expect(try output("1 / 3", "null") == "0.3333333333333333")
        #expect(try output("pow(2; 60)", "null") == "1152921504606847000")
        #expect(try output("pow(2; 70)", "null") == "1.1805916207174113e+21")
    }

    @Test(arguments: [
        (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (123456.789, "123456.789"),
        (9.999999999999999e20, "999999999999999900000"), (1e-6, "0.000001"), (9.99e-7, "9.99e-7"), (-1e21, "-1e+21"),
        (2e-7, "2e-7"), (1.0e100, "1e+100"), (0.5, "0.5"),
    ])
    func goFloatLayout(_ value: Double, _ expected: String) throws {
        #expect(JSONValue.double(value).goJSON == expected)
    }

    @Test func htmlAndUnicodeEscaping() throws {
        #expect(try output("[.]", #""<a href='x'>&amp;</a>""#) == #"["\u003ca href='x'\u003e\u0026amp;\u003c/a\u003e"]"#)
        #expect(try output("[.]", #""\u2028\u2029""#) == #"["\u2028\u2029"]"#)
        #expect(try output("[.]", #""é😀""#) == #"["é😀"]"#)
        #expect(try output("[.]", #""\u0001\b\f\n\r\t\"\\\u001f\u007f""#) == "[\"\\u0001\\b\\f\\n\\r\\t\\\"\\\\\\u001f\u{7f}\"]")
        #expect(try output("{(.): 1}", #""<k>""#) == #"{"\u003ck\u003e":1}"#)
    }

    @Test func stringsAreRawAndTrimmed() throws {
        #expect(try output(".", #""<b>&""#) == "<b>&")
        #expect(try output(".", #""  padded \n""#) == "padded")
        // strings.TrimSpace trims Unicode white space, not only ASCII.
        #expect(try output(".", #""\u00a0x\u3000""#) == "x")
        #expect(try output(".[]", #"["a\n", "", "b "]"#) == "a\n\n\nb")
        #expect(try output(".", #""line1\nline2""#) == "line1\nline2")
    }

    @Test func emptyResults() throws {
        #expect(try output("empty", "{}") == "")
        #expect(try output(".a", #"{"a":""}"#) == "")
        #expect(try output(".a", "{}") == "null")
    }

    @Test(arguments: [("nan", "NaN"), ("[infinite]", "+Inf"), ("-infinite", "-Inf")])
    func unsupportedNumbers(_ filter: String, _ text: String) {
        #expect {
            try output(filter, "null")
        } throws: { error in
            (error as? ExecError)?.message == "jq filter \"\(filter)\": json: unsupported value: \(text)"
        }
    }
}
