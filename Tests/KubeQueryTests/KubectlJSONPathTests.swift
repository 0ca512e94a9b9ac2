@testable import KubeQuery
import Model
import Testing

/// Cases from k8s.io/client-go util/jsonpath jsonpath_test.go and parser_test.go (v0.35.4). client-go's tests also
/// feed Go structs, whose fields print in declaration order; kubectl only ever has maps, so those inputs are given
/// here as JSON objects and the expectations list members in key order (Go's order for `*` and `..` over a map is
/// random; this implementation takes key order).
@Suite("KubectlJSONPath: client-go jsonpath as kubectl -o jsonpath prints it")
struct KubectlJSONPathTests {
    static func render(_ template: String, _ json: String, allowMissingKeys: Bool = true) throws -> String {
        try KubectlJSONPath(template, allowMissingKeys: allowMissingKeys).render(JSONParser.parse(json))
    }

    static let types = #"""
    {"bools": [true, false, true, false], "integers": [1, 2, 3, 4], "floats": [1.0, 2.2, 3.3, 4.0],
     "strings": ["one", "two", "three", "four"], "interfaces": [true, "one", 1, 1.1],
     "maps": [{"name": "one", "value": 1}, {"name": "two", "value": 2.02}, {"name": "three", "value": 3.03}, {"name": "four", "value": 4.04}]}
    """#

    @Test("TestTypesInput", arguments: [
        ("{ .bools }", "[true,false,true,false]"), ("{ .bools[0] }", "true"), ("{ .bools[-1] }", "false"),
        ("{ .bools[0:2] }", "true false"), ("{ .bools[:2] }", "true false"), ("{ .bools[:4:2] }", "true true"),
        ("{ .integers }", "[1,2,3,4]"), ("{ .integers[0] }", "1"), ("{ .integers[-2] }", "3"), ("{ .integers[0:2] }", "1 2"),
        ("{ .integers[:2] }", "1 2"), ("{ .integers[:4:2] }", "1 3"), ("{ .floats }", "[1,2.2,3.3,4]"), ("{ .floats[0] }", "1"),
        ("{ .floats[-2] }", "3.3"), ("{ .floats[0:2] }", "1 2.2"), ("{ .floats[:2] }", "1 2.2"), ("{ .floats[:4:2] }", "1 3.3"),
        ("{ .strings }", #"["one","two","three","four"]"#), ("{ .strings[0] }", "one"), ("{ .strings[-2] }", "three"),
        ("{ .strings[0:2] }", "one two"), ("{ .strings[:2] }", "one two"), ("{ .strings[:4:2] }", "one three"),
        ("{ .interfaces }", #"[true,"one",1,1.1]"#), ("{ .interfaces[0] }", "true"), ("{ .interfaces[-2] }", "1"),
        ("{ .interfaces[0:2] }", "true one"), ("{ .interfaces[:2] }", "true one"), ("{ .interfaces[:4:2] }", "true 1"),
        ("{ .maps }", #"[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]"#),
        ("{ .maps[0] }", #"{"name":"one","value":1}"#), ("{ .maps[-2] }", #"{"name":"three","value":3.03}"#),
        ("{ .maps[0:2] }", #"{"name":"one","value":1} {"name":"two","value":2.02}"#),
        ("{ .maps[:2] }", #"{"name":"one","value":1} {"name":"two","value":2.02}"#),
        ("{ .maps[::2] }", #"{"name":"one","value":1} {"name":"three","value":3.03}"#),
        ("{ .maps[1::2] }", #"{"name":"two","value":2.02} {"name":"four","value":4.04}"#),
    ])
    func types(template: String, expected: String) throws {
        #expect(try Self.render(template, Self.types, allowMissingKeys: false) == expected)
    }

    static let store = #"""
    {"Name": "jsonpath",
     "Book": [{"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Centurey", "Price": 8.95},
              {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
              {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99}],
     "Bicycle": [{"Color": "red", "Price": 19.95, "IsNew": true}, {"Color": "green", "Price": 20.01, "IsNew": false}],
     "Labels": {"engieer": 10, "web/html": 15, "k8s-app": 20},
     "Employees": {"jason": "manager", "dan": "clerk"}}
    """#

    @Test("TestStructInput", arguments: [
        ("hello {.Name}", "hello jsonpath"), ("{$.Labels.web/html}", "15"), ("{$.Employees.jason}", "manager"),
        ("{$.Employees.dan}", "clerk"), ("{.Labels.k8s-app}", "20"), ("{.Bicycle[*].Color}", "red green"),
        ("{.Book[*].Author}", "Nigel Rees Evelyn Waugh Herman Melville"),
        (#"{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}"#, "{red true 19.95} {green false 20.01} "),
        ("{..Price}", "19.95 20.01 8.95 12.99 8.99"), ("{...Price}", "19.95 20.01 8.95 12.99 8.99"),
        ("{.Bicycle}", #"[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]"#),
        (#"{range .Bicycle[*]}{ @ }{ " " }{end}"#, #"{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} "#),
        ("{.Book[-1:]}", #"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#),
        ("{..Book[2]}", #"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#),
        ("{.Bicycle[?(@.IsNew==true)]}", #"{"Color":"red","IsNew":true,"Price":19.95}"#),
    ])
    func store(template: String, expected: String) throws {
        #expect(try Self.render(template, Self.store, allowMissingKeys: false) == expected)
    }

    @Test("TestStructInput: plain text, recursion, filters, quotes, unions and slices of literal inputs")
    func literals() throws {
        #expect(try Self.render("hello jsonpath", "null") == "hello jsonpath")
        #expect(try Self.render("{..}", "[1, 2, 3]") == "[1,2,3]")
        #expect(try Self.render("{[?(@<5)]}", "[2, 6, 3, 7]") == "2 3")
        #expect(try Self.render(#"{"{"}"#, "null") == "{")
        #expect(try Self.render("{[1,3,4]}", "[0, 1, 2, 3, 4]") == "1 3 4")
        #expect(try Self.render("{[0:2]}", #"["Monday", "Tudesday"]"#) == "Monday Tudesday")
        #expect(try Self.render("{.hello}", Self.store) == "")
        #expect(try Self.render("before-{.hello}after", Self.store) == "before-after")
    }

    @Test("failures (TestStructInput fail cases, TestFailParser), with client-go's texts", arguments: [
        ("{hello}", "unrecognized identifier hello"), ("{.hello}", "hello is not found"),
        ("{.Labels[0]}", "map[string]interface {} is not array or slice"),
        ("{.Book[?(@.Price<>10)]}", "unrecognized filter operator <>"),
        ("{range .Labels.*}{@}{end}{end}", "not in range, nothing to end"),
        ("{.Name[?(@.x)]}", "jsonpath is not array or slice and cannot be filtered"),
        ("{.Labels[?(@.x)]}", "map[engieer:10 k8s-app:20 web/html:15] is not array or slice and cannot be filtered"),
        ("{.Book[?(@.Price==8)]}", "incompatible types for comparison"), ("{.Book[?(@.Author<true)]}", "incompatible types for comparison"),
        ("{.Bicycle[?(@.IsNew<true)]}", "invalid type for comparison"), ("{.Book[?(@==1)]}", "invalid type for comparison"),
        ("{.Book[?(@.*>1)]}", "can only compare one element at a time"), ("{.Book[5]}", "array index out of bounds: index 5, length 3"),
        ("{.Book[0:3:-1]}", "step must be > 0"), ("{.Book[0:6:-1]}", "array index out of bounds: index 5, length 3"), ("{.Book[2:1]}", "starting index 2 is greater than ending index 1"),
    ])
    func failures(template: String, message: String) {
        let expected = KubectlJSONPath.executionError(template: template, message)
        #expect(throws: ModelError(.badRequest, expected)) { try Self.render(template, Self.store, allowMissingKeys: false) }
    }

    @Test("where client-go panics (kubectl v1.32 crashes), an error")
    func goPanics() {
        let list = #"{"list": [1, null]}"#
        let template = "{range .list[*]}{range @}{@}{end}|{end}"
        #expect(throws: ModelError(.badRequest, KubectlJSONPath.executionError(template: template, "reflect: call of reflect.Value.Interface on zero Value"))) {
            try Self.render(template, list)
        }
        #expect(throws: ModelError(.badRequest, KubectlJSONPath.executionError(template: "{range .list[*]}{[0]}{end}", "reflect: call of reflect.Value.Type on zero Value"))) {
            try Self.render("{range .list[*]}{[0]}{end}", #"{"list": [null]}"#)
        }
    }

    @Test("parse failures (TestFailParser and more)", arguments: [
        ("{.hello", "unclosed action"), ("{*}", "unrecognized character in action: U+002A '*'"),
        ("{+12.3.0}", "cannot parse number +12.3.0"), ("{[1}", "unterminated array"), ("{[?(.price]}", "unterminated filter"),
        ("{........}", "invalid multiple recursive descent"), ("{\\\\\\}", "unrecognized character in action: U+005C '\\'"),
        ("{............................................................Price}", "invalid multiple recursive descent"),
        ("{.a\n}", "unclosed action"), ("{\t}", "unrecognized character in action: U+0009"), ("{[a]}", "invalid array index a"),
        ("{[99999999999999999999]}", "array index 99999999999999999999 is not a number"), ("{[-]}", "array index - is not a number"),
        (#"{"a}"#, "unterminated quoted string"), (#"{"\q"}"#, #"unquote string "\q" error invalid syntax"#),
        ("{[?(@.a)x]}", "unclosed array expect ]"), ("{€}", "unrecognized character in action: U+20AC '€'"),
    ])
    func parseFailures(template: String, message: String) {
        #expect(throws: ModelError(.badRequest, "error parsing jsonpath \(template), \(message)")) { try KubectlJSONPath(template) }
    }

    static let points = #"""
    [{"id": "i1", "x":4, "y":-5}, {"id": "i2", "x":-2, "y":-5, "z":1}, {"id": "i3", "x":  8, "y":  3 },
     {"id": "i4", "x": -6, "y": -1 }, {"id": "i5", "x":  0, "y":  2, "z": 1 }, {"id": "i6", "x":  1, "y":  4 },
     {"id": "i7", "x":  null, "y":  4 }]
    """#

    static let nodes = #"""
    {"kind": "List",
     "items": [
       {"kind": "None", "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
        "status": {"capacity": {"cpu": "4"}, "ready": true, "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}]}},
       {"kind": "None", "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
        "status": {"capacity": {"cpu": "8"}, "ready": false,
                   "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.2"}, {"type": "another", "address": "127.0.0.3"}]}}],
     "users": [{"name": "myself", "user": {}}, {"name": "e2e", "user": {"username": "admin", "password": "secret"}}]}
    """#

    @Test("TestJSONInput and TestKubernetes", arguments: [
        ("{[?(@.z)].id}", points, "i2 i5"), ("{[0]['id']}", points, "i1"), ("{[-1]['x']}", points, "null"),
        ("{range .items[*]}{.metadata.name}, {end}{.kind}", nodes, "127.0.0.1, 127.0.0.2, List"),
        (#"{range .items[*]}{.metadata.name}{"\t"}{end}"#, nodes, "127.0.0.1\t127.0.0.2\t"),
        ("{.items[*].status.addresses[*].address}", nodes, "127.0.0.1 127.0.0.2 127.0.0.3"),
        ("{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", nodes, "127.0.0.1, 127.0.0.2, 127.0.0.3, "),
        ("{.items[*].metadata.name}", nodes, "127.0.0.1 127.0.0.2"),
        ("{.items[*]['metadata.name', 'status.capacity']}", nodes, #"127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}"#),
        ("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", nodes, #"[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] "#),
        (#"{.users[?(@.name=="e2e")].user.password}"#, nodes, "secret"),
        (#"{.items[0].metadata.labels.kubernetes\.io/hostname}"#, nodes, "127.0.0.1"),
        (#"{.items[?(@.metadata.labels.kubernetes\.io/hostname=="127.0.0.1")].kind}"#, nodes, "None"),
        ("{.items[?(@..ready==true)].metadata.name}", nodes, "127.0.0.1"),
        ("{..name}", nodes, "127.0.0.1 127.0.0.2 myself e2e"),
        ("{range .items[*]}{.metadata.name}{end}", #"{"items":[]}"#, ""),
        (#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#, #"{"items":[]}"#, ""),
    ])
    func kubernetes(template: String, json: String, expected: String) throws {
        #expect(try Self.render(template, json) == expected)
    }

    static let pods = #"""
    {"items": [
      {"metadata": {"name": "pod1"}, "spec": {"containers": [
        {"name": "foo", "another": [{"name": "value1"}, {"name": "value2"}]},
        {"name": "bar", "another": [{"name": "value1"}, {"name": "value2"}]}]}},
      {"metadata": {"name": "pod2"}, "spec": {"containers": [
        {"name": "baz", "another": [{"name": "value1"}, {"name": "value2"}]}]}}]}
    """#

    @Test("TestNestedRanges", arguments: [
        (#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#, "pod1:foo,bar,+pod2:baz,+"),
        (##"{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}"##,
         "pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#"),
        (#"{range .items[*]}{.metadata.name}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\n"}{end}"#,
         "pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n"),
    ])
    func nestedRanges(template: String, expected: String) throws {
        #expect(try Self.render(template, Self.pods, allowMissingKeys: false) == expected)
    }

    @Test("TestFilterPartialMatchesSometimesMissingAnnotations and TestRunningPodsJSONPathOutput")
    func partialMatches() throws {
        let annotated = #"{"kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "pod1", "annotations": {"color": "blue"}}}, {"kind": "Pod", "metadata": {"name": "pod2"}}, {"kind": "Pod", "metadata": {"name": "pod3", "annotations": {"color": "green"}}}, {"kind": "Pod", "metadata": {"name": "pod4", "annotations": {"color": "blue"}}}]}"#
        let template = #"{.items[?(@.metadata.annotations.color=="blue")].metadata.name}"#
        #expect(try Self.render(template, annotated) == "pod1 pod4")
        #expect(throws: ModelError.self) { try Self.render(template, annotated, allowMissingKeys: false) }
        let running = #"{"kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "pod1"}, "status": {"phase": "Running"}}, {"kind": "Pod", "metadata": {"name": "pod2"}, "status": {"phase": "Running"}}, {"kind": "Pod", "metadata": {"name": "pod3"}, "status": {"phase": "Running"}}, {"resourceVersion": ""}]}"#
        #expect(try Self.render(#"{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\n"}{end}"#, running)
            == "pod1 is Running\npod2 is Running\npod3 is Running\n")
    }

    static let containers = #"{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "fake0"}, {"name": "fake1"}, {"name": "fake2"}, {"name": "fake3"}, {"name": "fake4"}, {"name": "fake5"}]}}"#

    @Test("TestNegativeIndex and TestStep (over six containers)", arguments: [
        ("{.spec.containers[0].name}", "fake0"), ("{.spec.containers[0:0].name}", ""), ("{.spec.containers[0:-1].name}", "fake0 fake1 fake2 fake3 fake4"),
        ("{.spec.containers[-1].name}", "fake5"), ("{.spec.containers[-1:].name}", "fake5"), ("{.spec.containers[-2].name}", "fake4"),
        ("{.spec.containers[-2:].name}", "fake4 fake5"), ("{.spec.containers[-6].name}", "fake0"), ("{.spec.containers[7:7].name}", ""),
        ("{.spec.containers[-7:-7].name}", ""), ("{.spec.containers[0:].name}", "fake0 fake1 fake2 fake3 fake4 fake5"),
        ("{.spec.containers[0:6:].name}", "fake0 fake1 fake2 fake3 fake4 fake5"), ("{.spec.containers[1:4:2].name}", "fake1 fake3"),
        ("{.spec.containers[1:4:3].name}", "fake1"), ("{.spec.containers[1:4:4].name}", "fake1"), ("{.spec.containers[0:6:2].name}", "fake0 fake2 fake4"),
        ("{.spec.containers[0:6:3].name}", "fake0 fake3"), ("{.spec.containers[0:6:5].name}", "fake0 fake5"), ("{.spec.containers[0:6:6].name}", "fake0"),
        ("{.spec.containers[].name}", "fake0"), ("{.spec.containers[*].name}", "fake0 fake1 fake2 fake3 fake4 fake5"),
    ])
    func indexes(template: String, expected: String) throws {
        #expect(try Self.render(template, Self.containers, allowMissingKeys: false) == expected)
    }

    @Test("index errors (TestNegativeIndex, TestStep)", arguments: [
        "{.spec.containers[-1:0].name}", "{.spec.containers[-7].name}", "{.spec.containers[3:1].name}", "{.spec.containers[-1:-2].name}",
        "{.spec.containers[0:6:0].name}", "{.spec.containers[0:6:-1].name}", "{.spec.containers[6].name}", "{.spec[0]}",
    ])
    func indexErrors(template: String) {
        #expect(throws: ModelError.self) { try Self.render(template, Self.containers) }
    }

    @Test("TestParser: parse trees", arguments: [
        ("hello jsonpath", [JSONPathNode.text("hello jsonpath")]),
        ("hello {.jsonpath}", [.text("hello "), .list([.field("jsonpath")])]),
        ("hello {['jsonpath']}", [.text("hello "), .list([.field("jsonpath")])]),
        (#"{"{"}"#, [.list([.text("{")])]),
        ("{[1:3]}", [.list([.array([JSONPathParam(value: 1, known: true), JSONPathParam(value: 3, known: true), JSONPathParam()])])]),
        ("{.book[*].author}", [.list([.field("book"), .array([JSONPathParam(), JSONPathParam(), JSONPathParam()]), .field("author")])]),
        ("{.bicycle.*}", [.list([.field("bicycle"), .wildcard])]),
        ("{[?(@.price<3)]}", [.list([.filter(left: [.field("price")], right: [.int(3)], op: "<")])]),
        ("{..}", [.list([.recursive])]), ("{..price}", [.list([.recursive, .field("price")])]),
        ("{['book.price']}", [.list([.field("book"), .field("price")])]),
        ("{['bicycle.price', 3, 'book.price']}", [.list([.union([[.field("bicycle"), .field("price")],
            [.array([JSONPathParam(value: 3, known: true), JSONPathParam(value: 4, known: true, derived: true), JSONPathParam()])],
            [.field("book"), .field("price")]])])]),
        ("{range .items}{.name},{end}", [.list([.identifier("range"), .field("items")]), .list([.field("name")]), .text(","), .list([.identifier("end")])]),
        (#"{[?(@.status.nodeInfo.osImage == "()")]}"#, [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("()")], op: "==")])]),
        (#"{[?(@.status.nodeInfo.osImage == "(\"\")")]}"#, [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("(\"\")")], op: "==")])]),
        (#"{[?(@.test == "())(")]}"#, [.list([.filter(left: [.field("test")], right: [.text("())(")], op: "==")])]),
        ("{[?(@.status.nodeInfo.osImage == 'Linux')]}", [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("Linux")], op: "==")])]),
        (#"{[?(@.status.nodeInfo.osImage == "{[()]}")]}"#, [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("{[()]}")], op: "==")])]),
        (#"{[?(@.status.nodeInfo.osImage == "''")]}"#, [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("''")], op: "==")])]),
        (#"{[?(@.status.nodeInfo.osImage == '""')]}"#, [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("\"\"")], op: "==")])]),
        (#"{[?(@.status.nodeInfo.osImage == '\\\'')]}"#, [.list([.filter(left: [.field("status"), .field("nodeInfo"), .field("osImage")], right: [.text("\\'")], op: "==")])]),
        ("{[-5:]}", [.list([.array([JSONPathParam(value: -5, known: true), JSONPathParam(), JSONPathParam()])])]),
        ("{[-1]}", [.list([.array([JSONPathParam(value: -1, known: true), JSONPathParam(value: 0, known: true, derived: true), JSONPathParam()])])]),
        ("{[1:-1]}", [.list([.array([JSONPathParam(value: 1, known: true), JSONPathParam(value: -1, known: true), JSONPathParam()])])]),
        ("{true}{1.5}{-2}", [.list([.bool(true)]), .list([.float(1.5)]), .list([.int(-2)])]),
    ])
    func parser(template: String, nodes: [JSONPathNode]) throws {
        #expect(try JSONPathParser.parse(template) == nodes)
    }
}
