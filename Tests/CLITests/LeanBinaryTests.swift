import Foundation
import Testing

/// The lean binary (docs/build.md, "Two binaries"): what init copies to `/var/run/argo/argoexec` for main
/// containers, holding emissary, kill and version only. `EmissaryTests` run their scenarios through it; these
/// check its own surface, that init copies it, and that the full binary's emissary does the same work.
@Suite("the lean binary: emissary, kill and version only; copied by init", .serialized)
struct LeanBinaryTests {
    static func lean(_ arguments: [String], environment: [String: String] = [:]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(arguments, environment: environment, executable: BinaryRunner.leanBinary)
    }

    @Test("version names the variant; help; any other command is a usage error (64) pointing at the full binary")
    func surface() throws {
        let version = try Self.lean(["version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("argoexec: v"))
        #expect(version.stdout.contains("Variant: lean (emissary, kill, version)"))
        #expect(!version.stdout.contains("libcurl"))
        #expect(try Self.lean(["version", "--short"]).stdout.split(separator: "\n").count == 1)
        #expect(try Self.lean([]).status == 0)
        for command in [["wait"], ["init"], ["artifact", "get"], ["resource", "get"], ["version", "extra"]] {
            let r = try Self.lean(command)
            #expect(r.status == 64, "\(command)")
            #expect(r.stderr.contains("Error: "), "\(command)")
        }
        #expect(try Self.lean(["wait"]).stderr.contains("/bin/argoexec holds every command"))
    }

    @Test("a malformed emissary command line is a usage error that still leaves exit code 64 for wait")
    func badEmissary() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let env = ["ARGOEXEC_ROOT": root.path, "ARGO_CONTAINER_NAME": "main", "ARGO_TEMPLATE": "{}"]
        for arguments in [["emissary"], ["emissary", "--"], ["emissary", "--verbose", "--", "true"], ["emissary", "--loglevel"]] {
            let r = try Self.lean(arguments, environment: env)
            #expect(r.status == 64, "\(arguments)")
            #expect((try? String(contentsOfFile: root.path + "/var/run/argo/ctr/main/exitcode", encoding: .utf8)) == "64")
            try? FileManager.default.removeItem(atPath: root.path + "/var/run/argo/ctr/main/exitcode")
        }
        let badLevel = try Self.lean(["emissary", "--loglevel", "loud", "--", "true"], environment: env)
        #expect(badLevel.status == 1)
        #expect(badLevel.stderr.contains("invalid --loglevel"))
    }

    @Test("kill: Go's signal names, flags before or after, bad numbers refused")
    func kill() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        // SIGKILL: the test runner's threads may block or ignore catchable signals, which its children inherit.
        let r = try Self.lean(["kill", "--loglevel", "debug", "9", "\(sleeper.processIdentifier)"])
        sleeper.waitUntilExit()
        #expect(r.status == 0)
        #expect(r.stdout == "killing \(sleeper.processIdentifier) with killed\n")
        #expect(sleeper.terminationReason == .uncaughtSignal && sleeper.terminationStatus == 9)
        #expect(try Self.lean(["kill", "15", "\(sleeper.processIdentifier)", "--log-format=json"]).status == 64, "no such process")
        let bad = try Self.lean(["kill", "TERM", "1"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("strconv.Atoi: parsing \"TERM\": invalid syntax"))
        #expect(try Self.lean(["kill", "15"]).status == 64)
    }

    @Test("init copies the lean binary to /var/run/argo/argoexec, and main's emissary there stages outputs")
    func initCopies() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = NSTemporaryDirectory() + "argoexec-lean-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let template = #"{"name":"lean","container":{"command":["true"]},"outputs":{"artifacts":[{"name":"a","path":"\#(dir)/tree"}],"parameters":[{"name":"p","valueFrom":{"path":"\#(dir)/p"}}]}}"#
        let env = ["ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "lean-pod", "ARGO_TEMPLATE": template, "ARGO_CONTAINER_NAME": "init"]
        let initRun = try BinaryRunner.run(["init"], environment: env)
        #expect(initRun.status == 0, "\(initRun.stderr)")
        let copy = URL(fileURLWithPath: root.path + "/var/run/argo/argoexec")
        #expect(try Data(contentsOf: copy) == Data(contentsOf: BinaryRunner.leanBinary))
        var mainEnv = env
        mainEnv["ARGO_CONTAINER_NAME"] = "main"
        mainEnv["ARGO_INCLUDE_SCRIPT_OUTPUT"] = "true"
        let main = try BinaryRunner.run(["emissary", "--loglevel", "info", "--log-format", "text", "--gloglevel", "0", "--",
                                         "sh", "-c", "mkdir -p \(dir)/tree && echo x > \(dir)/tree/f && echo v > \(dir)/p && echo out"],
                                        environment: mainEnv, executable: copy)
        #expect(main.status == 0, "\(main.stderr)")
        #expect(main.stdout == "out\n")
        let run = root.path + "/var/run/argo"
        #expect(FileManager.default.fileExists(atPath: run + "/outputs/artifacts" + dir + "/tree.tgz"))
        #expect((try? String(contentsOfFile: run + "/outputs/parameters" + dir + "/p", encoding: .utf8)) == "v\n")
        #expect((try? String(contentsOfFile: run + "/ctr/main/exitcode", encoding: .utf8)) == "0")
        #expect((try? String(contentsOfFile: run + "/ctr/main/stdout", encoding: .utf8)) == "out\n")
    }

    @Test("the full binary's emissary does the same work: exit code, capture, the failed-start code")
    func fullBinaryEmissary() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let env = ["ARGOEXEC_ROOT": root.path, "ARGO_CONTAINER_NAME": "main", "ARGO_TEMPLATE": "{}", "ARGO_INCLUDE_SCRIPT_OUTPUT": "true"]
        let r = try BinaryRunner.run(["emissary", "--", "sh", "-c", "echo hi; exit 3"], environment: env)
        #expect(r.status == 3)
        #expect(r.stdout == "hi\n")
        #expect((try? String(contentsOfFile: root.path + "/var/run/argo/ctr/main/exitcode", encoding: .utf8)) == "3")
        // A form only the argument parser accepts (the flag after the subcommand's own position).
        let parsed = try BinaryRunner.run(["emissary", "--log-format=json", "--", "true"], environment: env)
        #expect(parsed.status == 0)
        let usage = try BinaryRunner.run(["emissary", "--bogus", "--", "true"], environment: env)
        #expect(usage.status == 64)
        #expect((try? String(contentsOfFile: root.path + "/var/run/argo/ctr/main/exitcode", encoding: .utf8)) == "64")
    }

    /// Runs `shell` under `script` (a real terminal on stdin/stdout), input from `input`; stdout and the exit code.
    static func underTerminal(_ shell: String, input: String, root: URL) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", shell, "/dev/null"]
        p.environment = ["PATH": "/usr/bin:/bin", "ARGOEXEC_ROOT": root.path, "ARGO_CONTAINER_NAME": "main", "ARGO_TEMPLATE": "{}",
                         "ARGO_INCLUDE_SCRIPT_OUTPUT": "true", "LEAN": BinaryRunner.leanBinary.path]
        let stdin = Pipe(), stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = FileHandle.nullDevice
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        try? stdin.fileHandleForWriting.close()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    @Test("tty: true: the child runs on a pty in its own session (reads stdin instead of stopping on SIGTTIN), gets the window size, exit code and capture kept")
    func terminal() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let child = "test -t 0 && test -t 1 && echo on-a-tty; [ $(ps -o sid= -p $$) = $$ ] && echo own-session; stty size; read x; echo got:$x; exit 7"
        let r = try Self.underTerminal("stty rows 33 cols 101; \"$LEAN\" emissary -- sh -c '\(child)'", input: "hello\n", root: root)
        #expect(r.status == 7, "\(r.output)")
        for line in ["on-a-tty", "own-session", "33 101", "got:hello"] { #expect(r.output.contains(line), "\(line): \(r.output)") }
        let captured = (try? String(contentsOfFile: root.path + "/var/run/argo/ctr/main/stdout", encoding: .utf8)) ?? ""
        #expect(captured.contains("got:hello"))
        #expect((try? String(contentsOfFile: root.path + "/var/run/argo/ctr/main/exitcode", encoding: .utf8)) == "7")
    }

    @Test("tty: true: a window-size change (SIGWINCH) reaches the pty")
    func windowChange() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let shell = "stty rows 33 cols 101; \"$LEAN\" emissary -- sh -c 'stty size; sleep 1; stty size' </dev/tty & sleep 0.4; stty rows 50 cols 120; kill -WINCH $!; wait $!"
        let r = try Self.underTerminal(shell, input: "", root: root)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("33 101") && r.output.contains("50 120"), "\(r.output)")
    }
}
