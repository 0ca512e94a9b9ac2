import KubeQuery
import Testing

/// Cases from github.com/tidwall/gjson's gjson_test.go (v1.19.0), expected values as gjson's tests state them.
@Suite("GJSON: gjson.GetBytes paths and Result.String")
struct GJSONTests {
    /// gjson_test.go `basicJSON`: poorly formed on purpose (`"sadf":sdf"asdf"`, `"tag":, "good"`).
    static let basic = #"""
      {"age":100, "name":{"here":"B\\\"R"},
    	"noop":{"what is a wren?":"a bird"},
    	"happy":true,"immortal":false,
    	"items":[1,2,3,{"tags":[1,2,3],"points":[[1,2],[3,4]]},4,5,6,7],
    	"arr":["1",2,"3",{"hello":"world"},"4",5],
    	"vals":[1,2,3,{"sadf":sdf"asdf"}],"name":{"first":"tom","last":null},
    	"created":"2014-05-16T08:28:06.989Z",
    	"loggy":{
    		"programmers": [
        	    {"firstName": "Brett", "lastName": "McLaughlin", "email": "aaaa", "tag": "good"},
        	    {"firstName": "Jason", "lastName": "Hunter", "email": "bbbb", "tag": "bad"},
        	    {"firstName": "Elliotte", "lastName": "Harold", "email": "cccc", "tag":, "good"},
    			{"firstName": 1002.3, "age": 101}
        	]
    	},
    	"lastly":{"end...ing":"soon","yay":"final"}
    }
    """#

    static let friends = #"""
    {"info": {"friends": [
        {"first": "Dale", "last": "Murphy", "kind": "Person", "cust1": true, "extra": [10,20,30],
         "details": {"city": "Tempe", "state": "Arizona"}},
        {"first": "Roger", "last": "Craig", "kind": "Person", "cust2": false, "extra": [40,50,60],
         "details": {"city": "Phoenix", "state": "Arizona"}}
    ]}}
    """#

    private func get(_ json: String, _ path: String) -> String? {
        GJSON(Array(json.utf8)).lookup(path)
    }

    @Test("basic paths (TestBasic*, TestTypes via String())", arguments: [
        ("age", "100"), ("name.here", #"B\"R"#), ("name.first", "tom"), ("name.last", ""), ("happy", "true"),
        ("immortal", "false"), ("noop", #"{"what is a wren?":"a bird"}"#), ("noop.what is a wren?", "a bird"),
        ("items.3.tags.#", "3"), ("items.3.points.1.#", "2"), ("items.#", "8"), ("vals.#", "4"), ("arr.#", "6"),
        ("arr.3.hello", "world"), ("arr.0", "1"), ("arr.1", "2"), ("loggy.programmers.2.email", "cccc"),
        (#"lastly.end\.\.\.ing"#, "soon"), ("lastly.yay", "final"),
        (#"loggy.programmers.#[tag="good"].firstName"#, "Brett"),
        (#"loggy.programmers.#[tag="good"]#.firstName"#, #"["Brett","Elliotte"]"#),
        ("loggy.programmers.#[age=101].firstName", "1002.3"),
        (#"loggy.programmers.#[firstName != "Brett"].firstName"#, "Jason"),
        (#"loggy.programmers.#[firstName % "Bre*"].email"#, "aaaa"),
        (#"loggy.programmers.#[firstName !% "Bre*"].email"#, "bbbb"),
        (#"loggy.programmers.#[firstName == "Brett"].email"#, "aaaa"),
        ("loggy.programmers.#.firstName", #"["Brett","Jason","Elliotte",1002.3]"#),
        ("loggy.programmers.#.asd", "[]"),
    ])
    func basic(path: String, expected: String) {
        #expect(get(Self.basic, path) == expected)
    }

    @Test("missing values do not exist; null exists and reads as empty")
    func existence() {
        #expect(get(Self.basic, "name.last") == "")
        #expect(get(Self.basic, "name.middle") == nil)
        #expect(get(Self.basic, "vals.hello") == nil)
        #expect(get(Self.basic, "items.99") == nil)
        #expect(get(#"{"a":1}"#, "") == nil)
    }

    @Test("escaped path characters (TestEscapePath)", arguments: [
        (#"test.\*"#, "valZ"), (#"test.\*v"#, "val0"), (#"test.keyv\*"#, "val1"), (#"test.key\*v"#, "val2"),
        (#"test.keyv\?"#, "val3"), (#"test.key\?v"#, "val4"), (#"test.keyv\."#, "val5"), (#"test.key\.v"#, "val6"),
        (#"test.keyk\*.key\?"#, "val7"),
    ])
    func escapes(path: String, expected: String) {
        let json = #"{"test":{"*":"valZ","*v":"val0","keyv*":"val1","key*v":"val2","keyv?":"val3","key?v":"val4","keyv.":"val5","key.v":"val6","keyk*":{"key?":"val7"}}}"#
        #expect(get(json, path) == expected)
    }

    @Test("unicode keys and wildcards (TestUnicode)", arguments: [
        ("的情况下解.key", "1"), ("的情况下解.的情况", "2"), ("的情况下解.的?况", "2"), ("的情况下解.的?*", "2"),
        ("的情况下解.*?况", "2"), ("的情?下解.*?况", "2"),
    ])
    func unicode(path: String, expected: String) {
        #expect(get(#"{"key":0,"的情况下解":{"key":1,"的情况":2}}"#, path) == expected)
        #expect(get(#"{"key":0,"的情况下解":{"key":1,"的情况":2}}"#, "的情下解.*?况") == nil)
    }

    @Test("numbers: integers keep their digits, others print as FormatFloat 'f' (TestNum*String, TestPlus53BitInts)")
    func numbers() {
        #expect(get(#"{"data":  [  9007199254740993, "hello" ] }"#, "data.0") == "9007199254740993")
        #expect(get(#"{"data":[ "hello", -9007199254740993 ]}"#, "data.1") == "-9007199254740993")
        #expect(get(#"{"data":[ "hello", "900719925474099301239109123101" ]}"#, "data.1") == "900719925474099301239109123101")
        #expect(get(#"{"a":18446744073709551616,"b":1e3,"c":1.50,"d":-0.0,"e":1e21,"f":1.5e-7,"g":12.0}"#, "a") == "18446744073709551616")
        #expect(get(#"{"b":1e3}"#, "b") == "1000")
        #expect(get(#"{"c":1.50}"#, "c") == "1.5")
        #expect(get(#"{"d":-0.0}"#, "d") == "-0")
        #expect(get(#"{"e":1e21}"#, "e") == "1000000000000000000000")
        #expect(get(#"{"f":1.5e-7}"#, "f") == "0.00000015")
        #expect(get(#"{"g":12.0}"#, "g") == "12")
        #expect(get(#"{"IdentityData":{"GameInstanceId":634866135153775564.88172}}"#, "IdentityData.GameInstanceId") == "634866135153775600")
    }

    @Test("strings are unescaped, surrogates combined or replaced (TestUnescape, TestIssue38)")
    func strings() {
        #expect(get(#"{"s":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#, "s") == "a\"b\\c/d\né😀")
        #expect(get(#"["S3O PEDRO DO BUTI\udf93"]"#, "0") == "S3O PEDRO DO BUTI\u{FFFD}")
        #expect(get(#"["S3O PEDRO DO BUTI\udf93\u1345asd"]"#, "0") != nil)
        #expect(get(#"["S3O PEDRO DO BUTI\udf93\u"]"#, "0") == "S3O PEDRO DO BUTI\u{FFFD}")
    }

    @Test("queries on numbers, strings and booleans (TestQueries)", arguments: [
        ("i*.f*.#[extra.0<11].first", "Dale"), ("i*.f*.#[extra.0<=11].first", "Dale"), ("i*.f*.#[extra.0<10].first", nil),
        ("i*.f*.#[extra.0<=10].first", "Dale"), ("i*.f*.#[extra.0=10].first", "Dale"), ("i*.f*.#[extra.0=11].first", nil),
        ("i*.f*.#[extra.0!=10].first", "Roger"), ("i*.f*.#[extra.0>10].first", "Roger"), ("i*.f*.#[extra.0>=10].first", "Dale"),
        (#"i*.f*.#[extra.0<"11"].first"#, "Dale"), (#"i*.f*.#[first>"Dale"].last"#, "Craig"),
        (#"i*.f*.#[first>="Dale"].last"#, "Murphy"), (#"i*.f*.#[first="Dale"].last"#, "Murphy"),
        (#"i*.f*.#[first!="Dale"].last"#, "Craig"), (#"i*.f*.#[first<"Dale"].last"#, nil),
        (#"i*.f*.#[first<="Dale"].last"#, "Murphy"), (#"i*.f*.#[first%"Da*"].last"#, "Murphy"),
        (#"i*.f*.#[first%"Dale"].last"#, "Murphy"), (#"i*.f*.#[first%"*a*"]#|#"#, "1"), (#"i*.f*.#[first%"*e*"]#|#"#, "2"),
        (#"i*.f*.#[first!%"*e*"]#|#"#, "0"), ("i*.f*.#[cust1=true].first", "Dale"), ("i*.f*.#[cust2=false].first", "Roger"),
        ("i*.f*.#[cust1!=false].first", "Dale"), ("i*.f*.#[cust2!=true].first", "Roger"), ("i*.f*.#[cust1>true].first", nil),
        ("i*.f*.#[cust1>=true].first", "Dale"), ("i*.f*.#[cust2<false].first", nil), ("i*.f*.#[cust2<=false].first", "Roger"),
        (#"info.friends.#[kind="Person"]#.kind|0"#, "Person"), ("info.friends.#.kind|0", "Person"),
        (#"info.friends.#[kind="Person"]#.kind"#, #"["Person","Person"]"#), ("info.friends.#.kind", #"["Person","Person"]"#),
        (#"info.friends.#[kind="Person"]#|kind"#, nil), ("info.friends.#|kind", nil), (#"i*.f*.#[kind="Other"]#"#, "[]"),
        (#"info.friends.#[first="Dale"].extra.0"#, "10"), (#"info.friends.#[first="Dale"].extra|0"#, "10"),
        (#"info.friends.#[first="Dale"]|extra|0"#, "10"), (#"info.friends.#[details.city="Tempe"].last"#, "Murphy"),
        (#"info.friends.#[details.city="Phoenix"].last"#, "Craig"), (#"info.friends.#[details.state="Arizona"].last"#, "Murphy"),
        ("info.friends|0|first", "Dale"), (#"info|friends.#[first="Dale"]|last"#, "Murphy"),
        (#"info|friends|#[first="Dale"]|last"#, "Murphy"),
    ] as [(String, String?)])
    func queries(path: String, expected: String?) {
        #expect(get(Self.friends, path) == expected)
    }

    @Test("queries over array values, parenthesised and nested (TestQueryArrayValues, TestParenQueries, TestParentSubQuery)")
    func moreQueries() {
        let artists = #"{"artists": [["Bob Dylan"], "John Lennon", "Mick Jagger", "Elton John", "Michael Jackson", "John Smith", true, 123, 456, false, null]}"#
        #expect(get(artists, #"a*.#[0="Bob Dylan"]#|#"#) == "1")
        #expect(get(artists, #"a*.#[0="Bob Dylan 2"]#|#"#) == "0")
        #expect(get(artists, #"a*.#[%"John*"]#|#"#) == "2")
        #expect(get(artists, #"a*.#[_%"John*"]#|#"#) == "0")
        #expect(get(artists, #"a*.#[="123"]#|#"#) == "1")
        let friends = #"{"friends": [{"a":10},{"a":20},{"a":30},{"a":40}]}"#
        #expect(get(friends, "friends.#(a>9)#|#") == "4")
        #expect(get(friends, "friends.#(a>10)#|#") == "3")
        #expect(get(friends, "friends.#(a>40)#|#") == "0")
        let topology = #"{"topology": {"instances": [{"service_version": "1.2.3", "service_roles": ["one", "two"]}, {"service_version": "1.2.4", "service_roles": ["three", "four"]}, {"service_version": "1.2.2", "service_roles": ["one"]}]}}"#
        #expect(get(topology, #"topology.instances.#( service_roles.#(=="one"))#.service_version"#) == #"["1.2.3","1.2.2"]"#)
    }

    @Test("tilde queries (TestTildeQueries)")
    func tildeQueries() {
        let json = #"{"vals": [{"a":1,"b":"data"}, {"a":2,"b":true}, {"a":3,"b":false}, {"a":4,"b":"0"}, {"a":5,"b":0}, {"a":6,"b":"1"}, {"a":7,"b":1}, {"a":8,"b":"true"}, {"a":9,"b":false}, {"a":10,"b":null}, {"a":11}]}"#
        #expect(get(json, "vals.#(b==~true)#.a") == "[2,6,7,8]")
        #expect(get(json, "vals.#(b==~false)#.a") == "[3,4,5,9,10,11]")
        #expect(get(json, "vals.#(b!=~true)#.a") == "[1,3,4,5,9,10,11]")
        #expect(get(json, "vals.#(b==~null)#.a") == "[10,11]")
        #expect(get(json, "vals.#(b==~*)#.a") == "[1,2,3,4,5,6,7,8,9,10]")
        #expect(get(json, "vals.#(b!=~*)#.a") == "[11]")
    }

    @Test("JSON lines, sub-selectors, static values and modifiers (TestJSONLines, TestSubSelectors, TestStaticJSON, TestChaining)")
    func structure() {
        let lines = "\ntrue\nfalse\n{\"name\":\"tom\"}\n[1,2,3,4,5]\n{\"name\":\"janet\"}\nnull\n12930.1203\n\t"
        #expect(get(lines, "..#") == "7")
        #expect(get(lines, "..0") == "true")
        #expect(get(lines, "..2.name") == "tom")
        #expect(get(lines, "..#.name") == #"["tom","janet"]"#)
        #expect(get(lines, "..6") == "12930.1203")
        #expect(get(lines, "..7") == nil)
        #expect(get(Self.friends, "[]") == "[]")
        #expect(get(Self.friends, "{}") == "{}")
        #expect(get(Self.friends, "info.friends.[0.first,1.extra.0]") == #"["Dale",40]"#)
        #expect(get(Self.friends, "info.friends.#.[first,extra.0]") == #"[["Dale",10],["Roger",40]]"#)
        #expect(get(Self.friends, "{abc:info.friends.0.first,info.friends.1.last,\"x\":info.friends.0.kind}") == #"{"abc":"Dale","last":"Craig","x":"Person"}"#)
        let name = #"{"name": {"first": "Tom", "last": "Anderson"}}"#
        #expect(get(name, #""bar""#) == nil)
        #expect(get(name, #"!"bar""#) == "bar")
        #expect(get(name, #"!{"name":{"first":"Tom"}}.{name.first}.first"#) == "Tom")
        #expect(get(name, #"{name.last,"foo":!"bar"}"#) == #"{"last":"Anderson","foo":"bar"}"#)
        #expect(get(name, #"{name.last,"foo":!{"a":"b"},"that"}"#) == #"{"last":"Anderson","foo":{"a":"b"}}"#)
        #expect(get(name, #"{name.last,"foo":!{"c":"d"},!"that"}"#) == #"{"last":"Anderson","foo":{"c":"d"},"_":"that"}"#)
        #expect(get(name, #"[!true,!false,!null,!inf,!nan,!hello,{"name":!"andy",name.last},+inf,!["any","thing"]]"#)
            == #"[true,false,null,inf,nan,{"name":"andy","last":"Anderson"},["any","thing"]]"#)
        #expect(get(Self.friends, "info.friends|@reverse|0|first") == "Roger")
        #expect(get(Self.friends, #"@ugly|i\nfo|friends.0.first"#) == "Dale")
        #expect(get(#"[{"c":[{"a":10.11}]}, {"c":[{"a":11.11}]}]"#, "@ugly|#.c.#[a=10.11]") == #"[{"a":10.11}]"#)
        #expect(get(#"[{"c":[{"a":10.11}]}, {"c":[{"a":11.11}]}]"#, "#.c|#") == "2")
        #expect(get(#"{"@key": "value"}"#, "@key") == "value")
        #expect(get(#"[1,[2],[3,4],[5,[6,7]]]"#, "@flatten") == "[1,2,3,4,5,[6,7]]")
        #expect(get(#"[1,[2],[3,4],[5,[6,7]]]"#, #"@flatten:{"deep":true}"#) == "[1,2,3,4,5,6,7]")
        #expect(get(#"{"first":"Tom","last":"Smith"}"#, "@keys") == #"["first","last"]"#)
        #expect(get(#"{"first":"Tom","last":"Smith"}"#, "@values") == #"["Tom","Smith"]"#)
        #expect(get(#"[{"first":"Tom","age":37},{"age":41}]"#, "@join") == #"{"first":"Tom","age":41}"#)
    }

    @Test("gjson.Valid (TestValidBasic)", arguments: [
        ("0", true), ("00", false), ("-00", false), ("-.", false), ("-.123", false), ("0.0", true), ("10.0", true),
        ("10e1", true), ("10EE", false), ("10E-", false), ("10E+", false), ("10E123", true), ("10E-123", true),
        ("10E-0123", true), ("", false), (" ", false), ("{}", true), ("{", false), ("-", false), ("-1", true),
        ("-1.", false), ("-1.0", true), (" -1.0", true), (" -1.0 ", true), ("-1.0 ", true), ("-1.0 i", false),
        ("-1.0 i", false), ("true", true), (" true", true), (" true ", true), (" True ", false), (" tru", false),
        ("false", true), (" false", true), (" false ", true), (" False ", false), (" fals", false), ("null", true),
        (" null", true), (" null ", true), (" Null ", false), (" nul", false), (" []", true), (" [true]", true),
        (" [ true, null ]", true), (" [ true,]", false), (#"{"hello":"world"}"#, true), (#"{ "hello": "world" }"#, true),
        (#"{ "hello": "world", }"#, false), (#"{"a":"b",}"#, false), (#"{"a":"b","a"}"#, false), (#"{"a":"b","a":}"#, false),
        (#"{"a":"b","a":1}"#, true), (#"{"a":"b",2"1":2}"#, false), (#"{"a":"b","a": 1, "c":{"hi":"there"} }"#, true),
        (#"{"a":"b","a": 1, "c":{"hi":"there", "easy":["going",{"mixed":"bag"}]} }"#, true), (#""""#, true), (#"""#, false),
        (#""\n""#, true), (#""\""#, false), (#""\\""#, true), (#""a\\b""#, true), (#""a\\b\\\"a""#, true),
        (#""a\\b\\\uFFAAa""#, true), (#""a\\b\\\uFFAZa""#, false), (#""a\\b\\\uFFA""#, false), (#""hello world\""#, false), ("[-]", false), ("[-.123]", false),
    ])
    func valid(json: String, expected: Bool) {
        #expect(GJSON.isValid(Array(json.utf8)) == expected)
    }

    @Test("hostile input: deep nesting, long paths, unterminated text and many wildcards stay bounded")
    func hostile() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(GJSON.isValid(Array(deep.utf8)))
        #expect(get(deep, "0.0.0.0") == String(repeating: "[", count: 99_996) + String(repeating: "]", count: 99_996))
        // Deeper than GJSONEngine.maxDepth (gjson itself would descend 50,000 levels): nothing, and no stack overflow.
        #expect(get(deep, String(repeating: "0.", count: 50_000) + "0") == nil)
        let deepObject = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        #expect(get(deepObject, String(repeating: "a.", count: 10) + "a") != nil)
        #expect(get(#"{"a":"unterminated"#, "a") == nil)
        #expect(get(#"{"a":[1,2"#, "a.5") == nil)
        #expect(get(#"{"a":[1,2"#, "a.#") == "2")
        let key = String(repeating: "a", count: 5000)
        // 300 nested stars pass GJSONMatch's 256-level cap (gjson would match): no match rather than deep recursion.
        #expect(get(#"{"\#(key)":1}"#, String(repeating: "*a", count: 300) + "*") == nil)
        #expect(get(#"{"\#(key)":1}"#, String(repeating: "a*", count: 100)) == "1")
        #expect(get("", "a") == nil)
        #expect(get("{", "a") == nil)
        #expect(get(#"{"a":"\"#, "a") == nil)
    }
}
