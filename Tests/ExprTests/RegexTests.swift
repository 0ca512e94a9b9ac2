import Testing
@testable import Expr

@Suite("matches: Go RE2 syntax, unanchored search, no backtracking")
struct RegexTests {
    static let cases: [(String, String, Bool)] = [
        ("abc", "xabcx", true), ("^abc$", "abc", true), ("^abc$", "abc\n", false), ("^b", "abc", false),
        ("a.c", "abc", true), ("a.c", "a\nc", false), ("(?s)a.c", "a\nc", true), ("a*", "", true),
        ("^a+$", "aaa", true), ("^a+$", "", false), ("^a?b$", "b", true), ("^a{2}$", "aa", true), ("^a{2}$", "aaa", false),
        ("^a{2,}$", "aaaa", true), ("^a{2,3}$", "aaaa", false), ("^a{,2}$", "a{,2}", true), ("x{", "x{", true),
        ("^(ab|cd)+$", "abcdab", true), ("^(ab|cd)+$", "abc", false), ("^(?:a|b)*c$", "ababc", true),
        ("[abc]", "xxb", true), ("^[^abc]+$", "xyz", true), ("^[^abc]+$", "xaz", false), ("^[a-z0-9_]+$", "ab_9", true),
        ("^[a-]+$", "a-a", true), ("[]a]", "]", true), ("^[\\d]+$", "123", true), ("^\\d+$", "12a", false),
        ("^\\w+$", "a_1", true), ("\\s", "a b", true), ("^\\S+$", "ab", true), ("^\\D+$", "ab", true), ("\\W", "a-b", true),
        ("\\bfoo\\b", "a foo b", true), ("\\bfoo\\b", "afoob", false), ("\\Bfoo", "afoo", true),
        ("^[[:alpha:]]+$", "abC", true), ("^[[:digit:]]+$", "12", true), ("^[[:^digit:]]+$", "ab", true),
        ("(?i)hello", "HeLLo", true), ("hello", "HELLO", false), ("(?i:a)b", "Ab", true), ("(?i:a)b", "AB", false),
        ("(?m)^b$", "a\nb\nc", true), ("^b$", "a\nb\nc", false), ("\\Aa", "ab", true), ("b\\z", "ab", true),
        ("\\.log$", "main.log", true), ("\\.log$", "mainxlog", false), ("a\\+b", "a+b", true), ("\\x41", "A", true),
        ("\\x{1F600}", "😀", true), ("^.$", "😀", true), ("^..$", "é", false), ("^\\pL+$", "héllo", true),
        ("^\\p{Lu}", "Éa", true), ("^\\PL+$", "123", true), ("[\\p{Nd}]", "x٣", true), ("\\Q.*\\E", "a.*b", true),
        ("\\Q.*\\E", "ab", false), ("(?P<name>a+)b", "aab", true), ("(?<n>x)", "x", true), ("a|", "zzz", true),
        ("^(a+)+$", String(repeating: "a", count: 5000) + "!", false), ("(x+x+)+y", String(repeating: "x", count: 3000), false),
        ("^(a|aa)*$", String(repeating: "a", count: 2000), true), ("\\n", "a\nb", true), ("[\\n]", "\n", true),
        ("\\t", "\t", true), ("[^a]", "\n", true), ("^\\$", "$", true), ("é", "café", true), ("(?i)É", "é", true),
        ("(?i)k", "\u{212A}", true), ("^[\\x{100}-\\x{200}]$", "ā", true), ("a{0}b", "b", true), ("(a)(b)(c)", "abc", true),
        ("^(?i)abc(?-i)D$", "ABCD", true), ("^(?i)abc(?-i)D$", "ABCd", false), ("\\010", "\u{8}", true),
    ]

    @Test("match results", arguments: cases)
    func match(pattern: String, subject: String, expected: Bool) throws {
        let env: ExprMap = ["s": .string(subject), "p": .string(pattern)]
        #expect(try Expr.eval("s matches p", env: env) == .bool(expected))
    }

    static let invalid: [(String, String)] = [
        ("(", "missing closing ): `(`"), ("a)", "unexpected ): `a)`"), ("[a", "missing closing ]: `[a`"),
        ("*", "missing argument to repetition operator: `*`"), ("a**", "invalid nested repetition operator: `**`"),
        ("a{1001}", "invalid repeat count: `{1001}`"), ("a{2,1}", "invalid repeat count: `{2,1}`"),
        ("[z-a]", "invalid character class range: `z-a`"), ("\\8", "invalid escape sequence: `\\8`"),
        ("\\1", "invalid escape sequence: `\\1`"), ("\\q", "invalid escape sequence: `\\q`"),
        ("(?z)", "invalid or unsupported Perl syntax: `(?z`"), ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
        ("\\p{Greek}", "invalid character class range: `\\p{Greek}`"), ("a\\", "trailing backslash at end of expression: ``"),
        ("(?P<>a)", "invalid named capture: `(?P<>`"), ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
        ("((a{100}){100}){100}", "expression too large: `((a{100}){100}){100}`"),
    ]

    @Test("regexp syntax errors", arguments: invalid)
    func invalidPattern(pattern: String, expected: String) {
        do {
            _ = try Expr.eval("'x' matches p", env: ["p": .string(pattern)])
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.message == "error parsing regexp: \(expected)")
        }
    }
}
