import Model
import Testing
@testable import YAML

/// `<<` merge keys as go-yaml v2 applies them (gopkg.in/yaml.v2 decode.go, `merge`; decode_test.go, `mergeTests`).
@Suite("merge keys")
struct MergeTests {
    static let document = """
    anchors:
      list:
        - &CENTER { "x": 1, "y": 2 }
        - &LEFT   { "x": 0, "y": 2 }
        - &BIG    { "r": 10 }
        - &SMALL  { "r": 1 }

    # All the following maps are equal:
    plain:
      "x": 1
      "y": 2
      "r": 10
      label: center/big
    mergeOne:
      << : *CENTER
      "r": 10
      label: center/big
    mergeMultiple:
      << : [ *CENTER, *BIG ]
      label: center/big
    override:
      << : [ *BIG, *LEFT, *SMALL ]
      "x": 1
      label: center/big
    shortTag:
      !!merge "<<" : [ *CENTER, *BIG ]
      label: center/big
    longTag:
      !<tag:yaml.org,2002:merge> "<<" : [ *CENTER, *BIG ]
      label: center/big
    inlineMap:
      << : {"x": 1, "y": 2, "r": 10}
      label: center/big
    inlineSequenceMap:
      << : [ *CENTER, {"r": 10} ]
      label: center/big
    """

    @Test("every form of go-yaml's merge test gives the same map")
    func mergeForms() throws {
        guard case .object(let maps) = try YAMLDocuments.parseOne(Array(Self.document.utf8)) else {
            Issue.record("not a mapping")
            return
        }
        let want: JSONValue = ["x": 1, "y": 2, "r": 10, "label": "center/big"]
        #expect(maps.count == 9)
        for (name, value) in maps where name != "anchors" {
            #expect(value == want, "\(name)")
        }
    }

    @Test("v2 merges in place: a merge overrides keys written before it, later keys override the merge")
    func order() throws {
        #expect(try YAMLDocuments.parseOne(Array("a: 1\n<<: {a: 2, b: 2}\nb: 3".utf8)) == ["a": 2, "b": 3])
    }

    @Test("a quoted `<<` is an ordinary key; an empty merge list merges nothing")
    func notMerges() throws {
        #expect(try YAMLDocuments.parseOne(Array("\"<<\": {a: 1}".utf8)) == ["<<": ["a": 1]])
        #expect(try YAMLDocuments.parseOne(Array("<<: []\nb: 1".utf8)) == ["b": 1])
        // An anchor on a merge key: the key is never decoded where it stands, but its alias is the string "<<".
        #expect(try YAMLDocuments.parseOne(Array("&m <<: {a: 1}\nb: *m".utf8)) == ["a": 1, "b": "<<"])
    }
}
