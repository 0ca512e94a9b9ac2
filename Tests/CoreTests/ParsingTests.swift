@testable import Core
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite("Go durations and RFC 3339 times")
struct ParsingTests {
    @Test("Go durations", arguments: [
        ("0", 0.0), ("1s", 1), ("1m0s", 60), ("3s", 3), ("10ms", 0.01), ("1.5h", 5400), ("2h45m", 9900),
        ("-1.5s", -1.5), ("300us", 0.0003), ("1µs", 0.000001), ("+5s", 5),
    ])
    func durations(text: String, seconds: Double) throws {
        let d = try #require(GoDuration.parse(text))
        #expect(abs(d.seconds - seconds) < 1e-9)
    }

    @Test("bad Go durations", arguments: ["", "1", "s", "5 s", "1x", "1.s.", "--1s", "1e3s", "."])
    func badDurations(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    @Test("RFC 3339 round trips through UTC")
    func rfc3339() throws {
        let t = try #require(UTCTime.parseRFC3339("2026-11-24T17:27:38Z"))
        #expect(t.secondsSinceEpoch == 1_795_541_258)
        #expect(t.rfc3339() == "2026-11-24T17:27:38Z")
        let frac = try #require(UTCTime.parseRFC3339("2026-11-24T19:27:38.5+02:00"))
        #expect(frac.secondsSinceEpoch == t.secondsSinceEpoch)
        #expect(frac.nanoseconds == 500_000_000)
        #expect(frac.rfc3339(fractionDigits: 3) == "2026-11-24T17:27:38.500Z")
        #expect(UTCTime.parseRFC3339("0001-01-01T00:00:00Z") == .goZero)
        #expect(UTCTime.parseRFC3339("1970-01-01T00:00:00.000000001Z") == UTCTime(secondsSinceEpoch: 0, nanoseconds: 1))
    }

    @Test("bad RFC 3339 times", arguments: [
        "", "2026-11-24", "2026-11-24 17:27:38Z", "2026-13-01T00:00:00Z", "2026-11-24T17:27:38", "2026-11-24T17:27:38.Z",
        "2026-11-24T17:27:38Zjunk", "2026-11-24T25:00:00Z", "garbage",
    ])
    func badTimes(text: String) {
        #expect(UTCTime.parseRFC3339(text) == nil)
    }
}

@Suite("Pod paths under ARGOEXEC_ROOT")
struct PodPathsTests {
    @Test("unset root gives the real paths")
    func realPaths() {
        let p = PodPaths()
        #expect(p.template == "/var/run/argo/template")
        #expect(p.exitCode("main") == "/var/run/argo/ctr/main/exitcode")
        #expect(p.terminationLog == "/dev/termination-log")
        #expect(p.secretFile(name: "cred", key: "ak") == "/argo/secret/cred/ak")
        #expect(p.mainContainerFS("/tmp/out") == "/mainctrfs/tmp/out")
        #expect(p.stagingArtifacts == "/tmp/argo/outputs/artifacts")
        #expect(p.offloadedTemplate == "/argo/config/ARGO_TEMPLATE")
    }

    @Test("a root prefixes every absolute path", arguments: ["/tmp/pod", "/tmp/pod/", "/tmp/pod//"])
    func rooted(root: String) {
        let p = PodPaths(root: root)
        #expect(p.template == "/tmp/pod/var/run/argo/template")
        #expect(p.terminationLog == "/tmp/pod/dev/termination-log")
        #expect(p.serviceAccountDir == "/tmp/pod/var/run/secrets/kubernetes.io/serviceaccount")
        #expect(p.stagingScript == "/tmp/pod/argo/staging/script")
        #expect(p.resolve("relative") == "relative")
    }

    @Test("root / is the real filesystem")
    func slashRoot() { #expect(PodPaths(root: "/") == PodPaths()) }
}

@Suite("Error texts (issue 14: no \"X: Y: Y\")")
struct ErrorTextTests {
    @Test("a message that already carries its cause's text does not repeat it; Go's %w chain otherwise")
    func noRepeats() {
        let io = ExecError.system("open", "/tmp/x", ENOENT)
        #expect(io.description == "open /tmp/x: no such file or directory")
        let wrapped = ExecError(io.code, "artifact a failed to load: \(io.message)", cause: io)
        #expect(wrapped.description == "artifact a failed to load: open /tmp/x: no such file or directory")
        let whole = ExecError(.internal, "reading: \(io.description)", cause: io)
        #expect(whole.description == "reading: open /tmp/x: no such file or directory")
        let plain = ExecError(.internal, "saving outputs", cause: io)
        #expect(plain.description == "saving outputs: open /tmp/x: no such file or directory")
        #expect(ExecError(.internal, "", cause: io).description == io.description)
    }
}
