import Core
import JQ
import Model
import Testing

/// `JQProgram.run`: results as `JSONValue`, number kinds, depth limits, and many runs at once.
@Suite struct JQProgramTests {
    @Test func resultsAsValues() throws {
        let input: JSONValue = .object(["a": .array([.int(1), .double(1.5), .string("x"), .null, .bool(true)])])
        #expect(try JQProgram(".a[]").run(input) == [.int(1), .double(1.5), .string("x"), .null, .bool(true)])
        #expect(try JQProgram("{n: (.a | length)}").run(input) == [.object(["n": .int(5)])])
        #expect(try JQProgram("empty").run(input) == [])
        // jq reads a blank program as `.`.
        #expect(try JQProgram(" ").run(input) == [input])
    }

    @Test func numberKinds() throws {
        let program = try JQProgram(".[]")
        let input: JSONValue = .array([.int(-3), .double(2.0), .double(-0.0), .int(1 << 53), .int(1 << 62), .double(0.25)])
        // Integral and exactly representable: .int; 2^62 went through a double (as in gojq's float64) and stays one.
        #expect(try program.run(input) == [.int(-3), .int(2), .int(0), .int(1 << 53), .double(4611686018427387904), .double(0.25)])
    }

    @Test func stringsKeepEveryByte() throws {
        let text = "nul\u{0}é😀\u{2028}"
        #expect(try JQProgram(".").run(.string(text)) == [.string(text)])
        #expect(try JQProgram("length").run(.string(text)) == [.int(7)])
    }

    @Test func inputDepthIsLimited() throws {
        var deep: JSONValue = .null
        for _ in 0..<500 { deep = .array([deep]) }
        #expect(try JQProgram(".").run(deep) == [deep])
        for _ in 0..<20 { deep = .array([deep]) }
        #expect(throws: ExecError.self) { try JQProgram(".").run(deep) }
    }

    @Test func aProgramRunsManyTimes() throws {
        let program = try JQProgram("[.[] | test(\"^a\")]")
        for i in 0..<5 {
            #expect(try program.run(.array([.string("ab"), .string("b\(i)")])) == [.array([.bool(true), .bool(false)])])
        }
    }

    @Test func runsInParallel() async throws {
        // Every run has its own jq_state; regexes exercise oniguruma's process-wide initialisation.
        let program = try JQProgram("[.items[] | select(.name | test(\"^w-[0-9]+$\")) | .n] | add")
        let results = try await withThrowingTaskGroup(of: [JSONValue].self) { group in
            for task in 0..<16 {
                group.addTask {
                    let items: [JSONValue] = (0..<50).map { .object(["name": .string("w-\($0)"), "n": .int(Int64(task))]) }
                    return try program.run(.object(["items": .array(items)]))
                }
            }
            var all: [[JSONValue]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16)
        #expect(Set(results.map { $0 }) == Set((0..<16).map { [JSONValue.int(Int64($0) * 50)] }))
    }

    @Test func gojqOutputInParallel() async throws {
        let json = Array(#"{"items":[{"key":"foo"},{"key":"bar"}]}"#.utf8)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try JQProgram.gojqOutput(filter: ".items.[].key | sub(\"o\"; \"0\")", json: json) }
            }
            for try await output in group { #expect(output == "f0o\nbar") }
        }
    }
}
