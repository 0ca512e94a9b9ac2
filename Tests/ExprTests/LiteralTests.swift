import Testing
@testable import Expr

@Suite("Literals, identifiers and member access")
struct LiteralTests {
    static let cases: [(String, ExprValue)] = [
        ("1", 1), ("42", 42), ("0x2A", 42), ("0X2a", 42), ("0o52", 42), ("0O52", 42), ("0b101010", 42),
        ("1_000_000", 1_000_000), ("0x_ff", 255), ("012", 12), ("-.5", -0.5), (".5", 0.5), ("0.5", 0.5),
        ("1e3", 1000.0), ("1E3", 1000.0), ("1.5e-3", 0.0015), ("2.", 2.0), ("1_0.5", 10.5),
        ("9223372036854775807", .int(.max)), ("-9223372036854775807", .int(-.max)),
        ("true", true), ("false", false), ("nil", nil),
        (#""foo""#, "foo"), ("'bar'", "bar"), (#""a\nb""#, "a\nb"), (#"'it\'s'"#, "it's"),
        (#""\t\r\\\"""#, "\t\r\\\""), (#""\x41\101\u0042\U00000043""#, "AABC"), (#""\u{1F600}""#, "😀"),
        (#""\xff""#, "ÿ"), ("`raw\\n`", "raw\\n"), ("`a``b`", "a`b"), ("`multi\nline`", "multi\nline"),
        ("\"北京\"", "北京"), (#""\a\b\f\v""#, "\u{07}\u{08}\u{0C}\u{0B}"),
        ("b'abc'", .bytes([97, 98, 99])), (#"b"\xff\x00""#, .bytes([255, 0])), (#"b"\101""#, .bytes([65])),
        ("b'ÿ'", .bytes([195, 191])),
        ("[1, 2, 3]", [1, 2, 3]), ("[]", []), ("[1, 'a', nil, true,]", [1, "a", nil, true]),
        ("{a: 1, 'b': 2, \"c\": 3}", ["a": 1, "b": 2, "c": 3]), ("{}", [:]), ("{1: 'x'}", ["1": "x"]),
        ("{('a' + 'b'): 1}", ["ab": 1]), ("{a: 1,}", ["a": 1]),
        ("One", 1), ("String", "string"), ("NilAny", nil), ("Foo.Value", "foo"), ("Foo.Bar.Baz", "baz"),
        ("Foo['Bar']['Baz']", "baz"), ("Foo.Missing", nil), ("map.a", 1), ("map['b']", 2),
        ("ArrayOfInt[0]", 1), ("ArrayOfInt[-1]", 5), ("ArrayOfInt[-5]", 1), ("ArrayOfInt[1.9]", 2),
        ("ArrayOfFoo[1].Value", "bar"), ("(0..10)[5]", 5), ("'hello'[1]", 101), ("b'AB'[1]", 66),
        ("ArrayOfInt[1:2]", [2]), ("ArrayOfInt[1:4]", [2, 3, 4]), ("ArrayOfInt[-4:-1]", [2, 3, 4]),
        ("ArrayOfInt[:3]", [1, 2, 3]), ("ArrayOfInt[3:]", [4, 5]), ("ArrayOfInt[:]", [1, 2, 3, 4, 5]),
        ("ArrayOfInt[4:2]", []), ("ArrayOfInt[-100:100]", [1, 2, 3, 4, 5]), ("String[:]", "string"),
        ("String[:3]", "str"), ("String[:9]", "string"), ("String[3:9]", "ing"), ("String[7:9]", ""),
        ("'hello'[1:3]", "el"), ("b'hello'[1:3]", .bytes([101, 108])),
        ("$env.One", 1), ("$env['String']", "string"), ("'One' in $env", true), ("'Nope' in $env", false),
        ("NilAny?.foo", nil), ("NilAny?.foo.bar.baz", nil), ("Foo?.Bar?.Baz", "baz"), ("Foo?.Value", "foo"),
        ("[1, 2, 3]?.[0]", 1), ("[[1, 2], 3, 4]?.[0]?.[1]", 2), ("[nil, 3, 4]?.[0]?.[1]", nil),
        ("NilAny?.[0]", nil), ("NilAny ?? 'default'", "default"), ("One ?? 2", 1), ("Foo.Missing ?? 7", 7),
        ("NilAny?.a ?? 'x'", "x"), ("nil ?? nil ?? 3", 3),
        ("1 /* one */ + 2 // two", 3), ("/* c */ 1", 1), ("1 // trailing", 1),
        ("let x = 1; x + 2", 3), ("let x = 2; let y = x * 3; y + x", 8), ("let One = 10; One", 10),
        ("1; 2; 3", 3), ("1;", 1), ("(1; 2)", 2),
        ("if 1 > 2 { 333 * 2 + 1 } else { 444 }", 444), ("if 1 == 2 { 'no' } else if 1 == 1 { 'yes' } else { 'maybe' }", "yes"),
        ("if 'a' < 'b' {let x = 'a'; x} else {'abc'}", "a"),
        ("true ? 1 : 2", 1), ("false ? 1 : 2", 2), ("(true ? 0+1 : 2+3) + (false ? -1 : -2)", -1),
        ("true ? false ? 1 : 2 : 3", 2), ("Bool ?: 5", true), ("false ?: 5", 5), ("1 > 2 ? 'a' : 1 < 2 ? 'b' : 'c'", "b"),
        ("Foo.not", nil), ("Foo.matches", nil),
    ]

    @Test("literal, access and conditional expressions", arguments: cases)
    func evaluates(source: String, expected: ExprValue) throws {
        #expect(try Fixtures.run(source) == expected)
    }
}
