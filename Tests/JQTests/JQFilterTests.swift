import Core
import JQ
import Testing

/// Filters run as Argo's jqFilter runs them (one result per line, strings raw, the rest json.Marshal-ed, trimmed):
/// Argo's own cases (workflow/executor/resource_test.go), then jq manual style cases over the areas jq's
/// tests/jq.test and gojq's cli/test.yaml cover, written here with our own inputs.
@Suite struct JQFilterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let filter: String
        let input: String
        let output: String
        init(_ filter: String, _ input: String, _ output: String) {
            self.filter = filter
            self.input = input
            self.output = output
        }
        var testDescription: String { filter }
    }

    static let argo: [Case] = [
        Case(".metadata.name", #"{"metadata":{"name":"foo"}}"#, "foo"),
        Case(".items.[].key", #"{"items":[{"key":"foo"},{"key":"bar"}]}"#, "foo\nbar"),
    ]

    static let paths: [Case] = [
        Case(".items[1].key", #"{"items":[{"key":"foo"},{"key":"bar"}]}"#, "bar"),
        Case(".items[-1].key", #"{"items":[{"key":"foo"},{"key":"bar"}]}"#, "bar"),
        Case(".items.[0]", #"{"items":[{"key":"foo"},{"key":"bar"}]}"#, #"{"key":"foo"}"#),
        Case(".a.[\"b-c\"]", #"{"a":{"b-c":"x"}}"#, "x"),
        Case(".a.[]?", #"{"a":5}"#, ""),
        Case(".[\"a-b\"]", #"{"a-b":1}"#, "1"),
        Case(".[2:4]", "[0,1,2,3,4]", "[2,3]"),
        Case(".[:2]", "\"abcdef\"", "ab"),
        Case(".a.b.c", "{}", "null"),
        Case(".x?", "[1]", ""),
        Case("[.[]?]", "3", "[]"),
        Case(".spec.containers[].image", #"{"spec":{"containers":[{"image":"a:1"},{"image":"b:2"}]}}"#, "a:1\nb:2"),
        Case("[paths]", #"{"a":{"b":1}}"#, #"[["a"],["a","b"]]"#),
        Case("getpath([\"a\",\"b\"])", #"{"a":{"b":7}}"#, "7"),
        Case("del(.a)", #"{"a":1,"b":2}"#, #"{"b":2}"#),
        Case("setpath([\"a\",\"b\"]; 1)", "null", #"{"a":{"b":1}}"#),
        Case("[.. | numbers]", #"[1,[2,{"a":3}]]"#, "[1,2,3]"),
    ]

    static let functions: [Case] = [
        Case(".status.conditions[] | select(.type == \"Ready\") | .status",
             #"{"status":{"conditions":[{"type":"Init","status":"True"},{"type":"Ready","status":"False"}]}}"#, "False"),
        Case("map(. + 1)", "[1,2,3]", "[2,3,4]"),
        Case("map_values(. * 2)", #"{"a":1,"b":2}"#, #"{"a":2,"b":4}"#),
        Case("keys", #"{"b":1,"a":2,"c":3}"#, #"["a","b","c"]"#),
        Case("keys_unsorted", #"{"b":1,"a":2,"c":3}"#, #"["a","b","c"]"#),
        Case("[.[]]", #"{"b":1,"a":2,"c":3}"#, "[2,1,3]"),
        Case("to_entries", #"{"b":1,"a":2}"#, #"[{"key":"a","value":2},{"key":"b","value":1}]"#),
        Case("from_entries", #"[{"key":"a","value":1},{"name":"b","value":2}]"#, #"{"a":1,"b":2}"#),
        Case("with_entries(.value += 1)", #"{"a":1}"#, #"{"a":2}"#),
        Case("map(length)", #"["héllo",[1,2],{"a":1},null,-3]"#, "[5,2,1,0,3]"),
        Case("map(type)", #"[null,true,1,"a",[],{}]"#, #"["null","boolean","number","string","array","object"]"#),
        Case(".[]", #"["a",1,"b",true,null,1.5]"#, "a\n1\nb\ntrue\nnull\n1.5"),
        Case("add", "[1,2,3]", "6"),
        Case("add", #"["a","b"]"#, "ab"),
        Case("sort_by(.n) | map(.n)", #"[{"n":3},{"n":1},{"n":2}]"#, "[1,2,3]"),
        Case("group_by(.k) | map(length)", #"[{"k":"a"},{"k":"b"},{"k":"a"}]"#, "[2,1]"),
        Case("unique", "[1,2,1,3]", "[1,2,3]"),
        Case("[min, max]", "[5,2,9]", "[2,9]"),
        Case("indices(1)", "[0,1,1]", "[1,2]"),
        Case("flatten", "[1,[2,[3]]]", "[1,2,3]"),
        Case("[any, all]", "[true,false]", "[true,false]"),
        Case("has(\"a\"), contains({a: [1]})", #"{"a":[1,2]}"#, "true\ntrue"),
        Case("walk(if type == \"number\" then . + 1 else . end)", #"{"a":[1,{"b":2}]}"#, #"{"a":[2,{"b":3}]}"#),
        Case("tonumber + 1", "\"41\"", "42"),
        Case("[.[] | tostring]", #"[1,"1",[1]]"#, #"["1","1","[1]"]"#),
        Case("ltrimstr(\"v\") | split(\".\") | map(tonumber)", "\"v1.22\"", "[1,22]"),
        Case("split(\", \") | join(\"-\")", "\"a, b, c\"", "a-b-c"),
        Case("ascii_downcase, ascii_upcase", "\"AbC\"", "abc\nABC"),
        Case("startswith(\"ab\"), endswith(\"x\")", "\"abc\"", "true\nfalse"),
        Case("def twice: . * 2; [.[] | twice]", "[1,2]", "[2,4]"),
        Case("[.[] as [$a, $b] | $a + $b]", "[[1,2],[3,4]]", "[3,7]"),
        Case("todate", "1425599507", "2015-03-05T23:51:47Z"),
        Case("fromdate", "\"2015-03-05T23:51:47Z\"", "1425599507"),
    ]

    static let formats: [Case] = [
        Case("@base64", "\"hello\"", "aGVsbG8="),
        Case("@base64d", "\"aGVsbG8=\"", "hello"),
        Case("@csv", #"[1,"a,b","c\"d"]"#, #"1,"a,b","c""d""#),
        Case("@tsv", #"["a\tb","c"]"#, "a\\tb\tc"),
        Case("@html", "\"<&>\\\"\"", "&lt;&amp;&gt;&quot;"),
        Case("@json", #"[1,"a"]"#, #"[1,"a"]"#),
        Case("@sh", "\"it's\"", #"'it'\''s'"#),
        Case("@uri", "\"a b/ü\"", "a%20b%2F%C3%BC"),
        Case("@text", "[1]", "[1]"),
        Case("\"\\(.a)-\\(.b)\"", #"{"a":1,"b":"x"}"#, "1-x"),
        Case("@base64 \"v=\\(.)\"", "\"hi\"", "v=aGk="),
    ]

    static let regex: [Case] = [
        Case("test(\"^fo+\")", "\"foo\"", "true"),
        Case("test(\"BAR\"; \"i\")", "\"bar\"", "true"),
        Case("test(\"\\\\d\")", "\"abc\"", "false"),
        Case("[match(\"a+\"; \"g\") | .offset]", "\"aa ba\"", "[0,4]"),
        Case("match(\"(b)(x)?\") | [.string, .captures[0].string, .captures[1].string]", "\"abc\"", #"["b","b",null]"#),
        Case("capture(\"(?<y>\\\\d+)-(?<m>\\\\d+)\")", "\"2024-05\"", #"{"m":"05","y":"2024"}"#),
        Case("sub(\"a\"; \"b\")", "\"aaa\"", "baa"),
        Case("gsub(\"a\"; \"b\")", "\"aaa\"", "bbb"),
        Case("gsub(\"(?<d>\\\\d)\"; \"<\\(.d)>\")", "\"a1b2\"", "a<1>b<2>"),
        Case("[scan(\"c\")]", "\"abcdc\"", #"["c","c"]"#),
        Case("[splits(\", *\")]", "\"a, b,c\"", #"["a","b","c"]"#),
    ]

    static let control: [Case] = [
        Case("reduce .[] as $x (0; . + $x)", "[1,2,3]", "6"),
        Case("[foreach .[] as $x (0; . + $x)]", "[1,2,3]", "[1,3,6]"),
        Case(".a // \"default\"", "{}", "default"),
        Case(".a // \"default\"", #"{"a":false}"#, "default"),
        Case(".a // \"default\"", #"{"a":0}"#, "0"),
        Case("try error(\"x\") catch .", "null", "x"),
        Case("try (.a.b) catch \"caught\"", #"{"a":1}"#, "caught"),
        Case(".[] | try (if . == 0 then error(\"zero\") else 10 / . end) catch .", "[2,0]", "5\nzero"),
        Case("if . > 1 then \"big\" elif . == 1 then \"one\" else \"small\" end", "1", "one"),
        Case("[range(3)], [range(0; 10; 3)]", "null", "[0,1,2]\n[0,3,6,9]"),
        Case("[limit(2; .[])], first(.[]), [.[-1:][]]", "[1,2,3]", "[1,2]\n1\n[3]"),
        Case("label $out | foreach .[] as $i (0; . + $i; if . > 3 then ., break $out else empty end)", "[1,2,3,4]", "6"),
        Case("[.[] | select(. > 1)] | length", "[1,2,3]", "2"),
        Case("empty", "{}", ""),
        Case(".[]", "[]", ""),
        Case("env | type, ($__loc__ | .line)", "null", "object\n1"),
        // gojq's defaults in Argo: no environment.
        Case("[env, $ENV, env.HOME]", "null", "[{},{},null]"),
        Case("def env: 1; env", "null", "1"),
    ]

    @Test(arguments: argo + paths + functions + formats + regex + control)
    func filter(_ c: Case) throws {
        #expect(try JQProgram.gojqOutput(filter: c.filter, json: Array(c.input.utf8)) == c.output)
    }
}
