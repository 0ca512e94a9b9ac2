import Model
import Testing
@testable import YAML

/// go-yaml v2's error cases (gopkg.in/yaml.v2 decode_test.go, `unmarshalErrorTests`) and sigs.k8s.io/yaml's
/// (null keys, NaN and infinities JSON cannot hold): each an error naming what went wrong, with libyaml's
/// 1-based line and column.
@Suite("errors")
struct ErrorTests {
    @Test("refused with go-yaml's message and a position", arguments: [
        ("v: !!float 'error'", "line 1, column 4: cannot decode !!str `error` as a !!float"),
        ("v: [A,", "did not find expected node content"), ("v:\n- [A,", "line 3, column 1: did not find expected node content"),
        ("a:\n- b: *,", "line 2, column 7: did not find expected alphabetic or numeric character"),
        ("a: *b\n", "line 1, column 4: unknown anchor 'b' referenced"), ("a: &a\n  b: *a\n", "anchor 'a' value contains itself"),
        ("a: &x null\n<<:\n- *x\nb: &x {}\n", "map merge requires map or sequence of maps as the value"),
        ("<<: 1", "map merge requires map or sequence of maps as the value"),
        ("<<: [{a: 1}, [1]]", "map merge requires map or sequence of maps as the value"),
        ("value: -", "block sequence entries are not allowed in this context"),
        ("a: !!binary ==", "!!binary value contains invalid base64 data"), ("a: !!binary YQ", "!!binary value contains invalid base64 data"),
        ("{[.]}", "invalid map key"), ("{{.}}", "invalid map key"), ("? [a]\n: 1", "invalid map key"),
        ("b: *a\na: &a {c: 1}", "unknown anchor 'a' referenced"), ("a:\n  1:\nb\n  2:", "could not find expected ':'"),
        ("a: &a {*a: 1}", "anchor 'a' value contains itself"),
        ("~: a", "unsupported map key of type null"), ("null: a", "unsupported map key of type null"), ("? \n: a", "unsupported map key of type null"), ("{? : a}", "unsupported map key of type null"),
        ("18446744073709551615: a", "unsupported map key of type uint64"),
        ("v: .inf", "json: unsupported value: +Inf"), ("v: -.Inf", "json: unsupported value: -Inf"), ("v: .NaN", "json: unsupported value: NaN"),
        ("v: !!int abc", "cannot decode !!str `abc` as a !!int"), ("v: !!int 1.5", "cannot decode !!float `1.5` as a !!int"),
        ("v: !!null x", "cannot decode !!str `x` as a !!null"), ("v: !!bool 1", "cannot decode !!int `1` as a !!bool"),
        ("v: !!timestamp 2015-02-30", "cannot decode !!str `2015-02-30` as a !!timestamp"),
        ("v: !!timestamp 123", "cannot decode !!int `123` as a !!timestamp"),
        ("v: !!float 18446744073709551615", "cannot decode !!int `18446744073709551615` as a !!float"),
        ("a: 1\n\tb: 2", "line 2"), ("a:\n  b: 1\n c: 2", "line 3"), ("a: \"open", "found unexpected end of stream"),
        ("a: {b: 1", "did not find expected ',' or '}'"), ("a: [1, 2] x", "line 1"),
        ("a: |\n    x\n  y\n", "line 3"), ("a:\n  b: >\n      x\n    y\n", "line 4"), ("!x!y a", "found undefined tag handle"),
        ("a: \"\\q\"", "found unknown escape character"), ("a: \"\\ud800\"", "found invalid Unicode character escape code"),
    ])
    func refused(_ yaml: String, _ expected: String) {
        let error = #expect(throws: ModelError.self) { try YAMLDocuments.parseOne(Array(yaml.utf8)) }
        #expect(error?.message.hasPrefix("yaml: ") == true)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
        #expect(error?.code == .badRequest)
    }

    @Test("the line and column are libyaml's, 1-based, with its context")
    func position() {
        let error = #expect(throws: ModelError.self) { try YAMLDocuments.parseOne(Array("a: 1\nb: [x,\nc: d: e\n".utf8)) }
        #expect(error?.message.hasPrefix("yaml: line 3, column ") == true, "\(error?.message ?? "")")
        let scanner = #expect(throws: ModelError.self) { try YAMLDocuments.parseOne(Array("a: 1\nb: c: d\n".utf8)) }
        #expect(scanner?.message == "yaml: line 2, column 5: mapping values are not allowed in this context", "\(scanner?.message ?? "")")
    }
}
