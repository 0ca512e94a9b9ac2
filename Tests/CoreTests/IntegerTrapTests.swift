@testable import Core
import Foundation
@testable import Model
import Testing

/// "No input may crash the binary": hostile numbers from the environment, templates and YAML documents go
/// through the real parsing code, and each must come back as an error or Go's documented value. Every case
/// here trapped (or overflowed the stack) before the fix, which would kill the test process.
@Suite("Integer traps: Core and Model parsers")
struct IntegerTrapTests {
    // MARK: Go durations (time.ParseDuration)

    @Test("the ends of Go's range parse exactly; Double rounding used to make them trap")
    func durationBounds() throws {
        #expect(GoDuration.parse("9223372036854775807ns") == .nanoseconds(Int64.max))
        #expect(GoDuration.parse("2562047h47m16.854775807s") == .nanoseconds(Int64.max))
        #expect(GoDuration.parse("-9223372036854775808ns") == .nanoseconds(Int64.min))
        #expect(GoDuration.parse("1.000000001s") == .nanoseconds(1_000_000_001))
    }

    @Test("past Go's range is Go's invalid duration error", arguments: [
        "9999999999999h", "9223372036854775808ns", "2562047h47m16.854775808s", "99999999999999999999999ns",
        "-9223372036854775809ns", "5124095576030431h", "9223372036s9223372036s",
    ])
    func durationOverflow(text: String) {
        #expect(GoDuration.parse(text) == nil)
        #expect { try GoDuration.parsing(text) } throws: { error in
            (error as? ExecError)?.message == "time: invalid duration \"\(text)\""
        }
    }

    @Test("Go's other duration errors")
    func durationMessages() {
        #expect { try GoDuration.parsing("1") } throws: { ($0 as? ExecError)?.message == "time: missing unit in duration \"1\"" }
        #expect { try GoDuration.parsing("1x") } throws: { ($0 as? ExecError)?.message == "time: unknown unit \"x\" in duration \"1x\"" }
    }

    // MARK: Backoff products

    @Test("a huge factor saturates at Go's largest duration instead of trapping in Duration * Double")
    func hugeFactor() {
        let b = Backoff(steps: 5, duration: .seconds(1), factor: 1e300)
        #expect(b.nominalDelays == [.seconds(1), Backoff.maxDelay, Backoff.maxDelay, Backoff.maxDelay])
        #expect(Backoff(steps: 3, duration: .seconds(1), factor: .infinity).nominalDelays.last == Backoff.maxDelay)
        #expect(Backoff(steps: 3, duration: .seconds(1), factor: .nan).nominalDelays.last == .zero)
    }

    @Test("factor 0 keeps the duration (Go's Step); steps = Int.min has no delays instead of trapping")
    func degenerateBackoffs() {
        #expect(Backoff(steps: 4, duration: .seconds(2), factor: 0).nominalDelays == [.seconds(2), .seconds(2), .seconds(2)])
        #expect(Backoff(steps: .min, duration: .seconds(1), factor: 2).nominalDelays.isEmpty)
    }

    @Test("jitter and Retry-After products saturate", arguments: [
        (1e308, nil), (0.5, .seconds(Int64.max)), (0.5, .seconds(Int64.max / 2) + .seconds(Int64.max / 2)), (.infinity, nil),
    ] as [(Double, Duration?)])
    func jitterAndRetryAfter(jitter: Double, retryAfter: Duration?) {
        #expect(Backoff.sleep(delay: .seconds(1), jitter: jitter, retryAfter: retryAfter) == Backoff.maxDelay)
    }

    @Test("Retry-After that is not a positive number is ignored")
    func retryAfterIgnored() {
        for value in [Duration.seconds(-5), .zero, nil] {
            #expect(Backoff.sleep(delay: .seconds(1), jitter: 0, retryAfter: value) == .seconds(1))
        }
        #expect(Backoff.sleep(delay: .seconds(1), jitter: -3, retryAfter: .seconds(7)) == .seconds(7))
    }

    @Test("retrySync with a Retry-After of 1e20 s gives up at the deadline instead of trapping")
    func retrySyncHugeRetryAfter() {
        var attempts = 0
        let b = Backoff(steps: 5, duration: .milliseconds(1), factor: 2)
        #expect(throws: ExecError.self) {
            try b.retrySync(giveUpAt: UTCTime.now().adding(.seconds(60))) { () throws(ExecError) -> Int in
                attempts += 1
                throw ExecError(.internal, "slow down", transient: true, retryAfter: .seconds(Int64.max))
            }
        }
        #expect(attempts == 1)
    }

    // MARK: RFC 3339 and UTC arithmetic

    @Test("out-of-range RFC 3339 fields are refused as Go refuses them", arguments: [
        "99999-01-01T00:00:00Z", "2026-01-01T00:00:00+99:99", "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00-23:61",
        "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T00:00:00+9:00",
    ])
    func badTimes(text: String) {
        #expect(UTCTime.parseRFC3339(text) == nil)
    }

    @Test("Go's accepted edges still parse")
    func edgeTimes() throws {
        #expect(UTCTime.parseRFC3339("2024-02-29T00:00:00Z") != nil)
        #expect(UTCTime.parseRFC3339("2000-02-29T00:00:00Z") != nil)
        let dayAhead = try #require(UTCTime.parseRFC3339("2026-01-01T00:00:00+24:00"))
        #expect(dayAhead.secondsSinceEpoch == Int64(1_767_225_600 - 86_400))
        #expect(UTCTime.parseRFC3339("9999-12-31T23:59:59.999999999-23:59") != nil)
    }

    @Test("adding a huge duration saturates; far-apart instants subtract without overflow")
    func utcArithmetic() {
        let far = UTCTime.now().adding(.seconds(Int64.max))
        #expect(far.secondsSinceEpoch == .max)
        #expect(UTCTime(secondsSinceEpoch: .min).adding(.seconds(-5)).secondsSinceEpoch == .min)
        let odd = UTCTime(secondsSinceEpoch: 0, nanoseconds: .max).adding(.nanoseconds(999_999_999))
        #expect((0..<1_000_000_000).contains(odd.nanoseconds))
        let span = UTCTime(secondsSinceEpoch: .min, nanoseconds: .max).seconds(until: UTCTime(secondsSinceEpoch: .max, nanoseconds: .min))
        #expect(span > 1.8e19 && span.isFinite)
    }

    @Test("an HTTP date past year 2^31 - 1 formats instead of overflowing tm_year + 1900 in Int32")
    func httpDateYear() {
        let seconds = UTCTime.daysFromCivil(2_147_483_648, 1, 1) * 86_400
        #expect(UTCTime(secondsSinceEpoch: seconds).httpDate().contains(" 2147483648 00:00:00 GMT"))
    }

    // MARK: template JSON

    @Test("template numbers past Go's int32 fields are Go's unmarshal error", arguments: [
        (#"{"outputs":{"artifacts":[{"archive":{"tar":{"compressionLevel":99999999999999999999}}}]}}"#,
         "outputs.artifacts[0].archive.tar.compressionLevel: cannot unmarshal number 1e+20 into Go value of type int32"),
        (#"{"outputs":{"artifacts":[{"archive":{"tar":{"compressionLevel":4294967296}}}]}}"#,
         "outputs.artifacts[0].archive.tar.compressionLevel: cannot unmarshal number 4294967296 into Go value of type int32"),
        (#"{"containerSet":{"retryStrategy":{"retries":99999999999}}}"#,
         "containerSet.retryStrategy.retries: cannot unmarshal number 99999999999 into Go value of type int32"),
        (#"{"containerSet":{"retryStrategy":{"retries":-1e19}}}"#,
         "containerSet.retryStrategy.retries: cannot unmarshal number -1e+19 into Go value of type int32"),
        (#"{"outputs":{"artifacts":[{"archive":{"tar":{"compressionLevel":1e400}}}]}}"#,
         "invalid JSON at offset 68: number 1e400 is out of range"),
    ])
    func templateOverflow(json: String, message: String) {
        #expect { try EmissaryTemplate(json: Array(json.utf8)) } throws: { ($0 as? ModelError)?.message == message }
    }

    @Test("JSONFields.int reads the full Int64 range and refuses wider numbers")
    func jsonInt() throws {
        #expect(try JSONFields.int(.int(.max), "n") == Int(Int64.max))
        #expect { try JSONFields.int(.double(1e20), "n") } throws: {
            ($0 as? ModelError)?.message == "n: cannot unmarshal number 1e+20 into Go value of type int"
        }
        #expect(try JSONFields.int32(.int(-2_147_483_648), "n") == .min)
    }

    @Test("Codable IntOrString refuses numbers past int32, as Go does, without trapping")
    func codableIntOrString() throws {
        struct Box: Decodable { var retries: IntOrString }
        for text in ["99999999999", "1e400", "99999999999999999999", "1.5"] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(Box.self, from: Data(#"{"retries":\#(text)}"#.utf8)) }
        }
        #expect(try JSONDecoder().decode(Box.self, from: Data(#"{"retries":2147483647}"#.utf8)).retries == .int(2_147_483_647))
    }

    @Test("a decimal string past Int clamps as Go's IntValue (strconv.Atoi's clamped result)")
    func intValueClamps() {
        #expect(IntOrString.string("99999999999999999999").intValue == .max)
        #expect(IntOrString.string(" -99999999999999999999 ").intValue == .min)
        #expect(IntOrString.string("+12").intValue == 12)
        for bad in ["12x", "", "-", "1e3", "0x10"] { #expect(IntOrString.string(bad).intValue == nil) }
    }
}
