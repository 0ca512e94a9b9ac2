import Foundation
import Model
import Testing

@Suite("JSONParser: strict JSON without Codable")
struct JSONParserTests {
    @Test("every fixture parses to what JSONDecoder reads", arguments: TemplateDecodingTests.fixtures + ["task-result.json", "repository-s3.json"])
    func matchesJSONDecoder(name: String) throws {
        let data = try Fixtures.data(name)
        #expect(try JSONParser.parse([UInt8](data)) == JSONDecoder().decode(JSONValue.self, from: data))
    }

    @Test("scalars, numbers and nesting")
    func values() throws {
        let v = try JSONParser.parse(#" {"a": [1, -0, 2.5, -1e3, 9223372036854775807, 9223372036854775808, 1.0, 1e20, 0.1e1], "b": {"c": null, "d": true, "e": false}, "a2": ""} "#)
        #expect(v["a"] == .array([.int(1), .int(0), .double(2.5), .int(-1000), .int(Int64.max), .double(9223372036854775808),
                                  .int(1), .double(1e20), .int(1)]))
        #expect(v["b"] == .object(["c": .null, "d": .bool(true), "e": .bool(false)]))
        #expect(v["a2"] == .string(""))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([:]))
        #expect(try JSONParser.parse(#""x""#) == .string("x"))
    }

    @Test("escapes, surrogate pairs, and invalid UTF-8 read as U+FFFD (Go's reading)")
    func strings() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#) == .string("\"\\/\u{8}\u{C}\n\r\té😀"))
        #expect(try JSONParser.parse(#""a\ud800b""#) == .string("a\u{FFFD}b"))
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\udc00""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse([0x22, 0x61, 0xFF, 0x62, 0x22]) == .string("a\u{FFFD}b"))
        #expect(try JSONParser.parse(#""日本語 ünï""#) == .string("日本語 ünï"))
    }

    @Test("a repeated key keeps its last value, as Go does")
    func duplicateKeys() throws {
        #expect(try JSONParser.parse(#"{"k": 1, "k": 2}"#) == .object(["k": .int(2)]))
    }

    @Test("malformed input is an error naming the offset and the problem", arguments: [
        ("", "offset 0: unexpected end of JSON input"),
        ("{", "offset 1: expected a string object key"),
        ("[1,]", "offset 3: invalid character ']' looking for beginning of value"),
        (#"{"a":1,}"#, "offset 7: expected a string object key"),
        (#"{"a" 1}"#, "offset 5: expected ':' after object key"),
        ("[1 2]", "offset 3: expected ',' or ']' after array element"),
        ("01", "offset 1: unexpected data after the top-level value"),
        ("1.", "offset 2: invalid number: expected a digit after the decimal point"),
        ("-", "offset 1: invalid number: expected a digit"),
        ("1e", "offset 2: invalid number: expected a digit in the exponent"),
        (".5", "offset 0: invalid character '.' looking for beginning of value"),
        ("tru", "offset 3: unexpected end of JSON input in literal"),
        ("nul1", "offset 3: invalid character '1' in literal null"),
        ("NaN", "offset 0: invalid character 'N' looking for beginning of value"),
        ("1e999", "offset 5: number 1e999 is out of range"),
        ("'a'", "offset 0: invalid character ''' looking for beginning of value"),
        ("\"a\nb\"", "offset 2: invalid control character 0xa in string literal"),
        (#""\x""#, "offset 2: invalid character 'x' in string escape code"),
        (#""\u12G4""#, "offset 5: invalid character 'G' in \\u hexadecimal character escape"),
        (#""abc"#, "offset 4: unexpected end of JSON input in string literal"),
        ("{} x", "offset 3: unexpected data after the top-level value"),
    ])
    func malformed(input: String, message: String) {
        #expect { try JSONParser.parse(input) } throws: { error in
            (error as? ModelError)?.message == "invalid JSON at offset " + message.dropFirst("offset ".count)
        }
    }

    @Test("hostile nesting is refused at the depth limit, not by the stack")
    func depth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect { try JSONParser.parse(deep) } throws: { error in
            (error as? ModelError)?.message.hasSuffix("exceeded max depth of 512") == true
        }
        let ok = String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
    }
}
