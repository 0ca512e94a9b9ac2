import Core
import Model
import Testing
@testable import Agent

/// `ExecuteTemplateReply` decoding (Argo's `pkg/plugins/executor/template_executor_plugin.go`): a node, a requeue
/// delay as a Go duration, and the garbage that must fail only the node.
@Suite("Agent plugin replies")
struct PluginReplyTests {
    @Test func nodeAndRequeue() throws {
        let (node, requeue) = try PluginTaskRunner.decode(Array(#"{"node":{"phase":"Running","message":"m","progress":"1/2"},"requeue":"1m30s"}"#.utf8))
        #expect(node == NodeResult(phase: "Running", message: "m", progress: "1/2"))
        #expect(requeue == .seconds(90))
        let (none, zero) = try PluginTaskRunner.decode(Array("{}".utf8))
        #expect(none == nil)
        #expect(zero == .zero)
    }

    @Test(arguments: ["garbage", "[]", #"{"node":"x"}"#, #"{"node":{"phase":3}}"#, #"{"requeue":"soon"}"#, #"{"node":{"outputs":{"parameters":5}}}"#])
    func garbageIsAnError(text: String) {
        #expect(throws: ExecError.self) { try PluginTaskRunner.decode(Array(text.utf8)) }
    }

    @Test func tokensAreThirtyTwoCharactersOfTheAlphabet() throws {
        let root = "/tmp/agent-tokens-\(UInt64.random(in: 0...UInt64.max))"
        let paths = PodPaths(root: root)
        try Directories.makeAll(paths.varRunArgo)
        try PluginTokens.create(names: ["a", "b"], paths: paths)
        let a = try PluginTokens.read(name: "a", paths: paths)
        #expect(a.count == 32)
        #expect(a.utf8.allSatisfy { PluginTokens.alphabet.contains($0) })
        #expect(try PluginTokens.read(name: "b", paths: paths) != a)
        #expect(throws: ExecError.self) { try PluginTokens.create(names: ["a"], paths: paths) }  // mkdir: exists
        #expect(throws: ExecError.self) { try PluginTokens.create(names: ["../x"], paths: paths) }
    }
}

/// The agent logs durations as Go's `time.Duration.String` does (Argo's `requeueTime=10s`, `requeue=0s`); they read
/// "10.0 seconds" before.
@Suite("Agent log durations")
struct GoDurationTextTests {
    @Test(arguments: [
        (Duration.zero, "0s"), (.nanoseconds(1), "1ns"), (.nanoseconds(1_500), "1.5µs"), (.milliseconds(200), "200ms"),
        (.milliseconds(500), "500ms"), (.nanoseconds(1_000_001), "1.000001ms"), (.seconds(1), "1s"), (.milliseconds(1_500), "1.5s"),
        (.seconds(10), "10s"), (.seconds(90), "1m30s"), (.seconds(3_600), "1h0m0s"), (.seconds(7_322), "2h2m2s"),
        (.seconds(-2), "-2s"), (.seconds(Int64.max), "2562047h47m16.854775807s"),
    ] as [(Duration, String)])
    func goString(duration: Duration, text: String) {
        #expect(GoDuration.format(duration) == text)
    }
}
