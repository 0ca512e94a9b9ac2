import Model
import Testing
@testable import YAML

/// Input meant to hurt: each is refused with a clear error (or read correctly), never a crash, a stack
/// overflow or unbounded memory.
@Suite("hostile input")
struct HostileInputTests {
    private func refusal(_ bytes: [UInt8]) -> String {
        do {
            _ = try YAMLDocuments.parse(bytes)
            return "accepted"
        } catch {
            return error.message
        }
    }

    @Test("nesting past 512 collections is refused before it costs anything", arguments: [
        String(repeating: "- ", count: 200_000) + "a", "k: " + String(repeating: "[", count: 200_000),
        "k: " + String(repeating: "{a: ", count: 100_000) + "1", String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
    ])
    func deepNesting(_ text: String) {
        #expect(refusal(Array(text.utf8)).contains("exceeded max depth of 512"))
    }

    @Test("512 nested collections are fine")
    func deepestAllowed() throws {
        let text = String(repeating: "[", count: 512) + "1" + String(repeating: "]", count: 512)
        var value = try YAMLDocuments.parseOne(Array(text.utf8))
        var depth = 0
        while case .array(let items) = value, let first = items.first {
            value = first
            depth += 1
        }
        #expect(depth == 512 && value == 1)
    }

    @Test("aliases cannot nest past the limit either")
    func deepThroughAliases() {
        let inner = String(repeating: "[", count: 400) + "1" + String(repeating: "]", count: 400)
        let text = "a: &a \(inner)\nb: &b \(String(repeating: "[", count: 200))*a\(String(repeating: "]", count: 200))\n"
        #expect(refusal(Array(text.utf8)).contains("exceeded max depth of 512 expanding alias 'a'"))
    }

    @Test("alias bombs fail go-yaml v2's aliasing limit", arguments: [
        // gopkg.in/yaml.v2 decode_test.go's case: 9^9 expansions.
        "a: &a [00,00,00,00,00,00,00,00,00]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n",
        // Doubling: 2^60 nodes from 60 lines.
        "a0: &a0 [x, x]\n" + (1..<60).map { "a\($0): &a\($0) [*a\($0 - 1), *a\($0 - 1)]" }.joined(separator: "\n"),
        // Merge keys expand too.
        "a0: &a0 {k0: v, j0: v}\n" + (1..<40).map { "a\($0): &a\($0) {<<: [*a\($0 - 1)], x\($0): [*a\($0 - 1), *a\($0 - 1)]}" }.joined(separator: "\n"),
    ])
    func aliasBomb(_ text: String) {
        #expect(refusal(Array(text.utf8)).contains("document contains excessive aliasing"))
    }

    @Test("moderate aliasing stays allowed (a small anchor used 1,000 times)")
    func moderateAliasing() throws {
        let text = "base: &b {image: busybox, command: [sh, -c]}\nsteps:\n" + String(repeating: "- *b\n", count: 1000)
        let value = try YAMLDocuments.parseOne(Array(text.utf8))
        guard case .array(let steps)? = value["steps"] else { Issue.record("no steps"); return }
        #expect(steps.count == 1000 && steps.allSatisfy { $0 == ["image": "busybox", "command": ["sh", "-c"]] })
    }

    @Test("invalid UTF-8 and control characters are refused by libyaml's reader, with a position", arguments: [
        ([0x61, 0x3A, 0x20, 0xFF], "line 1, column 4: invalid leading UTF-8 octet"),
        ([0x61, 0x3A, 0x0A, 0x20, 0x20, 0xE2, 0x82], "line 2, column 3: incomplete UTF-8 octet sequence"),
        ([0x61, 0x3A, 0x20, 0xE2, 0x28, 0xA1], "invalid trailing UTF-8 octet"),
        ([0x61, 0x3A, 0x20, 0xC0, 0x80], "invalid length of a UTF-8 sequence"),
        ([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], "invalid Unicode character"),
        ([0x61, 0x3A, 0x20, 0x00], "control characters are not allowed"),
        ([0x00], "control characters are not allowed"), ([0x61, 0x3A, 0x20, 0x62, 0x00, 0x63], "control characters are not allowed"),
        ([0x61, 0x3A, 0x20, 0x07], "control characters are not allowed"),
    ] as [([UInt8], String)])
    func badBytes(_ bytes: [UInt8], _ expected: String) {
        let message = refusal(bytes)
        #expect(message.hasPrefix("yaml: ") && message.contains(expected), "\(message)")
    }

    @Test("a 10 MB scalar is read whole, plain, quoted or literal")
    func hugeScalar() throws {
        let big = String(repeating: "abcdefghij", count: 1_048_576)
        for text in ["a: \(big)", "a: \"\(big)\"", "a: |\n  \(big)\n"] {
            let value = try YAMLDocuments.parseOne(Array(text.utf8))
            #expect(value["a"]?.stringValue?.utf8.count ?? 0 >= big.utf8.count)
        }
    }

    @Test("every truncation of a manifest either parses or fails cleanly")
    func truncations() {
        let text = Array("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: "x", labels: {a: 'b'}}
        data:
          script: |
            echo hi
          list: [1, 2.5, &n null, *n]
          "quoted \\u00e9": >-
            folded
        ---
        - !!binary aGk=
        - ? complex
          : key
        ...
        """.utf8)
        for end in 0...text.count {
            _ = refusal(Array(text[..<end]))
        }
        #expect(refusal(Array("a: [1, 2".utf8)).contains("did not find expected ',' or ']'"))
        #expect(refusal(Array("a: 'abc".utf8)).contains("found unexpected end of stream"))
        #expect(refusal(Array("a: \"\\u00".utf8)).hasPrefix("yaml: line 1"))
    }
}
