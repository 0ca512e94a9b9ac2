import Model
import Testing
@testable import YAML

/// Cases from go-yaml v2's decode tests (gopkg.in/yaml.v2 decode_test.go, `unmarshalTests` decoded into
/// `interface{}`, `mergeTests`) and sigs.k8s.io/yaml's `TestYAMLToJSON`, with the JSON value YAMLToJSON gives.
@Suite("go-yaml v2 / sigs.k8s.io/yaml resolution")
struct GoYAMLCasesTests {
    @Test("plain scalars resolve as go-yaml v2 resolves them", arguments: [
        ("v: hi", ["v": "hi"]), ("v: true", ["v": true]), ("v: 10", ["v": 10]), ("v: 0b10", ["v": 2]), ("v: 0xA", ["v": 10]),
        ("v: 4294967296", ["v": 4_294_967_296]), ("v: 0.1", ["v": 0.1]), ("v: .1", ["v": 0.1]), ("v: -10", ["v": -10]),
        ("v: -.1", ["v": -0.1]), ("canonical: 6.8523e+5", ["canonical": 685_230.0]), ("expo: 685.230_15e+03", ["expo": 685_230.15]),
        ("fixed: 685_230.15", ["fixed": 685_230.15]), ("canonical: y", ["canonical": true]), ("answer: NO", ["answer": false]),
        ("logical: True", ["logical": true]), ("option: on", ["option": true]), ("o: Off", ["o": false]), ("v: n", ["v": false]), ("n: 1", ["false": 1]),
        ("canonical: 685230", ["canonical": 685_230]), ("decimal: +685_230", ["decimal": 685_230]), ("octal: 02472256", ["octal": 685_230]),
        ("hexa: 0x_0A_74_AE", ["hexa": 685_230]), ("bin: 0b1010_0111_0100_1010_1110", ["bin": 685_230]), ("bin: -0b101010", ["bin": -42]),
        ("bin: -0b1000000000000000000000000000000000000000000000000000000000000000", ["bin": .int(.min)]),
        ("o: 0o17", ["o": 15]), ("o: 0755", ["o": 493]), ("o: 08", ["o": 8.0]), ("o: 0x", ["o": "0x"]), ("o: 1__0", ["o": 10]),
        ("empty:", ["empty": nil]), ("canonical: ~", ["canonical": nil]), ("english: null", ["english": nil]), ("v: NULL", ["v": nil]),
        ("v: nULL", ["v": "nULL"]), ("t: tRUE", ["t": "tRUE"]), ("t: yES", ["t": "yES"]), ("i: inf", ["i": "inf"]), ("i: .iNf", ["i": ".iNf"]),
        ("a: -b_c", ["a": "-b_c"]), ("a: +b_c", ["a": "+b_c"]), ("a: 50cent_of_dollar", ["a": "50cent_of_dollar"]),
        ("a: <foo>", ["a": "<foo>"]), ("a: 1:1", ["a": "1:1"]), ("a: 123456e1", ["a": 1_234_560.0]), ("a: 123456E1", ["a": 1_234_560.0]),
        ("a: 1.", ["a": 1.0]), ("a: +.5", ["a": 0.5]), ("a: 1e-400", ["a": 0.0]), ("a: 1e999", ["a": "1e999"]), ("a: -1e999", ["a": "-1e999"]),
        ("a: [-1e999, 9223372036854775807]", ["a": ["-1e999", .int(.max)]]),
        ("a: 1_000.5", ["a": 1000.5]), ("a: 1,000", ["a": "1,000"]), ("a: 0x1p3", ["a": "0x1p3"]), ("a: <<", ["a": "<<"]), ("a: 1\n  - b", ["a": "1 - b"]),
        ("a: 9223372036854775807", ["a": .int(.max)]), ("a: -9223372036854775808", ["a": .int(.min)]),
        // Past Int64: a uint64 (JSON numbers Go reads back as float64), then a float.
        ("a: 18446744073709551615", ["a": .double(Double(UInt64.max))]), ("a: 99999999999999999999", ["a": 1e20]),
        ("t: 1000000000000000000000000000000000000", ["t": 1e36]), ("t: 9007199254740993", ["t": 9_007_199_254_740_993]),
        ("a: 2015-01-01", ["a": "2015-01-01"]), ("a: 2015-02-24T18:19:39Z", ["a": "2015-02-24T18:19:39Z"]),
        ("a: 0b+1", ["a": 1]), ("seq: [A,1,C]", ["seq": ["A", 1, "C"]]), ("seq:\n - A\n - 1\n - C", ["seq": ["A", 1, "C"]]),
        ("v: [A,B,C,]", ["v": ["A", "B", "C"]]), ("a: {b: https://github.com/go-yaml/yaml}", ["a": ["b": "https://github.com/go-yaml/yaml"]]),
        ("a: [https://github.com/go-yaml/yaml]", ["a": ["https://github.com/go-yaml/yaml"]]), ("123", 123), ("", nil), ("{}", [:]),
        ("t: this is very long line with spaces and it must be longer than 80 so we will repeat\n  that it must be longer that 80\n",
         ["t": "this is very long line with spaces and it must be longer than 80 so we will repeat that it must be longer that 80"]),
    ] as [(String, JSONValue)])
    func plainScalars(_ yaml: String, _ expected: JSONValue) throws {
        #expect(try YAMLDocuments.parseOne(Array(yaml.utf8)) == expected)
    }

    @Test("quoted, block and tagged scalars", arguments: [
        ("'1': '\"2\"'", ["1": "\"2\""]), ("v:\n- A\n- 'B\n\n  C'\n", ["v": ["A", "B\nC"]]), ("a: \"2015-01-01\"", ["a": "2015-01-01"]),
        ("a: 'yes'", ["a": "yes"]), ("a: \"123\"", ["a": "123"]), ("a: |\n  123\n", ["a": "123\n"]), ("a: >-\n  true\n", ["a": "true"]),
        ("scalar: | # Comment\n\n literal\n\n \ttext\n\n", ["scalar": "\nliteral\n\n\ttext\n"]),
        ("scalar: > # Comment\n\n folded\n line\n \n next\n line\n  * one\n  * two\n\n last\n line\n\n",
         ["scalar": "\nfolded line\nnext line\n * one\n * two\n\nlast line\n"]),
        ("v: !!float '1.1'", ["v": 1.1]), ("v: !!float 0", ["v": 0.0]), ("v: !!float -1", ["v": -1.0]), ("v: !!null ''", ["v": nil]),
        ("%TAG !y! tag:yaml.org,2002:\n---\nv: !y!int '1'", ["v": 1]), ("v: ! test", ["v": "test"]), ("v: !!str 123", ["v": "123"]),
        ("v: !!str", ["v": ""]), ("v: !!int \"0x10\"", ["v": 16]), ("v: !!bool yes", ["v": true]), ("v: !custom 12", ["v": "12"]),
        ("a: !!str 2015-01-01", ["a": "2015-01-01"]), ("a: !!timestamp \"2015-01-01\"", ["a": "2015-01-01"]),
        ("a: !!timestamp 2015-2-3T3:4:5Z", ["a": "2015-2-3T3:4:5Z"]), ("a: !!timestamp 2015-02-24 18:19:39.5", ["a": "2015-02-24 18:19:39.5"]),
        ("a: !!binary gIGC", ["a": "\u{FFFD}\u{FFFD}\u{FFFD}"]), ("a: !!binary aGVsbG8=", ["a": "hello"]),
        ("a: !!binary |\n  " + String(repeating: "A", count: 70) + "\n  ==\n", ["a": .string(String(repeating: "\0", count: 52))]),
        ("a: !!binary 4oI=", ["a": "\u{FFFD}\u{FFFD}"]), ("--- !!str\n\"Generic line break (no glyph)\\n\\\n Generic line break (glyphed)\\n\\\n Line separator\\u2028\\\n Paragraph separator\\u2029\"\n",
         "Generic line break (no glyph)\nGeneric line break (glyphed)\nLine separator\u{2028}Paragraph separator\u{2029}"),
        ("v: !!seq [1]", ["v": [1]]), ("v: \"\\x41\\u00e9\\U0001F600\\0\"", ["v": "A\u{E9}\u{1F600}\0"]),
    ] as [(String, JSONValue)])
    func quotedAndTagged(_ yaml: String, _ expected: JSONValue) throws {
        #expect(try YAMLDocuments.parseOne(Array(yaml.utf8)) == expected)
    }

    @Test("non-string keys become strings as sigs.k8s.io/yaml converts them", arguments: [
        ("True: a", ["true": "a"]), ("no: a", ["false": "a"]), ("y: a", ["true": "a"]), ("1: a", ["1": "a"]), ("1.2: a", ["1.2": "a"]),
        ("1000000000000000000000000000000000000: a", ["1e+36": "a"]), ("1e+36: a", ["1e+36": "a"]), ("\"1e+36\": a", ["1e+36": "a"]),
        ("\"1.2\": a", ["1.2": "a"]), ("0x10: a", ["16": "a"]), ("1.0: a", ["1": "a"]), ("1e6: a", ["1e+06": "a"]), ("123456.0: a", ["123456": "a"]),
        ("0.0001: a", ["0.0001": "a"]), ("0.00001: a", ["1e-05": "a"]), ("3.14159265358979: a", ["3.1415927": "a"]), ("-0.0: a", ["-0": "a"]),
        (".inf: a", [".inf": "a"]), ("-.Inf: a", ["-.inf": "a"]), (".nan: a", [".nan": "a"]), ("1e39: a", [".inf": "a"]),
        ("2015-01-01: a", ["2015-01-01": "a"]), ("-9223372036854775808: a", ["-9223372036854775808": "a"]), ("!!binary aGk=: a", ["hi": "a"]),
        ("? a\n: a", ["a": "a"]), ("a:\n  b\nb:\n  ? a\n  : a", ["a": "b", "b": ["a": "a"]]),
    ] as [(String, JSONValue)])
    func keys(_ yaml: String, _ expected: JSONValue) throws {
        #expect(try YAMLDocuments.parseOne(Array(yaml.utf8)) == expected)
    }

    @Test("anchors, aliases, and duplicate keys (the last wins, as YAMLToJSON is not strict)", arguments: [
        ("a: &x 1\nb: &y 2\nc: *x\nd: *y\n", ["a": 1, "b": 2, "c": 1, "d": 2]), ("a: &a {c: 1}\nb: *a", ["a": ["c": 1], "b": ["c": 1]]),
        ("a: &a [1, 2]\nb: *a", ["a": [1, 2], "b": [1, 2]]),
        ("First occurrence: &anchor Foo\nSecond occurrence: *anchor\nOverride anchor: &anchor Bar\nReuse anchor: *anchor\n",
         ["First occurrence": "Foo", "Second occurrence": "Foo", "Override anchor": "Bar", "Reuse anchor": "Bar"]),
        ("a: &k key\n*k : v", ["a": "key", "key": "v"]), ("a: 1\na: 2", ["a": 2]), ("1: a\n\"1\": b", ["1": "b"]),
    ] as [(String, JSONValue)])
    func aliases(_ yaml: String, _ expected: JSONValue) throws {
        #expect(try YAMLDocuments.parseOne(Array(yaml.utf8)) == expected)
    }

    @Test("UTF-16 with a byte order mark is read, as go-yaml reads it", arguments: [
        [0xFF, 0xFE, 0xF1, 0x00, 0x6F, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x79, 0x00, 0x65, 0x00, 0x73, 0x00, 0x0A, 0x00],
        [0xFE, 0xFF, 0x00, 0xF1, 0x00, 0x6F, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x79, 0x00, 0x65, 0x00, 0x73, 0x00, 0x0A],
    ] as [[UInt8]])
    func utf16(_ bytes: [UInt8]) throws {
        #expect(try YAMLDocuments.parseOne(bytes) == ["ño": true])
    }
}
