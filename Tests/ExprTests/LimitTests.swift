import Testing
@testable import Expr

@Suite("Hostile input is refused with an error, never a trap or a hang")
struct LimitTests {
    @Test("deep nesting is bounded", arguments: [
        String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        String(repeating: "-", count: 10_000) + "1",
        String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000),
        String(repeating: "not ", count: 5_000) + "true",
        "1" + String(repeating: " ** 1", count: 5_000),
        "'a' matches '" + String(repeating: "(", count: 500) + String(repeating: ")", count: 500) + "'",
        String(repeating: "1 + ", count: 6_000) + "1",
        String(repeating: "a?.", count: 3_000) + "b",
    ])
    func nesting(source: String) {
        #expect(throws: ExprError.self) { try ExprProgram(source) }
    }

    @Test("moderate nesting still works")
    func moderate() throws {
        let parens = String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40)
        #expect(try ExprProgram(parens).run([:]) == 1)
        let sum = String(repeating: "1 + ", count: 290) + "1"
        #expect(try ExprProgram(sum).run([:]) == 291)
        let deepParens = String(repeating: "(", count: 45) + "1" + String(repeating: ")", count: 45)
        #expect(try ExprProgram(deepParens).run([:]) == 1)
        let powers = "2" + String(repeating: " ** 1", count: 90)
        #expect(try ExprProgram(powers).run([:]) == 2.0)
        let groups = String(repeating: "(", count: 90) + "a" + String(repeating: ")", count: 90)
        #expect(try ExprProgram("'a' matches '\(groups)'").run([:]) == true)
        let arrays = String(repeating: "[", count: 30) + String(repeating: "]", count: 30)
        #expect(try ExprProgram("len(\(arrays))").run([:]) == 1)
    }

    @Test("memory budget", arguments: [
        "1..1000000", "map(1..1000, 1..1000)", "repeat('x', 1000001)", "repeat(repeat('ab', 1000), 1000)",
        "0..9223372036854775807", "-9223372036854775807..9223372036854775807",
        "filter(1..1000, 1..1000) ", "len(concat(1..600000, 1..600000))",
    ])
    func budget(source: String) {
        #expect(throws: ExprError.self) { try ExprProgram(source).run([:]) }
    }

    @Test("integer overflow is an error", arguments: [
        "9223372036854775807 + 1", "-9223372036854775807 - 2", "9223372036854775807 * 2", "-(-9223372036854775807 - 1)",
        "abs(-9223372036854775807 - 1)", "sum([9223372036854775807, 1])",
    ])
    func overflow(source: String) {
        #expect(throws: ExprError.self) { try ExprProgram(source).run([:]) }
    }

    @Test("no Swift traps on odd arithmetic")
    func noTraps() throws {
        #expect(try ExprProgram("(-9223372036854775807 - 1) % -1").run([:]) == 0)
        #expect(try ExprProgram("int(1e300)").run([:]) == .int(.min))
        // Go converts an out-of-range float index to MinInt64 (amd64), which is then out of range.
        #expect(throws: ExprError.self) { try ExprProgram("[1, 2][1e300]").run([:]) }
        #expect(try ExprProgram("0 / 0 == 0 / 0").run([:]) == false)
        #expect(try ExprProgram("bitshl(1, 1000)").run([:]) == 0)
    }

    @Test("too many nodes")
    func nodes() {
        let many = "[" + Array(repeating: "1", count: 10_001).joined(separator: ",") + "]"
        #expect(throws: ExprError.self) { try ExprProgram(many) }
    }

    @Test("regexp matching is linear")
    func linearRegex() throws {
        let subject = String(repeating: "a", count: 20_000)
        let program = try ExprProgram("s matches '(a*)*(a|aa)*b'")
        #expect(try program.run(["s": .string(subject)]) == false)
    }
}
