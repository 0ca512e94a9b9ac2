import Foundation
import Testing
import TestSupport

/// Init-less pods through the binaries (docs/supervisor.md): `argoexec supervisor` and main's `argoexec-lean
/// emissary` started together as separate processes, as Kubernetes starts them, with `ARGO_WAIT_FOR_READY` on
/// main and the task result read back from the Kubernetes API fake.
@Suite("argoexec supervisor and the init-less emissary", .serialized)
struct SupervisorCommandTests {
    static let namespace = "argo"
    static let node = "wf-il-1234"

    final class Pod {
        let fake: KubeFake
        let root: URL
        let work: String

        init() throws {
            fake = try KubeFake(users: ["admin": ("admin", ["*"]), "executor": ("executor", ["*"])])
            root = try BinaryRunner.makeRoot()
            work = root.path + "/work"
            try BinaryRunner.mountServiceAccount(in: root, token: "executor", namespace: SupervisorCommandTests.namespace, caFile: fake.caFile)
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root.path + "/repo", withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func environment(_ template: String, container: String) -> [String: String] {
            let port = URL(string: fake.server)?.port ?? 0
            return ["ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "wf-il-pod", "ARGO_NODE_ID": SupervisorCommandTests.node,
                    "ARGO_WORKFLOW_NAME": "wf-il", "ARGO_CONTAINER_NAME": container, "ARGO_INCLUDE_SCRIPT_OUTPUT": "true",
                    "KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(port)",
                    "ARGO_TEMPLATE": template.replacingOccurrences(of: "$WORK", with: work).replacingOccurrences(of: "$REPO", with: root.path + "/repo")]
        }

        /// The supervisor in the background and main's emissary in the foreground, as one pod.
        func run(_ template: String, main command: [String], supervisor: [String: String] = [:], startSupervisor: Bool = true) throws
            -> (supervisor: BinaryRunner.Result?, main: BinaryRunner.Result) {
            var background: (Process, Pipe)?
            if startSupervisor {
                let process = Process()
                process.executableURL = BinaryRunner.binary
                process.arguments = ["supervisor", "--loglevel", "info"]
                process.environment = environment(template, container: "supervisor").merging(["ARGO_INITLESS_POD": "true", "PATH": "/usr/bin:/bin"]) { _, new in new }
                    .merging(supervisor) { _, new in new }
                let err = Pipe()
                process.standardError = err
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                background = (process, err)
            }
            var mainEnv = environment(template, container: "main")
            mainEnv["ARGO_WAIT_FOR_READY"] = "true"
            mainEnv.removeValue(forKey: "ARGO_TEMPLATE")  // main reads the supervisor's copy
            let main = try BinaryRunner.run(["emissary", "--loglevel", "info", "--log-format", "text", "--gloglevel", "0", "--"] + command,
                                            environment: mainEnv, executable: BinaryRunner.leanBinary)
            guard let (process, err) = background else { return (nil, main) }
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (BinaryRunner.Result(status: process.terminationStatus, stdout: "", stderr: stderr), main)
        }

        func file(_ path: String) -> String? { try? String(contentsOfFile: root.path + path, encoding: .utf8) }

        var terminationMessage: String { (file("/dev/termination-log") ?? "").replacingOccurrences(of: root.path, with: "") }

        func taskResult() throws -> [String: Any] {
            try fake.object("/apis/argoproj.io/v1alpha1/namespaces/\(SupervisorCommandTests.namespace)/workflowtaskresults/\(SupervisorCommandTests.node)", adminToken: "admin")
        }
    }

    static let passThrough = #"""
    {"name":"il","inputs":{"artifacts":[{"name":"msg","path":"$WORK/in/msg.txt","raw":{"data":"hello init-less\n"}}]},
     "container":{"image":"alpine","command":["sh"]},
     "outputs":{"parameters":[{"name":"p","valueFrom":{"path":"$WORK/out.txt"}}],
                "artifacts":[{"name":"same","path":"$WORK/in/msg.txt","archive":{"none":{}}},{"name":"tree","path":"$WORK/tree"}]},
     "archiveLocation":{"archiveLogs":true,"volume":{"path":"$REPO","key":"wf-il/wf-il-pod"}}}
    """#

    @Test("a whole init-less pod: main waits for READY, reads its input through the link, and the supervisor reports outputs and logs")
    func wholePod() throws {
        let pod = try Pod()
        // Something from the image sits where the input goes: the link shadows it, as the legacy mount did.
        try FileManager.default.createDirectory(atPath: pod.work + "/in", withIntermediateDirectories: true)
        try "from the image".write(toFile: pod.work + "/in/msg.txt", atomically: true, encoding: .utf8)
        let (supervisor, main) = try pod.run(Self.passThrough, main: ["sh", "-c", "cat \(pod.work)/in/msg.txt; mkdir -p \(pod.work)/tree; echo leaf > \(pod.work)/tree/leaf; echo value > \(pod.work)/out.txt"])
        #expect(main.status == 0, "\(main.stderr)")
        #expect(main.stdout == "hello init-less\n")
        #expect(main.stderr.contains("supervisor is ready"))
        #expect(supervisor?.status == 0, "\(supervisor?.stderr ?? "")")
        #expect(pod.file("/var/run/argo/status") == "READY\n")
        #expect(!FileManager.default.fileExists(atPath: pod.root.path + "/var/run/argo/argoexec"))  // no copy: main runs the image's binary
        let result = try pod.taskResult()
        let outputs = result["outputs"] as? [String: Any]
        #expect((outputs?["parameters"] as? [[String: Any]])?.first?["value"] as? String == "value")
        let names = (outputs?["artifacts"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["same", "tree", "main-logs"])
        // The output at the input's path is what main saw there (the input), uploaded as is.
        #expect(pod.file("/repo/wf-il/wf-il-pod/msg.txt") == "hello init-less\n")
        #expect(pod.file("/repo/wf-il/wf-il-pod/main.log") == "hello init-less\n")
        let labels = (result["metadata"] as? [String: Any])?["labels"] as? [String: String]
        #expect(labels?["workflows.argoproj.io/report-outputs-completed"] == "true")
    }

    @Test("pre-main fails: FAILED and the cause, main exits 65 without running the command, only logs are reported")
    func preMainFailure() throws {
        let pod = try Pod()
        let template = #"""
        {"name":"il","inputs":{"artifacts":[{"name":"req","path":"$WORK/req"}]},"container":{"image":"alpine"},
         "outputs":{"parameters":[{"name":"p","valueFrom":{"path":"$WORK/p"}}],"artifacts":[{"name":"out","path":"$WORK/out"}]},
         "archiveLocation":{"archiveLogs":true,"volume":{"path":"$REPO","key":"wf-il/wf-il-pod"}}}
        """#
        let (supervisor, main) = try pod.run(template, main: ["sh", "-c", "touch \(pod.work)/ran"])
        #expect(main.status == 65)
        #expect(main.stderr.contains("supervisor reported pre-main failure: failed to load non-plugin input artifacts: required artifact 'req' not supplied"))
        #expect(!FileManager.default.fileExists(atPath: pod.work + "/ran"))
        #expect(pod.file("/var/run/argo/ctr/main/exitcode") == "65")
        #expect(supervisor?.status == 64)
        // The supervisor writes the shared termination log last (it waits for main): its first error, pre-main's.
        #expect(pod.terminationMessage == "failed to load non-plugin input artifacts: required artifact 'req' not supplied")
        // Post-main after a pre-main failure saves no outputs: no attempt at the missing output artifact.
        let log = supervisor?.stderr ?? ""
        #expect(log.contains("main containers exited") && !log.contains("saving output artifact"), "\(log)")
        // As Argo's ReportOutputs: the template's outputs, no value collected (main never ran).
        let outputs = try pod.taskResult()["outputs"] as? [String: Any]
        #expect((outputs?["parameters"] as? [[String: Any]])?.first?["value"] == nil)
        #expect(outputs?["artifacts"] == nil)
    }

    @Test("a supervisor that died: a marker never rewritten fails main with 65 at once")
    func deadSupervisor() throws {
        let pod = try Pod()
        let run = pod.root.path + "/var/run/argo"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try "{\"name\":\"il\",\"container\":{}}".write(toFile: run + "/template", atomically: true, encoding: .utf8)
        try "RUNNING\n".write(toFile: run + "/status", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: run + "/status")
        let started = Date()
        let (_, main) = try pod.run("{}", main: ["sh", "-c", "touch \(pod.work)/ran"], startSupervisor: false)
        #expect(main.status == 65)
        #expect(main.stderr.contains("supervisor presumed dead: no status update within 30s"))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(pod.file("/var/run/argo/ctr/main/exitcode") == "65")
        #expect(pod.file("/dev/termination-log")?.contains("presumed dead") == true)
        #expect(!FileManager.default.fileExists(atPath: pod.work + "/ran"))
    }

    @Test("the working directory: a directory input staged there is entered again; a file there fails with 65")
    func workingDirectory() throws {
        for (data, expected) in [(true, 0), (false, 65)] {
            let pod = try Pod()
            let workdir = pod.work + "/wd"
            try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
            let inputs = pod.root.path + "/argo/inputs/artifacts"
            if data {
                try FileManager.default.createDirectory(atPath: inputs + "/repo", withIntermediateDirectories: true)
                try "hello".write(toFile: inputs + "/repo/README", atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
                try "plain".write(toFile: inputs + "/repo", atomically: true, encoding: .utf8)
            }
            let run = pod.root.path + "/var/run/argo"
            try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
            try #"{"name":"il","inputs":{"artifacts":[{"name":"repo","path":"\#(workdir)"}]},"container":{}}"#.write(toFile: run + "/template", atomically: true, encoding: .utf8)
            try "READY\n".write(toFile: run + "/status", atomically: true, encoding: .utf8)
            var env = pod.environment("{}", container: "main")
            env["ARGO_WAIT_FOR_READY"] = "true"
            env.removeValue(forKey: "ARGO_TEMPLATE")
            let process = Process()
            process.executableURL = BinaryRunner.leanBinary
            process.arguments = ["emissary", "--loglevel", "info", "--log-format", "text", "--gloglevel", "0", "--", "cat", "README"]
            process.environment = env.merging(["PATH": "/usr/bin:/bin"]) { _, new in new }
            process.currentDirectoryURL = URL(fileURLWithPath: workdir)
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == Int32(expected), "\(stderr)")
            if data { #expect(stdout == "hello") } else { #expect(stderr.contains("must be a directory")) }
        }
    }
}
