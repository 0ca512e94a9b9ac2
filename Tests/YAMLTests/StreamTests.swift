import Model
import Testing
@testable import YAML

/// Multi-document streams as kubectl writes and reads them.
@Suite("multi-document streams")
struct StreamTests {
    @Test("documents come back in order", arguments: [
        ("a: 1\n---\nb: 2\n", [["a": 1], ["b": 2]]),
        ("---\na: 1\n---\nb: 2\n...\n", [["a": 1], ["b": 2]]),
        ("a: 1\n...\n---\nb: 2\n...\n", [["a": 1], ["b": 2]]),
        ("---\n---\n", [nil, nil]),
        ("a: 1\n---\n# only a comment\n---\nb: 2", [["a": 1], nil, ["b": 2]]),
        ("--- 1\n--- two\n--- [3]\n", [1, "two", [3]]),
        ("", []), ("# nothing but a comment\n", []), ("\n\n   \n", []),
        ("%YAML 1.1\n---\na: 1\n", [["a": 1]]),
        ("a: &x 1\n---\nb: 2\n", [["a": 1], ["b": 2]]),
    ] as [(String, [JSONValue])])
    func stream(_ yaml: String, _ expected: [JSONValue]) throws {
        #expect(try YAMLDocuments.parse(Array(yaml.utf8)) == expected)
    }

    @Test("anchors do not reach across documents")
    func anchorsPerDocument() {
        let error = #expect(throws: ModelError.self) { try YAMLDocuments.parse(Array("a: &x 1\n---\nb: *x\n".utf8)) }
        #expect(error?.message.contains("unknown anchor 'x' referenced") == true)
    }

    @Test("an error in a later document fails the stream, naming its line")
    func laterError() {
        let error = #expect(throws: ModelError.self) { try YAMLDocuments.parse(Array("a: 1\n---\nb: [\n".utf8)) }
        #expect(error?.message.contains("line 4") == true, "\(error?.message ?? "")")
    }

    @Test("parseOne: empty input is null, a single document is its value, a second document is an error")
    func single() throws {
        #expect(try YAMLDocuments.parseOne([]) == nil)
        #expect(try YAMLDocuments.parseOne(Array("# just a comment\n".utf8)) == nil)
        #expect(try YAMLDocuments.parseOne(Array("---\na: 1\n...\n".utf8)) == ["a": 1])
        for text in ["a: 1\n---\nb: 2\n", "a: 1\n---\n", "---\nhello\n...\n}not yaml"] {
            let error = #expect(throws: ModelError.self) { try YAMLDocuments.parseOne(Array(text.utf8)) }
            #expect(error?.message.hasPrefix("yaml: line ") == true, "\(error?.message ?? "")")
        }
    }
}
