import Foundation
import Testing

/// The emissary's conformance scenarios (docs/pod-contract.md, "Conformance scenarios"): T-E* from Argo's
/// `cmd/argoexec/commands/emissary_test.go`, T-R* from `emissary_read_template_test.go`, and the derived D*,
/// run against the binary.
@Suite("emissary conformance (docs/pod-contract.md: T-E, T-R, D8, D15, D18, D19)", .serialized)
struct EmissaryTests {
    /// A pod root plus the environment the controller gives a main container.
    struct Pod {
        let root: URL
        var env: [String: String]
        var run: String { root.path + "/var/run/argo" }

        init(template: String = "{}", container: String = "main", capture: Bool = true) throws {
            root = try BinaryRunner.makeRoot()
            env = ["ARGOEXEC_ROOT": root.path, "ARGO_CONTAINER_NAME": container, "ARGO_TEMPLATE": template,
                   "ARGO_INCLUDE_SCRIPT_OUTPUT": capture ? "true" : "false"]
        }

        /// Through the lean binary, which main containers run (init copies it); `LeanBinaryTests` checks the
        /// full binary's emissary behaves the same.
        func emissary(_ command: [String]) throws -> BinaryRunner.Result {
            try BinaryRunner.run(["emissary", "--"] + command, environment: env, executable: BinaryRunner.leanBinary)
        }

        func read(_ relative: String) -> String? { try? String(contentsOfFile: run + "/" + relative, encoding: .utf8) }
        func cleanUp() { try? FileManager.default.removeItem(at: root) }
    }

    @Test("T-E1/T-E2: exit codes pass through and land in ctr/main/exitcode")
    func exitCodes() throws {
        let pod = try Pod()
        defer { pod.cleanUp() }
        #expect(try pod.emissary(["sh", "-c", "exit"]).status == 0)
        #expect(pod.read("ctr/main/exitcode") == "0")
        #expect(try pod.emissary(["sh", "-c", "exit 1"]).status == 1)
        #expect(pod.read("ctr/main/exitcode") == "1")
        let missing = try pod.emissary(["no-such-command-anywhere"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("failed to find name in PATH"))
        #expect(pod.read("ctr/main/exitcode") == "64")
        #expect((try? String(contentsOfFile: pod.root.path + "/dev/termination-log", encoding: .utf8))?.contains("failed to find name in PATH") == true)
    }

    @Test("T-E3/T-E5: stdout and combined capture; D8: no capture files when capture is off")
    func capture() throws {
        let pod = try Pod()
        defer { pod.cleanUp() }
        let r = try pod.emissary(["sh", "-c", "echo hello; echo oops > /dev/stderr"])
        #expect(r.stdout == "hello\n")
        #expect(r.stderr.contains("oops"))
        #expect(pod.read("ctr/main/stdout") == "hello\n")
        #expect(pod.read("ctr/main/combined")?.contains("hello") == true)
        #expect(pod.read("ctr/main/combined")?.contains("oops") == true)
        var quiet = try Pod(capture: false)
        defer { quiet.cleanUp() }
        quiet.env["ARGO_CONTAINER_NAME"] = "main"
        #expect(try quiet.emissary(["echo", "hi"]).stdout == "hi\n")
        #expect(quiet.read("ctr/main/stdout") == nil && quiet.read("ctr/main/combined") == nil)
    }

    @Test("T-E4: a background sub-process neither delays the exit nor appends to the capture")
    func subProcess() throws {
        let pod = try Pod()
        defer { pod.cleanUp() }
        let start = Date()
        let r = try pod.emissary(["sh", "-c", "(sleep 60; echo 'should not wait for sub-process') & printf hello"])
        #expect(r.status == 0)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(pod.read("ctr/main/stdout") == "hello")
    }

    @Test("T-E6: the signal file stops the child (15 → 143, 9 → 137); D15: SIGTERM to the emissary is forwarded")
    func signals() throws {
        let pod = try Pod()
        defer { pod.cleanUp() }
        for (sig, code) in [("15", Int32(143)), ("9", Int32(137))] {
            try FileManager.default.createDirectory(atPath: pod.run + "/ctr/main", withIntermediateDirectories: true)
            try sig.write(toFile: pod.run + "/ctr/main/signal", atomically: true, encoding: .utf8)
            #expect(try pod.emissary(["sleep", "3"]).status == code)
            #expect(pod.read("ctr/main/exitcode") == String(code))
            #expect(pod.read("ctr/main/signal") == nil)
        }
        let process = Process()
        process.executableURL = BinaryRunner.leanBinary
        process.arguments = ["emissary", "--", "sleep", "30"]
        process.environment = ["PATH": "/usr/bin:/bin"].merging(pod.env) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        #expect(pod.read("ctr/main/exitcode") == "143")
    }

    @Test("T-E7/T-E8/T-E9: main stages output artifacts (trailing slash trimmed) and parameters")
    func staging() throws {
        let dir = NSTemporaryDirectory() + "argoexec-stage-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let template = #"{"outputs":{"artifacts":[{"name":"a","path":"\#(dir)/artifact"},{"name":"b","path":"\#(dir)/tree/"}],"parameters":[{"name":"p","valueFrom":{"path":"\#(dir)/parameter"}}]}}"#
        let pod = try Pod(template: template)
        defer { pod.cleanUp() }
        let r = try pod.emissary(["sh", "-c", "mkdir -p \(dir)/tree && echo hello > \(dir)/artifact && echo x > \(dir)/tree/f && echo hello > \(dir)/parameter"])
        #expect(r.status == 0)
        let artifact = try FileManager.default.attributesOfItem(atPath: pod.run + "/outputs/artifacts" + dir + "/artifact.tgz")
        #expect((artifact[.size] as? Int ?? 0) > 0)
        #expect(FileManager.default.fileExists(atPath: pod.run + "/outputs/artifacts" + dir + "/tree.tgz"))
        #expect(pod.read("outputs/parameters" + dir + "/parameter") == "hello\n")
        // Not main: nothing staged.
        var sidecar = try Pod(template: template, container: "other")
        defer { sidecar.cleanUp() }
        sidecar.env["ARGO_CONTAINER_NAME"] = "other"
        #expect(try sidecar.emissary(["true"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: sidecar.run + "/outputs"))
    }

    @Test("an output directory holding a Latin-1 file name is staged, name bytes intact (issue 13: the output was lost)")
    func stagingByteNames() throws {
        let dir = NSTemporaryDirectory() + "argoexec-latin1-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let template = #"{"outputs":{"artifacts":[{"name":"a","path":"\#(dir)/tree"}]}}"#
        let pod = try Pod(template: template)
        defer { pod.cleanUp() }
        // printf writes the byte 0xE9 (Latin-1 "é"), which is not UTF-8, into the file name.
        let r = try pod.emissary(["sh", "-c", "mkdir -p \(dir)/tree && echo x > \"\(dir)/tree/caf$(printf '\\351')\""])
        #expect(r.status == 0, "\(r.stderr)")
        let staged = pod.run + "/outputs/artifacts" + dir + "/tree.tgz"
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/bin/tar")
        listing.arguments = ["--quoting-style=literal", "-tzf", staged]
        let out = Pipe()
        listing.standardOutput = out
        try listing.run()
        let names = out.fileHandleForReading.readDataToEndOfFile()
        listing.waitUntilExit()
        #expect(listing.terminationStatus == 0)
        #expect(names.split(separator: 0x0A).map { Array($0) }.contains(Array("tree/caf".utf8) + [0xE9]))
    }

    @Test("T-E10/T-E11: containerSet retries run the command again; outputs are staged after a failed last attempt too")
    func retries() throws {
        let dir = NSTemporaryDirectory() + "argoexec-retry-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = "mkdir -p \(dir)/artifact; if [ -f \(dir)/artifact/test.txt ]; then exit 0; else touch \(dir)/artifact/test.txt; exit 1; fi"
        for (retries, status) in [(1, Int32(1)), (2, Int32(0))] {
            try? FileManager.default.removeItem(atPath: dir)
            let template = #"{"containerSet":{"containers":[{"name":"main"}],"retryStrategy":{"retries":\#(retries)}},"outputs":{"artifacts":[{"name":"a","path":"\#(dir)/artifact/"}]}}"#
            let pod = try Pod(template: template)
            defer { pod.cleanUp() }
            #expect(try pod.emissary(["sh", "-c", script]).status == status)
            #expect(FileManager.default.fileExists(atPath: pod.run + "/outputs/artifacts" + dir + "/artifact.tgz"))
        }
    }

    /// Starts `argoexec emissary -- CMD` through `sh`, with `ignored` signals ignored as `exec` passes them on.
    func startEmissary(_ pod: Pod, _ command: [String], ignoring ignored: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' \(ignored); exec \"$0\" emissary -- \"$@\"", BinaryRunner.leanBinary.path] + command
        process.environment = ["PATH": "/usr/bin:/bin"].merging(pod.env) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("D15: signals the emissary's parent ignored are still forwarded, each one, to the child's group; SIGTERM during a dependency wait stops it")
    func signalsIgnoredByParent() throws {
        var pod = try Pod(capture: true)
        defer { pod.cleanUp() }
        // The child reports SIGUSR1 and SIGHUP, then stops on SIGTERM with 7.
        let script = "trap 'echo usr1' USR1; trap 'echo hup' HUP; trap 'echo term; exit 7' TERM; echo ready; while :; do sleep 0.05; done"
        let process = try startEmissary(pod, ["sh", "-c", script], ignoring: "TERM USR1 HUP")
        func waitFor(_ text: String) -> Bool {
            for _ in 0..<100 {
                if pod.read("ctr/main/stdout")?.contains(text) == true { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }
        #expect(waitFor("ready"))
        kill(process.processIdentifier, SIGUSR1)
        #expect(waitFor("usr1"))
        kill(process.processIdentifier, SIGHUP)
        #expect(waitFor("hup"))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 7)
        #expect(pod.read("ctr/main/exitcode") == "7")
        #expect(pod.read("ctr/main/stdout") == "ready\nusr1\nhup\nterm\n")

        // A container-set member still waiting for its dependency stops on SIGTERM as Argo's does: its exit
        // code file keeps 64, the emissary exits 143 with no termination message, the command never runs.
        pod.env["ARGO_TEMPLATE"] = #"{"containerSet":{"containers":[{"name":"a"},{"name":"b","dependencies":["a"]}]}}"#
        pod.env["ARGO_CONTAINER_NAME"] = "b"
        let marker = pod.root.path + "/ran"
        let waiting = try startEmissary(pod, ["touch", marker], ignoring: "TERM")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: pod.run + "/ctr/a") { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.2)
        kill(waiting.processIdentifier, SIGTERM)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 143)
        #expect(pod.read("ctr/b/exitcode") == "64")
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(!FileManager.default.fileExists(atPath: pod.root.path + "/dev/termination-log"))
    }

    @Test("issue 14: a SIGTERM that arrives before the child exists is delivered to it once it starts (143, not 137 later)")
    func signalBeforeChild() throws {
        var pod = try Pod(capture: false)
        defer { pod.cleanUp() }
        // The debug pause holds the emissary after its signals are set up and before the child starts.
        pod.env["ARGO_DEBUG_PAUSE_BEFORE"] = "true"
        let process = try startEmissary(pod, ["sh", "-c", "sleep 30"], ignoring: "USR2")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: pod.run + "/ctr/main") { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.2)
        let started = Date()
        FileManager.default.createFile(atPath: pod.run + "/ctr/main/before", contents: nil)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        #expect(pod.read("ctr/main/exitcode") == "143")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("issue 14: log lines follow the controller's generation: v4/v3.7 flags (--gloglevel) give slog's shape, v3.0-v3.6 flags logrus's")
    func logShapes() throws {
        var pod = try Pod()
        defer { pod.cleanUp() }
        let v4 = try BinaryRunner.run(["emissary", "--loglevel", "info", "--log-format", "text", "--gloglevel", "0", "--", "true"], environment: pod.env)
        #expect(v4.stderr.contains(#/(?m)^time=\d{4}-\d\d-\d\dT[0-9:.]+Z level=INFO msg="sub-process exited/#), "\(v4.stderr)")
        let v3 = try BinaryRunner.run(["emissary", "--loglevel", "info", "--log-format", "text", "--", "true"], environment: pod.env)
        #expect(v3.stderr.contains(#/(?m)^time="[0-9T:.Z-]+" level=info msg="sub-process exited/#), "\(v3.stderr)")
        pod.env["ARGOEXEC_LOG_STYLE"] = "logrus"
        let forced = try BinaryRunner.run(["emissary", "--loglevel", "info", "--log-format", "json", "--gloglevel", "0", "--", "true"], environment: pod.env)
        #expect(forced.stderr.contains(#"{"argo":true,"level":"info","msg":"sub-process exited"#), "\(forced.stderr)")
    }

    @Test("issue 14: the emissary ignores malformed variables it does not use, and writes exitcode 64 on a configuration error")
    func configurationErrors() throws {
        var pod = try Pod()
        defer { pod.cleanUp() }
        // Wait's and the controller's settings, malformed: the emissary does not read them.
        for (name, value) in [("ARGO_DEADLINE", "tomorrow"), ("EXECUTOR_RETRY_BACKOFF_STEPS", "five"),
                              ("RESOURCE_STATE_CHECK_INTERVAL", "soon"), ("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", "0"),
                              ("ARGO_PROGRESS_PATCH_TICK_DURATION", "1 minute"), ("ARGOEXEC_REPORT_MODE", "loud")] {
            pod.env[name] = value
        }
        let r = try pod.emissary(["sh", "-c", "exit 5"])
        #expect(r.status == 5)
        #expect(pod.read("ctr/main/exitcode") == "5")
        // A flag error: no child, but wait still gets an exit code instead of waiting until the deadline.
        try? FileManager.default.removeItem(atPath: pod.run + "/ctr/main/exitcode")
        let bad = try BinaryRunner.run(["emissary", "--loglevel", "loud", "--", "true"], environment: pod.env)
        #expect(bad.status == 1)
        #expect(pod.read("ctr/main/exitcode") == "64")
    }

    @Test("D18: a containerSet member whose dependency failed never runs; exit 64, its exitcode file gets the code")
    func dependencies() throws {
        let template = #"{"containerSet":{"containers":[{"name":"a"},{"name":"b","dependencies":["a"]}]}}"#
        var pod = try Pod(template: template, container: "b")
        defer { pod.cleanUp() }
        pod.env["ARGO_CONTAINER_NAME"] = "b"
        try FileManager.default.createDirectory(atPath: pod.run + "/ctr/a", withIntermediateDirectories: true)
        try "3".write(toFile: pod.run + "/ctr/a/exitcode", atomically: true, encoding: .utf8)
        let marker = pod.root.path + "/ran"
        let r = try pod.emissary(["touch", marker])
        #expect(r.status == 64)
        #expect(r.stderr.contains(#"dependency "a" exited with non-zero code: 3"#))
        #expect(pod.read("ctr/b/exitcode") == "3")
        #expect(!FileManager.default.fileExists(atPath: marker))
        try "0".write(toFile: pod.run + "/ctr/a/exitcode", atomically: true, encoding: .utf8)
        #expect(try pod.emissary(["touch", marker]).status == 0)
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    /// ARGS = everything after CMD: ["-c", script, "sh", "small", big], so the big one is index 4.
    @Test("D19: ARGO_CONTAINER_ARGS_FILE is appended; an argument over 128 KiB arrives as @file")
    func argsFile() throws {
        var pod = try Pod()
        defer { pod.cleanUp() }
        let big = String(repeating: "x", count: 131_073)
        let file = pod.root.path + "/args.json"
        try JSONSerialization.data(withJSONObject: ["small", big]).write(to: URL(fileURLWithPath: file))
        pod.env["ARGO_CONTAINER_ARGS_FILE"] = file
        let r = try pod.emissary(["sh", "-c", #"echo "$1"; echo "$2"; wc -c < "${2#@}""#, "sh"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first == "small")
        #expect(lines.dropFirst().first?.hasPrefix("@") == true && lines.dropFirst().first?.hasSuffix("/tmp/argo_arg_4.txt") == true)
        #expect(lines.last == "131073")
    }

    @Test("T-R1..T-R4: the template file wins over ARGO_TEMPLATE; offloaded; neither is an error")
    func templateSources() throws {
        var pod = try Pod(template: #"{"name":"from-env"}"#)
        defer { pod.cleanUp() }
        #expect(try pod.emissary(["true"]).status == 0)  // T-R2
        try FileManager.default.createDirectory(atPath: pod.run, withIntermediateDirectories: true)
        try "{not json".write(toFile: pod.run + "/template", atomically: true, encoding: .utf8)
        let broken = try pod.emissary(["true"])
        #expect(broken.status == 64)  // T-R1: the (broken) file wins, and the message says where and why
        #expect(broken.stderr.contains("template from \(pod.run)/template is not a valid template: invalid JSON at offset 1: expected a string object key"))
        #expect(pod.read("ctr/main/exitcode") == "64")
        try #"{"outputs":{"parameters":[{"name":"p","valueFrom":{"path":7}}]}}"#.write(toFile: pod.run + "/template", atomically: true, encoding: .utf8)
        #expect(try pod.emissary(["true"]).stderr.contains("outputs.parameters[0].valueFrom.path: expected a string, got a number"))
        try FileManager.default.removeItem(atPath: pod.run + "/template")
        pod.env["ARGO_TEMPLATE"] = "offloaded"
        try FileManager.default.createDirectory(atPath: pod.root.path + "/argo/config", withIntermediateDirectories: true)
        try #"{"name":"offloaded"}"#.write(toFile: pod.root.path + "/argo/config/ARGO_TEMPLATE", atomically: true, encoding: .utf8)
        #expect(try pod.emissary(["true"]).status == 0)  // T-R3
        pod.env.removeValue(forKey: "ARGO_TEMPLATE")
        let neither = try pod.emissary(["true"])
        #expect(neither.status == 64)  // T-R4
        #expect(neither.stderr.contains("neither"))
    }
}
