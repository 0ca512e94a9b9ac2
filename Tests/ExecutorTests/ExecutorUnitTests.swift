import Core
import Drivers
@testable import Executor
@testable import Emissary
import Foundation
import Model
import Testing

@Suite("executor pieces without peers (Argo's workflow/executor/executor_test.go; docs/pod-contract.md)")
struct ExecutorUnitTests {
    static func root() throws -> String {
        let dir = NSTemporaryDirectory() + "argoexec-unit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func decode(_ json: String) throws -> Template { try JSONDecoder().decode(Template.self, from: Data(json.utf8)) }

    static var context: StoreContext { StoreContext(secrets: SecretFiles(directory: "/nonexistent")) }

    @Test("T-X1..T-X4: input errors name the artifact", arguments: [
        (#"{"inputs":{"artifacts":[{"name":"foo"}]}}"#, "required artifact 'foo' not supplied"),
        (#"{"inputs":{"artifacts":[{"name":"foo","path":"/tmp/foo.txt","s3":{"key":"my-key"}}]}}"#,
         "failed to load artifact 'foo': template artifact location not set"),
        (#"{"inputs":{"artifacts":[{"name":"foo","s3":{"endpoint":"e","bucket":"b","key":"k"}}]}}"#, "Artifact 'foo' did not specify a path"),
        (#"{"inputs":{"artifacts":[{"name":"foo","path":"/tmp/../etc/passwd","s3":{"endpoint":"e","bucket":"b","key":"k"}}]}}"#,
         "Artifact 'foo' attempted to use a path containing '..'. Directory traversal is not permitted"),
    ])
    func inputErrors(_ template: String, _ message: String) throws {
        let loader = InputLoader(template: try Self.decode(template), paths: PodPaths(root: try Self.root()), context: Self.context)
        let error = #expect(throws: ExecError.self) { try loader.loadAll() }
        #expect(error?.message == message)
    }

    @Test("T-X17: archived logs without a repository give Argo's message; T-X18: a missing combined log is no error")
    func logsWithoutRepository() throws {
        let root = try Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = ExecutorConfig()
        config.paths = PodPaths(root: root)
        let template = try Self.decode(#"{"container":{},"archiveLocation":{"archiveLogs":true}}"#)
        try FileManager.default.createDirectory(atPath: root + "/var/run/argo/ctr/main", withIntermediateDirectories: true)
        try "0".write(toFile: root + "/var/run/argo/ctr/main/exitcode", atomically: true, encoding: .utf8)
        #expect(WaitPhase(config: config, template: template, reporter: nil, context: Self.context).run() == nil)  // T-X18
        try "log\n".write(toFile: root + "/var/run/argo/ctr/main/combined", atomically: true, encoding: .utf8)
        let error = WaitPhase(config: config, template: template, reporter: nil, context: Self.context).run()
        #expect(error?.message == ArtifactSaver.noRepository)
        #expect(ArtifactSaver.noRepository == "artifact storage is not configured; see the docs for setup instructions: https://argo-workflows.readthedocs.io/en/latest/configure-artifact-repository/")
    }

    @Test("T-X5, T-X9, T-X10, D7: parameter values lose one newline; defaults (even empty) replace unreadable files; result keeps the last 256 KiB")
    func values() throws {
        let root = try Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = PodPaths(root: root)
        let template = try Self.decode(#"""
        {"outputs":{"parameters":[{"name":"a","valueFrom":{"path":"/p/a"}},{"name":"b","valueFrom":{"path":"/p/b","default":"Default Value"}},
                                  {"name":"c","valueFrom":{"path":"/p/c","default":""}},{"name":"d","value":"kept"}]}}
        """#)
        try FileManager.default.createDirectory(atPath: paths.outputParameters + "/p", withIntermediateDirectories: true)
        try "has a newline\n\n".write(toFile: paths.outputParameters + "/p/a", atomically: true, encoding: .utf8)
        let values = OutputValues(template: template, paths: paths)
        #expect(try values.parameters().map { $0.value?.value } == ["has a newline\n", "Default Value", "", "kept"])
        try FileManager.default.createDirectory(atPath: paths.containerDir("main"), withIntermediateDirectories: true)
        try "x\n\n".write(toFile: paths.stdout("main"), atomically: true, encoding: .utf8)
        #expect(try values.scriptResult() == "x\n")
        try (String(repeating: "a", count: 100_000) + String(repeating: "b", count: 262_144) + "\n").write(toFile: paths.stdout("main"), atomically: true, encoding: .utf8)
        #expect(try values.scriptResult() == String(repeating: "b", count: 262_144))
        // CRLF: one "\n" byte goes, the "\r" stays (Go's strings.TrimSuffix).
        try "crlf\r\n".write(toFile: paths.outputParameters + "/p/a", atomically: true, encoding: .utf8)
        #expect(try values.parameters().first?.value?.value == "crlf\r")
        let missing = try Self.decode(#"{"outputs":{"parameters":[{"name":"z","valueFrom":{"path":"/p/zz"}}]}}"#)
        #expect(throws: ExecError.self) { try OutputValues(template: missing, paths: paths).parameters() }
    }

    @Test("a saved artifact is reported with its cleaned path: `/data/out/` as `/data/out` (Argo's CleanPath)")
    func reportedPathIsClean() throws {
        let pod = try MainBoundaryTests.Pod()
        try pod.write("/mainctrfs/data/out/f.txt", "x")
        let template = try pod.template(#"""
        {"container":{\#(MainBoundaryTests.volume)},"archiveLocation":{"volume":{"path":"$REPO","key":"wf/pod"}},
         "outputs":{"artifacts":[{"name":"out","path":"/data/out/"}]}}
        """#)
        let (saved, error) = ArtifactSaver(template: template, paths: pod.paths, context: pod.context).saveAll()
        #expect(error == nil)
        #expect(saved.map(\.path) == ["/data/out"])
    }

    @Test("progress values: N/M with 0 <= N <= M and M > 0")
    func progress() {
        #expect(ProgressMonitor.isValid("0/1") && ProgressMonitor.isValid("100/100"))
        #expect(!ProgressMonitor.isValid("2/1") && !ProgressMonitor.isValid("1/0") && !ProgressMonitor.isValid("-1/5") && !ProgressMonitor.isValid("a/b") && !ProgressMonitor.isValid("1/2/3"))
    }

    @Test("exec.LookPath: PATH search, names with a slash as is, clear errors")
    func lookPath() throws {
        #expect(try EmissaryArguments.lookPath("sh", searchPath: "/nonexistent:/bin:/usr/bin") == "/bin/sh")
        #expect(try EmissaryArguments.lookPath("/bin/sh", searchPath: "") == "/bin/sh")
        let error = #expect(throws: ExecError.self) { try EmissaryArguments.lookPath("no-such-tool", searchPath: "/bin") }
        #expect(error?.message == #"failed to find name in PATH: exec: "no-such-tool": executable file not found in $PATH"#)
    }

    @Test("inotify notices a new exit code file within milliseconds")
    func directoryWatch() throws {
        let root = try Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = ContainerFiles(paths: PodPaths(root: root))
        try files.prepare("main")
        let watch = DirectoryWatch(PodPaths(root: root).containerDir("main"))
        #expect(watch.usesInotify)
        #expect(!watch.wait(timeoutMs: 10))
        try files.writeExitCode("main", 0)
        #expect(watch.wait(timeoutMs: 1000))
        #expect(files.exitCode("main") == 0)
        #expect(files.waitForExit(["main"], timeout: .seconds(1)))
        #expect(!files.waitForExit(["other"], timeout: .milliseconds(100)))
    }
}
