import KubeQuery
import Model
import Testing

/// Cases from k8s.io/apimachinery pkg/labels/selector_test.go (v0.35.4), then Argo's resource conditions
/// (workflow/executor/resource_test.go) over gjson.
@Suite("LabelSelector: apimachinery labels.Parse, Requirement.Matches and String")
struct LabelSelectorTests {
    @Test("TestSelectorParse: good strings print back without their spaces", arguments: [
        "x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5",
    ])
    func goodStrings(text: String) throws {
        #expect(try LabelSelector.parse(text).description == text.replacingSpaces())
    }

    @Test("TestSelectorParse / TestSetSelectorParser: bad strings", arguments: [
        "x=a||y=b", "x==a==b", "!x=a", "x<a", "x,,y", ",x,y", "x nott in (y)", "a in (xyz),", "a in (xyz)b notin ()",
        "a in (xyz abc)", "a notin(", "a (", "(",
    ])
    func badStrings(text: String) {
        #expect(throws: ModelError.self) { try LabelSelector.parse(text) }
    }

    @Test("error texts are apimachinery's", arguments: [
        ("x=a||y=b", #"unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#),
        ("x==a==b", "found '==', expected: ',' or 'end of string'"),
        ("!x=a", "found '=', expected: ',' or 'end of string'"),
        ("x<a", #"unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer"#),
        ("x,,y", "found ',', expected: identifier after ','"),
        (",x,y", "found ',', expected: !, identifier, or 'end of string'"),
        ("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"),
        ("a in (xyz),", "found '', expected: identifier after ','"),
        ("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"),
        ("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
        ("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
        ("(", "found '(', expected: !, identifier, or 'end of string'"),
        ("x in", "unable to parse requirement: found '' expected: '('"),
        ("a/b/c", #"unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#),
        ("Bad_Prefix/x", #"unable to parse requirement: <nil>: Invalid value: "Bad_Prefix/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#),
        ("x/", #"unable to parse requirement: <nil>: Invalid value: "x/": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#),
        ("x=-a", #"unable to parse requirement: values[0][x]: Invalid value: "-a": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#),
        ("x>-1", #"unable to parse requirement: values[0][x]: Invalid value: "-1": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#),
        ("x>99999999999999999999", #"unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer"#),
        ("x>a-", #"unable to parse requirement: [values[0]: Invalid value: "a-": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "a-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]"#),
        ("x=\u{E9}", #"unable to parse requirement: values[0][x]: Invalid value: "é": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#),
    ])
    func errorTexts(text: String, message: String) {
        #expect(throws: ModelError(.badRequest, message)) { try LabelSelector.parse(text) }
    }

    @Test("TestSetSelectorParser: parsed requirements, sorted by key", arguments: [
        ("\rx", "x"),
        ("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
        ("this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)"),
        ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
        ("foo  in\t (abc)", "foo in (abc)"), ("x notin\n (abc)", "x notin (abc)"), ("x  notin\t\t\t(abc,def)", "x notin (abc,def)"),
        ("x in (abc,def)", "x in (abc,def)"), ("x in (abc,)", "x in (,abc)"), ("x in (abc,abc)", "x in (abc)"), ("x in ()", "x in ()"),
        ("x in (a,,)", "x in (,a)"), ("x in (a,,,)", "x in (,a)"), ("x in (a,,,,,,)", "x in (,a)"), ("x in (a,,a,,a,,a,,)", "x in (,a)"),
        ("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"), ("x,y in (a)", "x,y in (a)"), ("x=a", "x=a"),
        ("x>1", "x>1"), ("x<7", "x<7"), ("x=a,y!=b", "x=a,y!=b"), ("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"),
        ("x notin ( )", "x notin ()"), ("x notin (, a)", "x notin (,a)"), ("a ", "a"),
        ("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"), ("notin=in", "notin=in"), ("x==a", "x==a"),
        ("x=a,a=x", "a=x,x=a"), ("a=x,x=a", "a=x,x=a"),
        // Go's lexer reads a NUL byte as the end of the string where a token starts, and as a separator inside one.
        ("x \u{0}garbage", "x"), ("x\u{0}=y", "x=y"),
    ])
    func parsed(text: String, printed: String) throws {
        #expect(try LabelSelector.parse(text).description == printed)
    }

    @Test("Requirement fields and construction errors (TestRequirementConstructor)")
    func requirements() throws {
        let selector = try LabelSelector.parse("y in (b,a,b),!x,z")
        #expect(selector.requirements.map(\.key) == ["x", "y", "z"])
        #expect(selector.requirements.map(\.operator) == [.doesNotExist, .in, .exists])
        #expect(selector.requirements[1].values == ["a", "b"])
        #expect(throws: ModelError(.badRequest, "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty")) {
            try LabelRequirement(key: "x1", operator: .in, values: [])
        }
        #expect(throws: ModelError(.badRequest, #"values: Invalid value: ["bar","foo"]: exact-match compatibility requires one single value"#)) {
            try LabelRequirement(key: "x5", operator: .equals, values: ["bar", "foo"])
        }
        #expect(throws: ModelError(.badRequest, #"values: Invalid value: ["foo"]: values set must be empty for exists and does not exist"#)) {
            try LabelRequirement(key: "x8", operator: .exists, values: ["foo"])
        }
        #expect(throws: ModelError(.badRequest, "values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required")) {
            try LabelRequirement(key: "x13", operator: .greaterThan, values: [])
        }
        #expect(throws: ModelError.self) { try LabelRequirement(key: String(repeating: "a", count: 254), operator: .exists, values: []) }
        #expect(throws: ModelError.self) { try LabelRequirement(key: "x16", operator: .equals, values: [String(repeating: "a", count: 254)]) }
        #expect(throws: ModelError.self) { try LabelRequirement(key: "x17", operator: .equals, values: ["a b"]) }
        #expect(try LabelRequirement(key: "x", operator: .in, values: ["def", "abc"]).description == "x in (abc,def)")
        #expect(try LabelRequirement(key: "z", operator: .doesNotExist, values: []).description == "!z")
    }

    @Test("TestSelectorMatches / TestRequirementSelectorMatching", arguments: [
        ("", ["x": "y"], true), ("x=y", ["x": "y"], true), ("x=y,z=w", ["x": "y", "z": "w"], true),
        ("x!=y,z!=w", ["x": "z", "z": "a"], true), ("notin=in", ["notin": "in"], true), ("x", ["x": "z"], true),
        ("!x", ["y": "z"], true), ("x>1", ["x": "2"], true), ("x<1", ["x": "0"], true), ("x=z", [:], false),
        ("x=y", ["x": "z"], false), ("x=y,z=w", ["x": "w", "z": "w"], false), ("x!=y,z!=w", ["x": "z", "z": "w"], false),
        ("x", ["y": "z"], false), ("!x", ["x": "z"], false), ("x>1", ["x": "0"], false), ("x<1", ["x": "2"], false),
        ("foo=bar", ["foo": "bar", "baz": "blah"], true), ("baz=blah", ["foo": "bar", "baz": "blah"], true),
        ("foo=bar,baz=blah", ["foo": "bar", "baz": "blah"], true), ("foo=blah", ["foo": "bar", "baz": "blah"], false),
        ("baz=bar", ["foo": "bar", "baz": "blah"], false), ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false),
        ("x in (foo),y notin (alpha)", ["x": "foo", "y": "baz"], true), ("x in (foo),y in (alpha)", ["x": "foo", "y": "baz"], false),
        ("x notin (),y", ["y": ""], true), ("!x,y", ["y": ""], true), ("x notin (),!y", ["y": ""], false), ("x in ()", ["y": "baz"], false),
        ("z>1", ["z": "2"], true), ("z>1", ["z": "v2"], false), ("z>1", ["z": "+2"], true), ("z<0", ["z": "-1"], true),
        ("z>1", ["z": "99999999999999999999"], false), ("z<1", ["z": "-9223372036854775808"], true), ("z>1", ["z": " 2"], false),
    ] as [(String, [String: String], Bool)])
    func matching(selector: String, labels: [String: String], expected: Bool) throws {
        #expect(try LabelSelector.parse(selector).matches(labels) == expected)
    }

    /// A Pod and a Job as Argo's resource_test.go and examples/k8s-jobs.yaml check them.
    static let pod = Array(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"x":"a","app.kubernetes.io/name":"n"}},"status":{"phase":"Succeeded","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"restartCount":0}]}}"#.utf8)
    static let job = Array(#"{"kind":"Job","status":{"succeeded":1,"active":0,"startTime":"2019-01-01T00:00:00Z","ratio":0.5,"big":123456789012345678901234567890}}"#.utf8)

    @Test("Argo's conditions over gjson", arguments: [
        ("status.phase == Succeeded", pod, true), ("status.phase == Error", pod, false), ("status.phase in (Succeeded,Failed)", pod, true),
        ("status.phase notin (Succeeded,Failed)", pod, false), ("metadata.labels.x in (a,b)", pod, true),
        ("metadata.labels.x in (b,c)", pod, false), ("!status.failed", pod, true), ("status.failed", pod, false),
        ("status.conditions.0.type == Ready", pod, true), ("status.containerStatuses.0.restartCount < 1", pod, true),
        ("status.succeeded > 0", job, true), ("status.failed > 3", job, false), ("!status.failed", job, true),
        ("status.active == 0", job, true), ("status.ratio > 0", job, false), ("status.big > 0", job, false),
        ("status.succeeded > 0,status.active == 0", job, true), ("status.succeeded > 0,status.active != 0", job, false),
        ("status.startTime", job, true), ("status.failed < 3", job, false), ("status.failed notin (1)", job, true),
    ] as [(String, [UInt8], Bool)])
    func argoConditions(condition: String, json: [UInt8], expected: Bool) throws {
        let selector = try LabelSelector.parse(condition)
        #expect(selector.matches(GJSON(json)) == expected)
    }

    @Test("Argo logs each requirement with its String()")
    func argoStrings() throws {
        #expect(try LabelSelector.parse("status.phase == Succeeded").description == "status.phase==Succeeded")
        #expect(try LabelSelector.parse("status.failed > 3, !status.x").description == "status.failed>3,!status.x")
        #expect(try LabelSelector.parse("metadata.labels.x in (b, a)").requirements.map(\.description) == ["metadata.labels.x in (a,b)"])
    }

    @Test("hostile selectors: long, huge numbers, NUL bytes, many requirements")
    func hostile() throws {
        let many = (0..<5000).map { "k\($0)=v" }.joined(separator: ",")
        #expect(try LabelSelector.parse(many).requirements.count == 5000)
        #expect(throws: ModelError.self) { try LabelSelector.parse(String(repeating: "a", count: 100_000)) }
        #expect(throws: ModelError.self) { try LabelSelector.parse(String(repeating: "(", count: 100_000)) }
        #expect(throws: ModelError.self) { try LabelSelector.parse("x in (" + String(repeating: "a,", count: 100_000)) }
        #expect(throws: ModelError.self) { try LabelSelector.parse("x > 9223372036854775808") }
        #expect(try LabelSelector.parse("x > 9223372036854775807").matches(["x": "9223372036854775808"]) == false)
        #expect(throws: ModelError.self) { try LabelSelector.parse("x\u{0}garbage") }
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(filter { $0 != " " }) }
}
