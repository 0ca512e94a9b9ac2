import Foundation
import Testing
import TestSupport

@Suite("The argoexec binary: surface, exit codes, termination log")
struct CommandLineTests {
    static let subcommands = [
        "init", "wait", "supervisor", "emissary", "resource", "data", "kill", "agent", "artifact",
        "artifact-plugin-init", "artifact-plugin-sidecar", "version",
    ]

    @Test("--help and no arguments list every subcommand and exit 0", arguments: [["--help"], []])
    func help(arguments: [String]) throws {
        let r = try BinaryRunner.run(arguments)
        #expect(r.status == 0)
        for name in Self.subcommands { #expect(r.stdout.contains("\n  \(name) "), "help lacks \(name)") }
    }

    @Test("artifact and agent groups list their subcommands")
    func groups() throws {
        let artifact = try BinaryRunner.run(["artifact", "--help"])
        for name in ["delete", "get", "put", "ls", "rm", "pack", "unpack"] { #expect(artifact.stdout.contains("\n  \(name) ")) }
        let agent = try BinaryRunner.run(["agent", "--help"])
        for name in ["init", "main"] { #expect(agent.stdout.contains("\n  \(name) ")) }
    }

    @Test("version prints version, commit and build date")
    func version() throws {
        let r = try BinaryRunner.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("argoexec: v"))
        #expect(r.stdout.contains("  GitCommit: "))
        #expect(r.stdout.contains("  BuildDate: "))
        let short = try BinaryRunner.run(["version", "--short", "--loglevel", "debug"])
        #expect(short.stdout.split(separator: "\n").count == 1)
    }

    @Test("pod commands not built yet exit 64 and write the termination log under ARGOEXEC_ROOT", arguments: [
        ["artifact-plugin-init", "--plugin-name", "p", "--", "true"],
        ["artifact-plugin-sidecar", "--", "true"],
    ])
    func notImplemented(arguments: [String]) throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(arguments + ["--loglevel", "info", "--log-format", "text", "--gloglevel", "0"],
                                     environment: ["ARGOEXEC_ROOT": root.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("not implemented yet"))
        let message = try String(contentsOf: root.appendingPathComponent("dev/termination-log"), encoding: .utf8)
        #expect(message.contains("not implemented yet"))
    }

    @Test("init, wait and supervisor need ARGO_POD_NAME (fatal, exit 1, as Argo); with it, a bad template is exit 2 (Argo's CheckErr panics) with the message", arguments: [
        ["init"], ["wait"], ["supervisor"],
    ])
    func podName(arguments: [String]) throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fatal = try BinaryRunner.run(arguments, environment: ["ARGOEXEC_ROOT": root.path])
        #expect(fatal.status == 1)
        #expect(fatal.stderr.contains("ARGO_POD_NAME"))
        let bad = try BinaryRunner.run(arguments, environment: ["ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "p", "ARGO_TEMPLATE": "{oops"])
        #expect(bad.status == 2)
        let message = try String(contentsOf: root.appendingPathComponent("dev/termination-log"), encoding: .utf8)
        #expect(message.contains("template from ARGO_TEMPLATE is not a valid template"))
    }

    @Test("repository commands with a missing repository file fail clearly, without a termination log", arguments: [
        ["artifact", "get", "--repo", "r", "--key", "k", "d"],
        ["artifact", "put", "--repo", "r", "--key", "k", "s"], ["artifact", "ls", "--repo", "r"], ["artifact", "rm", "--repo", "r", "--key", "k"],
    ])
    func debuggingNotImplemented(arguments: [String]) throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(arguments, environment: ["ARGOEXEC_ROOT": root.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot read repository file r"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("dev/termination-log").path))
    }

    @Test("pack and unpack round-trip through the binary; a missing source is a clear error")
    func packUnpack() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let src = root.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: src.appendingPathComponent("d"), withIntermediateDirectories: true)
        try Data("payload\n".utf8).write(to: src.appendingPathComponent("d/f.txt"))
        let tgz = root.appendingPathComponent("out.tgz").path, dest = root.appendingPathComponent("dest").path
        #expect(try BinaryRunner.run(["artifact", "pack", src.path, tgz, "--level", "9"]).status == 0)
        #expect(try BinaryRunner.run(["artifact", "unpack", tgz, dest]).status == 0)
        #expect(try String(contentsOfFile: dest + "/d/f.txt", encoding: .utf8) == "payload\n")
        let missing = try BinaryRunner.run(["artifact", "pack", root.appendingPathComponent("nope").path, tgz + "2"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file or directory"))
        #expect(!FileManager.default.fileExists(atPath: tgz + "2"))
        #expect(try BinaryRunner.run(["artifact", "pack", src.path, tgz, "--level", "12"]).status == 64)
    }

    @Test("bad logging flags are fatal: exit 1")
    func badLogFlags() throws {
        #expect(try BinaryRunner.run(["kill", "0", "1", "--loglevel", "loud"]).status == 1)
        #expect(try BinaryRunner.run(["kill", "0", "1", "--log-format", "xml"]).status == 1)
    }

    @Test("a malformed variable Argo panics on fails init/wait with its name and exit 2; one Argo ignores is a warning")
    func badEnvironment() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(["wait"], environment: ["ARGOEXEC_ROOT": root.path, "ARGO_DEADLINE": "soon"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("ARGO_DEADLINE"))
        let termination = try String(contentsOf: root.appendingPathComponent("dev/termination-log"), encoding: .utf8)
        #expect(termination.contains(#"invalid value for environment variable ARGO_DEADLINE: "soon""#))
        // A v3.0-v3.2 controller configured for the docker executor: a clear error instead of waiting for nothing.
        let docker = try BinaryRunner.run(["wait"], environment: ["ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "p",
                                                                  "ARGO_CONTAINER_RUNTIME_EXECUTOR": "docker", "ARGO_TEMPLATE": "{}"])
        #expect(docker.status == 64)
        #expect(docker.stderr.contains(#"the controller asked for the "docker" container runtime executor"#))
        // The grace period a controller copies from the pod (0), a bad flag value: accepted, with a warning naming it.
        let lenient = try BinaryRunner.run(["kill", "0", "1", "--loglevel", "info", "--gloglevel", "0"], environment: [
            "ARGO_TERMINATION_GRACE_PERIOD_SECONDS": "0", "ARGO_INCLUDE_SCRIPT_OUTPUT": "yes", "ARGO_DEADLINE": "soon"])
        #expect(lenient.status == 0 || lenient.status == 64)  // pid 1 may not be ours to signal; no config error
        #expect(!lenient.stderr.contains("ARGO_DEADLINE"))
        #expect(lenient.stderr.contains(#"level=WARN msg="ignoring environment variable ARGO_INCLUDE_SCRIPT_OUTPUT=\"yes\""#), "\(lenient.stderr)")
        #expect(!lenient.stderr.contains("ARGO_TERMINATION_GRACE_PERIOD_SECONDS"))
    }

    @Test("exec failures read as Go's: LookPath and fork/exec texts, lower-case errno strings, no repeated causes")
    func execTexts() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let env = ["ARGOEXEC_ROOT": root.path, "ARGO_TEMPLATE": "{}", "ARGO_CONTAINER_NAME": "main"]
        let missing = try BinaryRunner.run(["emissary", "--", "no-such-command-xyz"], environment: env.merging(["PATH": "/usr/bin:/bin"]) { $1 })
        #expect(missing.status == 64)
        #expect(missing.stderr.contains(#"failed to find name in PATH: exec: "no-such-command-xyz": executable file not found in $PATH"#))
        let absent = try BinaryRunner.run(["emissary", "--", "/nope/cmd"], environment: env)
        #expect(absent.stderr.contains(#"exec: "/nope/cmd": stat /nope/cmd: no such file or directory"#), "\(absent.stderr)")
        let directory = try BinaryRunner.run(["emissary", "--", "/tmp"], environment: env)
        #expect(directory.stderr.contains(#"exec: "/tmp": is a directory"#), "\(directory.stderr)")
        let termination = try String(contentsOf: root.appendingPathComponent("dev/termination-log"), encoding: .utf8)
        #expect(termination == #"failed to find name in PATH: exec: "/tmp": is a directory"#)
    }

    @Test("kubectl-style flags are accepted")
    func kubectlFlags() throws {
        let r = try BinaryRunner.run(["version", "--kubeconfig", "/kube/config", "-n", "argo", "--server=https://k:6443",
                                      "--insecure-skip-tls-verify", "--request-timeout", "5s", "--as-group", "g"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// SIGKILL because the test runner may leave SIGTERM ignored in processes it spawns, and ignored
    /// dispositions survive exec; the SIGTERM name is covered by the signal-name table test.
    @Test("kill signals a real process and prints Go's signal name")
    func kill() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        let r = try BinaryRunner.run(["kill", "9", String(sleeper.processIdentifier)])
        sleeper.waitUntilExit()
        #expect(r.status == 0)
        #expect(r.stdout == "killing \(sleeper.processIdentifier) with killed\n")
        #expect(sleeper.terminationReason == .uncaughtSignal)
        #expect(sleeper.terminationStatus == 9)
    }

    @Test("kill with a non-numeric argument exits 64", arguments: [["kill", "TERM", "1"], ["kill", "15", "one"]])
    func killBadArguments(arguments: [String]) throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(arguments, environment: ["ARGOEXEC_ROOT": root.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("invalid syntax"))
    }

    @Test("missing arguments are usage errors")
    func usage() throws {
        let r = try BinaryRunner.run(["kill"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Usage") || r.stderr.contains("USAGE"))
    }
}

extension CommandLineTests {
    @Test("wait reads /var/run/argo/template without following a link (main can write that directory): exit 2 (Argo's CheckErr), no template read")
    func templateLinkRefused() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("var/run/argo"), withIntermediateDirectories: true)
        try #"{"container":{}}"#.write(to: root.appendingPathComponent("elsewhere.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("var/run/argo/template").path,
                                                   withDestinationPath: root.appendingPathComponent("elsewhere.json").path)
        let r = try BinaryRunner.run(["wait"], environment: ["ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "p"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("template: a symlink, not followed"), "\(r.stderr)")
    }
}

@Suite("artifact put/get/ls/rm on a volume repository")
struct ArtifactVolumeCommandTests {
    @Test("YAML volume repository: tgz, none tree, get --unpack, ls, rm; a hostile key is refused")
    func volume() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let repoDir = root.appendingPathComponent("store").path
        try FileManager.default.createDirectory(atPath: repoDir, withIntermediateDirectories: true)
        let repo = root.appendingPathComponent("repo.yaml").path
        try "volume:\n  path: \(repoDir)\n  keyFormat: \"{{workflow.name}}\"\n".write(toFile: repo, atomically: true, encoding: .utf8)
        let src = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: src.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "b\n".write(to: src.appendingPathComponent("sub/b.txt"), atomically: true, encoding: .utf8)
        func run(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["artifact"] + args + ["--repo", repo]) }
        #expect(try run(["put", src.path, "--key", "wf/out.tgz"]).status == 0)
        #expect(try run(["put", src.path, "--key", "wf/tree", "--archive", "none"]).status == 0)
        #expect(try run(["ls", "wf/"]).stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) } == ["wf/out.tgz", "wf/tree/sub/b.txt"])
        let back = root.appendingPathComponent("back").path
        #expect(try run(["get", "--key", "wf/out.tgz", back, "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: back + "/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["get", "--key", "wf/tree", back + "-tree"]).status == 0)
        #expect(try String(contentsOfFile: back + "-tree/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["rm", "--key", "wf/tree"]).status == 0)
        #expect(try run(["ls", "wf/"]).stdout.split(separator: "\n").count == 1)
        let hostile = try run(["get", "--key", "../../etc/passwd", back + "-x"])
        #expect(hostile.status == 1 && hostile.stderr.contains("may not contain"))
    }
}

@Suite("artifact put/get on an Artifactory repository (nginx with Basic auth)")
struct ArtifactArtifactoryCommandTests {
    @Test("put a tgz, get it back unpacked; ls and rm refuse clearly")
    func artifactory() throws {
        let nginx = try NginxServer()
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let secrets = root.appendingPathComponent("secrets/af")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        try "argo".write(to: secrets.appendingPathComponent("user"), atomically: true, encoding: .utf8)
        try "s3cret".write(to: secrets.appendingPathComponent("pass"), atomically: true, encoding: .utf8)
        let repo = root.appendingPathComponent("repo.json").path
        try #"{"artifactory":{"repoURL":"\#(nginx.base)/private/repo/","usernameSecret":{"name":"af","key":"user"},"passwordSecret":{"name":"af","key":"pass"}}}"#
            .write(toFile: repo, atomically: true, encoding: .utf8)
        let src = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        try "a\n".write(to: src.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        func run(_ args: [String]) throws -> BinaryRunner.Result {
            try BinaryRunner.run(["artifact"] + args + ["--repo", repo, "--secrets-dir", root.appendingPathComponent("secrets").path])
        }
        #expect(try run(["put", src.path, "--key", "wf/out.tgz"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: nginx.dir + "/root/private/repo/wf/out.tgz"))
        let back = root.appendingPathComponent("back").path
        #expect(try run(["get", "--key", "wf/out.tgz", back, "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: back + "/a.txt", encoding: .utf8) == "a\n")
        let ls = try run(["ls"])
        #expect(ls.status == 1 && ls.stderr.contains("cannot be listed"))
        let missing = try run(["get", "--key", "wf/nope.tgz", back + "-nope"])
        #expect(missing.status == 1 && missing.stderr.contains("404"))
    }
}
