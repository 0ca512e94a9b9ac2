import Foundation
import Model
import Testing
@testable import YAML

/// A deterministic mutation loop: seeds from the other suites, mutated by byte flips, YAML punctuation,
/// deletions and duplications. Every input must either fail with a `yaml:` error or give a value JSON can
/// encode (no NaN or infinity slipped through); none may crash.
@Suite("fuzz-ish mutations")
struct FuzzTests {
    private static let seeds = [
        "a: &x [1, 2, {b: *x}]\n<<: {c: d}\n", "- ? k\n  : v\n- !!binary aGk=\n- !!float 1\n", "%YAML 1.1\n--- |\n  text\n...\n",
        "k: 'q''s'\nd: \"\\x41\\u00e9\"\nn: ~\ny: yes\no: 0o17\nh: 0x_1F\nf: .5e3\n", "a:\n  - b: >-\n      c\n    d: [e, {f: g}]\n",
        "x: &a {y: &b [*a]}\n", "1.5: a\ntrue: b\n0x10: c\n2001-01-01: d\n", "--- !custom {a: !!str 1}\n--- [*x]\n",
    ]
    private static let alphabet = Array("-?:,[]{}#&*!|>'\"%@`\n \t\\.0123456789eE+_<~yn".utf8) + [0x00, 0xFF, 0xC3, 0xA9, 0xE2]

    /// SplitMix64: a fixed sequence, so a failure names an iteration that can be replayed.
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    private static func mutate(_ input: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(4) {
            let at = random.below(bytes.count + 1)
            switch random.below(5) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
            case 2 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(8)))
            case 3 where at < bytes.count:
                let end = min(bytes.count, at + 1 + random.below(16))
                bytes.insert(contentsOf: bytes[at..<end], at: random.below(bytes.count + 1))
            default: bytes.insert(contentsOf: Array("\n  ".utf8), at: at)
            }
        }
        return bytes
    }

    @Test("20,000 mutated inputs: a value JSON can encode, or a yaml: error")
    func mutations() throws {
        var random = Random(state: 0x5EED)
        var accepted = 0
        for iteration in 0..<20_000 {
            let input = Self.mutate(Array(Self.seeds[iteration % Self.seeds.count].utf8), &random)
            do {
                let values = try YAMLDocuments.parse(input)
                _ = try JSONEncoder().encode(values)
                accepted += 1
            } catch let error as ModelError {
                #expect(error.message.hasPrefix("yaml: "), "iteration \(iteration): \(error.message)")
            }
        }
        #expect(accepted > 1000)  // the mutations must not all be rejected, or the loop tests little
    }
}
