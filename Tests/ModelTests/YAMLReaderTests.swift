import Foundation
@testable import Model
import Testing

@Suite("YAML repository files")
struct YAMLReaderTests {
    @Test("an artifact-repositories value in YAML decodes like its JSON form")
    func repository() throws {
        let yaml = """
        # kept in the artifact-repositories ConfigMap
        archiveLogs: true
        s3:
          bucket: my-bucket          # trailing comment
          endpoint: "minio:9000"
          insecure: true
          keyFormat: 'artifacts/{{workflow.name}}/it''s'
          accessKeySecret:
            name: my-minio-cred
            key: accesskey
          secretKeySecret: {name: my-minio-cred, key: "secretkey"}
        """
        let value = try YAMLReader.parse(yaml)
        let repo = try JSONDecoder().decode(ArtifactRepository.self, from: JSONEncoder().encode(value))
        #expect(repo.archiveLogs == true)
        #expect(repo.s3?.location.bucket == "my-bucket")
        #expect(repo.s3?.location.endpoint == "minio:9000")
        #expect(repo.s3?.location.insecure == true)
        #expect(repo.s3?.keyFormat == "artifacts/{{workflow.name}}/it's")
        #expect(repo.s3?.location.accessKeySecret?.key == "accesskey")
        #expect(repo.s3?.location.secretKeySecret?.key == "secretkey")
    }

    @Test("sequences, block scalars, typed scalars")
    func shapes() throws {
        let value = try YAMLReader.parse("""
        list:
        - a
        - name: b
          size: 3
        -
          - nested
        - {name: c}
        flow: [1, two, true, {a: [x, 'y, z']}]
        empty: {}
        none: ~
        ratio: 1.5
        text: |
          line one
            indented
        folded: >-
          a
          b
        quoted: "tab\\tnew\\nline # not a comment"
        """)
        let expected: JSONValue = .object([
            "list": .array([.string("a"), .object(["name": .string("b"), "size": .int(3)]), .array([.string("nested")]),
                           .object(["name": .string("c")])]),
            "flow": .array([.int(1), .string("two"), .bool(true), .object(["a": .array([.string("x"), .string("y, z")])])]),
            "empty": .object([:]), "none": .null, "ratio": .double(1.5),
            "text": .string("line one\n  indented\n"), "folded": .string("a b"),
            "quoted": .string("tab\tnew\nline # not a comment"),
        ])
        #expect(value == expected)
    }

    @Test("malformed YAML is refused with the line number", arguments: [
        ("a: 1\n\tb: 2", "line 2"), ("a: 1\na: 2", "duplicate key"), ("a:\n  b: 1\n c: 2", "line 3"),
        ("a: &anchor 1", "anchors"), ("a: \"open", "unterminated"), ("a: 1\n  - b", "line 2"), ("a: {b: 1", "flow"), ("a: [1, 2] x", "flow"),
    ])
    func malformed(_ input: String, _ expected: String) {
        let error = #expect(throws: ModelError.self) { try YAMLReader.parse(input) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }
}

@Suite("Boxed template members code exactly like plain optionals")
struct BoxedTests {
    @Test("absent keys decode as nil and are not encoded; present ones round-trip; equality by value")
    func roundTrip() throws {
        let plain = try JSONDecoder().decode(Template.self, from: Data(#"{"name":"x"}"#.utf8))
        #expect(plain.resource == nil && plain.script == nil && plain.metadata == nil)
        #expect(String(decoding: try JSONEncoder().encode(plain), as: UTF8.self) == #"{"name":"x"}"#)
        let json = #"{"name":"y","script":{"image":"python","source":"print(1)"},"resource":{"action":"create","manifest":"kind: Pod"}}"#
        var full = try JSONDecoder().decode(Template.self, from: Data(json.utf8))
        #expect(full.script?.source == "print(1)" && full.resource?.action == "create")
        let again = try JSONDecoder().decode(Template.self, from: try JSONEncoder().encode(full))
        #expect(again == full)
        full.resource = nil
        #expect(again != full && full.resource == nil)
    }
}
