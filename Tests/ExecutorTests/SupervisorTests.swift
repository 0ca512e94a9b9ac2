import Core
import Drivers
@testable import Emissary
@testable import Executor
import Foundation
import Model
import ModelBase
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The init-less layout (docs/supervisor.md): the status marker, main's wait for it (Argo's
/// `emissary_ready_test.go`), the input links (`emissary_link_artifacts_test.go`) and the supervisor's
/// pre-main (`supervisor_test.go`).
@Suite("init-less pods: status marker, readiness, input links, pre-main")
struct SupervisorTests {
    final class Dir: Sendable {
        let root = NSTemporaryDirectory() + "argoexec-initless-\(UUID().uuidString)"
        var paths: PodPaths { PodPaths(root: root) }
        init() throws { try FileManager.default.createDirectory(atPath: root + "/var/run/argo", withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: PathRules.dir(path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        func marker(_ text: String, age: TimeInterval = 0) throws {
            try write(paths.status, text)
            if age > 0 { try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: paths.status) }
        }
        func readiness(_ deadAfter: Duration = .seconds(30)) -> SupervisorReadiness { SupervisorReadiness(paths: paths, presumedDeadAfter: deadAfter) }
    }

    static func failure(_ body: () throws(ExecError) -> Void) -> String? {
        do { try body() } catch { return error.message }
        return nil
    }

    // MARK: the marker

    @Test("the marker: RUNNING, READY, FAILED with and without a message, written by rename, nothing left behind")
    func marker() throws {
        let dir = try Dir()
        for (status, text) in [(SupervisorStatus.running, "RUNNING\n"), (.ready, "READY\n"), (.failed(message: "boom"), "FAILED\nboom"), (.failed(message: ""), "FAILED")] {
            try status.write(paths: dir.paths)
            #expect(dir.read(dir.paths.status) == text)
            #expect(try SupervisorStatus.read(paths: dir.paths)?.status == status)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.paths.varRunArgo) == ["status"])
        #expect(SupervisorStatus(text: Array("  READY \r\n".utf8)) == .ready)
        #expect(SupervisorStatus(text: Array("FAILED\n  line one\nline two \n".utf8)) == .failed(message: "line one\nline two"))
        #expect(SupervisorStatus(text: Array("REA".utf8)) == .unknown)
        // A link planted at the marker is replaced, never followed.
        try dir.write(dir.root + "/elsewhere", "keep")
        try FileManager.default.removeItem(atPath: dir.paths.status)
        try FileManager.default.createSymbolicLink(atPath: dir.paths.status, withDestinationPath: dir.root + "/elsewhere")
        try SupervisorStatus.ready.write(paths: dir.paths)
        #expect(dir.read(dir.root + "/elsewhere") == "keep")
        #expect(dir.read(dir.paths.status) == "READY\n")
        // No directory to write in: an error, not a crash.
        let gone = PodPaths(root: dir.root + "/missing")
        #expect(Self.failure { () throws(ExecError) in try SupervisorStatus.ready.write(paths: gone) } != nil)
    }

    // MARK: main's wait (emissary_ready_test.go)

    /// Writes the marker from another thread after `delay` (not a Task: the waits block their thread, and the
    /// cooperative pool has as few threads as cores).
    static func later(_ delay: TimeInterval, _ dir: Dir, _ text: String) {
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: delay)
            try? dir.marker(text)
        }
    }

    @Test("READY or FAILED written while main waits, or already there; RUNNING then READY")
    func readiness() throws {
        for (text, expected) in [("READY\n", nil), ("FAILED\nartifact download timeout", "supervisor reported pre-main failure: artifact download timeout")] {
            let dir = try Dir()
            Self.later(0.05, dir, text)
            #expect(Self.failure { () throws(ExecError) in try dir.readiness().wait { nil } } == expected)
            let again = try Dir()
            try again.marker(text)
            #expect(Self.failure { () throws(ExecError) in try again.readiness().wait { nil } } == expected)
        }
        let dir = try Dir()
        try dir.marker("RUNNING\n")
        Self.later(0.3, dir, "READY\n")
        #expect(Self.failure { () throws(ExecError) in try dir.readiness().wait { nil } } == nil)
    }

    @Test("presumed dead: a RUNNING marker an hour old, a marker that never appears; a termination is never ready")
    func presumedDead() throws {
        let dir = try Dir()
        try dir.marker("RUNNING\n", age: 3600)
        #expect(Self.failure { () throws(ExecError) in try dir.readiness(.milliseconds(50)).wait { nil } } == "supervisor presumed dead: no status update within 50ms")
        #expect(Self.failure { () throws(ExecError) in try dir.readiness().wait { nil } } == "supervisor presumed dead: no status update within 30s")
        let empty = try Dir()
        let start = ContinuousClock.now
        #expect(Self.failure { () throws(ExecError) in try empty.readiness(.milliseconds(200)).wait { nil } } == "supervisor presumed dead: status marker never appeared within 200ms")
        #expect(start.duration(to: .now) < .seconds(5))
        #expect(Self.failure { () throws(ExecError) in try empty.readiness().wait { 15 } }?.contains("terminated (signal 15)") == true)
        // A fresh marker with an unknown token keeps main waiting until the termination.
        try empty.marker("REA")
        #expect(Self.failure { () throws(ExecError) in try empty.readiness().wait { 15 } }?.contains("terminated") == true)
    }

    @Test("a FIFO or directory at the marker never blocks main: judged by its age; a long cause is cut, not lost")
    func hostileMarker() throws {
        let squatted = try Dir()
        try FileManager.default.createDirectory(atPath: squatted.paths.status, withIntermediateDirectories: true)
        #expect(Self.failure { () throws(ExecError) in try squatted.readiness().wait { 15 } }?.contains("terminated") == true)
        let long = try Dir()
        try long.marker("FAILED\n" + String(repeating: "x", count: 200_000))
        #expect(Self.failure { () throws(ExecError) in try long.readiness().wait { nil } } == "supervisor reported pre-main failure: " + String(repeating: "x", count: 65_536 - 7))
        let dir = try Dir()
        #expect(mkfifo(dir.paths.status, 0o644) == 0)
        #expect(Self.failure { () throws(ExecError) in try dir.readiness().wait { 15 } }?.contains("terminated") == true)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: dir.paths.status)
        #expect(Self.failure { () throws(ExecError) in try dir.readiness(.seconds(1)).wait { nil } } == "supervisor presumed dead: no status update within 1s")
        #expect(GoDuration.format(.milliseconds(1500)) == "1.5s")
    }

    // MARK: input links (emissary_link_artifacts_test.go)

    func links(_ dir: Dir, _ inputs: [(String, String)], mounts: [(String, String)] = []) -> InputLinks {
        var template = EmissaryTemplate()
        template.inputArtifacts = inputs.map { EmissaryTemplate.InputArtifact(name: $0.0, path: $0.1) }
        template.volumeMounts = mounts.map { EmissaryTemplate.VolumeMount(name: $0.0, mountPath: $0.1) }
        return InputLinks(template: template, paths: dir.paths)
    }

    @Test("a link to the supervisor's download, parents made; nothing for a missing source or an empty path; what sat there replaced")
    func inputLinks() throws {
        let dir = try Dir()
        let inputs = dir.paths.inputArtifacts
        try dir.write(inputs + "/my-artifact", "payload")
        let target = dir.root + "/container/tmp/my-artifact"
        try links(dir, [("my-artifact", target), ("missing", dir.root + "/container/missing"), ("my-artifact", "")]).linkAll()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target) == inputs + "/my-artifact")
        #expect(dir.read(target) == "payload")
        #expect(!FileManager.default.fileExists(atPath: dir.root + "/container/missing"))
        // A stale file, a directory with files, a link to an image file: each replaced, the old link's target kept.
        try dir.write(inputs + "/a", "new")
        let file = dir.root + "/c/file", tree = dir.root + "/c/tree", link = dir.root + "/c/link"
        try dir.write(file, "stale-from-image")
        try dir.write(tree + "/inner/x", "old")
        try dir.write(dir.root + "/image-file", "image")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.root + "/image-file")
        try links(dir, [("a", file), ("a", tree), ("a", link)]).linkAll()
        for path in [file, tree, link] { #expect(dir.read(path) == "new") }
        #expect(dir.read(dir.root + "/image-file") == "image")
    }

    @Test("a path that resolves into a user volume, or holds one, is refused when something is there; created when nothing is")
    func volumeRefusal() throws {
        let dir = try Dir()
        try dir.write(dir.paths.inputArtifacts + "/art", "payload")
        let volume = dir.root + "/mnt/vol"
        try dir.write(volume + "/sub", "precious")
        try FileManager.default.createDirectory(atPath: dir.root + "/rootfs", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.root + "/rootfs/data", withDestinationPath: volume)
        let message = Self.failure { () throws(ExecError) in
            try links(dir, [("art", dir.root + "/rootfs/data/sub")], mounts: [("vol", volume)]).linkAll()
        }
        #expect(message?.contains("inside volume mount \"vol\" (\(volume))") == true)
        #expect(dir.read(volume + "/sub") == "precious")
        try links(dir, [("art", dir.root + "/rootfs/data/new")], mounts: [("vol", volume)]).linkAll()
        #expect(dir.read(volume + "/new") == "payload")
        // The path holds a volume mount below it.
        try dir.write(dir.root + "/work/shared/keep", "precious")
        let nested = Self.failure { () throws(ExecError) in
            try links(dir, [("art", dir.root + "/work")], mounts: [("shared", dir.root + "/work/shared")]).linkAll()
        }
        #expect(nested?.contains("which contains volume mount \"shared\"") == true)
        #expect(dir.read(dir.root + "/work/shared/keep") == "precious")
        #expect(Self.failure { () throws(ExecError) in try links(dir, [("../x", dir.root + "/y")]).linkAll() }?.contains("cannot be used as a file name") == true)
    }

    @Test("paths are cleaned: a trailing / or /. links the directory itself; /, . and .. are refused; the executor's volumes are never cleared")
    func pathShapes() throws {
        let dir = try Dir()
        try dir.write(dir.paths.inputArtifacts + "/art", "payload")
        try dir.write(dir.root + "/data/old", "image")
        try links(dir, [("art", dir.root + "/data/")]).linkAll()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.root + "/data") == dir.paths.inputArtifacts + "/art")
        try dir.write(dir.root + "/other/old", "image")
        try links(dir, [("art", dir.root + "/other/.")]).linkAll()
        #expect(dir.read(dir.root + "/other") == "payload")
        for bad in ["/", ".", "..", "../x", "/.."] {
            #expect(Self.failure { () throws(ExecError) in try links(dir, [("art", bad)]).linkAll() }?.contains("cannot be staged at") == true, "\(bad)")
        }
        // An input path above the executor's volumes: refused, the marker and the inputs untouched.
        try SupervisorStatus.ready.write(paths: dir.paths)
        let message = Self.failure { () throws(ExecError) in try links(dir, [("art", dir.root + "/var")]).linkAll() }
        #expect(message?.contains("which holds the executor's volume") == true)
        #expect(dir.read(dir.paths.status) == "READY\n")
        #expect(dir.read(dir.paths.inputArtifacts + "/art") == "payload")
    }

    // MARK: pre-main (supervisor_test.go)

    func phase(_ dir: Dir, _ json: String, plugins: [String] = []) throws -> SupervisorPhase {
        var config = ExecutorConfig()
        config.paths = dir.paths
        config.inputArtifactPluginNames = plugins
        let text = json.replacingOccurrences(of: "$REPO", with: dir.root + "/repo")
        let template = try JSONDecoder().decode(Template.self, from: Data(text.utf8))
        return SupervisorPhase(config: config, template: template, templateJSON: text, context: StoreContext(secrets: SecretFiles(directory: dir.root + "/secret")))
    }

    @Test("pre-main: template, script and inputs (in parallel), then READY; the marker's sticky directory")
    func preMain() throws {
        let dir = try Dir()
        let inputs = (1...6).map { #"{"name":"in\#($0)","path":"/tmp/in\#($0)","raw":{"data":"data \#($0)"}}"# }.joined(separator: ",")
        let phase = try phase(dir, #"{"name":"t","script":{"image":"x","source":"echo hi"},"inputs":{"artifacts":[\#(inputs)]}}"#)
        #expect(phase.prepare() == nil)
        #expect(dir.read(dir.paths.status) == "READY\n")
        #expect(dir.read(dir.paths.template) == phase.templateJSON)
        #expect(dir.read(dir.paths.stagingScript) == "echo hi")
        for i in 1...6 { #expect(dir.read(dir.paths.inputArtifacts + "/in\(i)") == "data \(i)") }
        var st = stat()
        #expect(lstat(dir.paths.varRunArgo, &st) == 0 && st.st_mode & 0o7777 == 0o1777)
        #expect(!FileManager.default.fileExists(atPath: dir.paths.binaryCopy))
    }

    @Test("pre-main failures: FAILED and the cause, each step's wording; a plugin input fails before any download")
    func preMainFailures() throws {
        let dir = try Dir()
        let missing = try phase(dir, #"{"name":"t","container":{"image":"x"},"inputs":{"artifacts":[{"name":"req","path":"/tmp/r"}]}}"#)
        let error = missing.prepare()
        #expect(error?.message == "failed to load non-plugin input artifacts: required artifact 'req' not supplied")
        #expect(dir.read(dir.paths.status) == "FAILED\n" + (error?.description ?? ""))
        let plugin = try phase(dir, #"{"name":"t","container":{"image":"x"},"inputs":{"artifacts":[{"name":"a","path":"/tmp/a","raw":{"data":"x"}}]}}"#, plugins: ["s3-driver"])
        #expect(plugin.prepare()?.message == "failed to load input artifacts from plugin \"s3-driver\": artifact plugins are not implemented yet")
        #expect(!FileManager.default.fileExists(atPath: dir.paths.inputArtifacts + "/a"))
        // The template cannot be written: a directory squats its name.
        let squatted = try Dir()
        try FileManager.default.createDirectory(atPath: squatted.paths.template + "/x", withIntermediateDirectories: true)
        let blocked = try phase(squatted, #"{"name":"t","container":{"image":"x"}}"#)
        #expect(blocked.prepare()?.message.hasPrefix("failed to write template: ") == true)
        #expect(squatted.read(squatted.paths.status)?.hasPrefix("FAILED\n") == true)
    }

    @Test("a failure stops further downloads: with one at a time after it, nothing else loads")
    func firstFailureStops() throws {
        let dir = try Dir()
        let inputs = (1...12).map { #"{"name":"in\#($0)","path":"/tmp/in\#($0)","raw":{"data":"x"}}"# }.joined(separator: ",")
        let phase = try phase(dir, #"{"name":"t","container":{"image":"x"},"inputs":{"artifacts":[{"name":"req","path":"/tmp/req"},\#(inputs)]}}"#)
        let loader = InputLoader(template: phase.template, paths: dir.paths, context: phase.context)
        #expect(Self.failure { () throws(ExecError) in try loader.loadAll(width: 2) } == "required artifact 'req' not supplied")
        let loaded = (try? FileManager.default.contentsOfDirectory(atPath: dir.paths.inputArtifacts)) ?? []
        #expect(loaded.count <= 1, "\(loaded)")
    }

    @Test("a SIGTERM during pre-main: FAILED, never READY, no download started; staged files failing say so")
    func terminatedPreMain() throws {
        let dir = try Dir()
        var config = ExecutorConfig()
        config.paths = dir.paths
        let json = #"{"name":"t","container":{"image":"x"},"inputs":{"artifacts":[{"name":"a","path":"/tmp/a","raw":{"data":"x"}}]}}"#
        let template = try JSONDecoder().decode(Template.self, from: Data(json.utf8))
        let context = StoreContext(secrets: SecretFiles(directory: dir.root + "/secret"))
        let stopped = SupervisorPhase(config: config, template: template, templateJSON: json, context: context, stopRequested: { true })
        #expect(stopped.prepare()?.message == "terminated (SIGTERM) during pre-main: main is not started")
        #expect(dir.read(dir.paths.status)?.hasPrefix("FAILED\n") == true)
        #expect(!FileManager.default.fileExists(atPath: dir.paths.inputArtifacts + "/a"))
        // A blocker (no Kubernetes client) is FAILED at once.
        let blocked = SupervisorPhase(config: config, template: template, templateJSON: json, context: context)
        #expect(blocked.prepare(blocker: ExecError(.internal, "no API"))?.message == "no API")
        #expect(dir.read(dir.paths.status) == "FAILED\nno API")
        // The script cannot be staged: a directory squats its name.
        let squatted = try Dir()
        try FileManager.default.createDirectory(atPath: squatted.paths.stagingScript + "/x", withIntermediateDirectories: true)
        let script = try self.phase(squatted, #"{"name":"t","script":{"image":"x","source":"echo"}}"#)
        #expect(script.prepare()?.message.hasPrefix("failed to stage files: ") == true)
    }

    @Test("the heartbeat rewrites RUNNING until stopped, and nothing lands after stop")
    func heartbeat() throws {
        let dir = try Dir()
        try SupervisorStatus.running.write(paths: dir.paths)
        let beat = try StatusHeartbeat.start(paths: dir.paths, interval: .milliseconds(50), logger: .disabled)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: dir.paths.status)
        Thread.sleep(forTimeInterval: 0.3)
        let modified = try FileManager.default.attributesOfItem(atPath: dir.paths.status)[.modificationDate] as? Date
        #expect(modified.map { $0.timeIntervalSinceNow > -5 } == true)
        beat.stop()
        try SupervisorStatus.ready.write(paths: dir.paths)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(dir.read(dir.paths.status) == "READY\n")
    }
}
