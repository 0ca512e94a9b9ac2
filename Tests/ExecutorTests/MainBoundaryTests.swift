@testable import Archive
import Core
import Drivers
@testable import Executor
@testable import Emissary
import Foundation
import Model
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The main → wait (and earlier pod → init) boundary (issue 13): files the main container wrote are read
/// below their place and never followed out of it, so main cannot make wait report or upload wait-only
/// files (the repository's secret, the service-account token); FIFOs never block; names and modes from
/// templates cannot climb out or grant setuid.
@Suite("main → wait boundary: links, FIFOs, names and modes")
struct MainBoundaryTests {
    /// A pod root with a user volume mounted at /data (mirrored at /mainctrfs/data), a wait-only secret at
    /// /argo/secret/s3/secretKey, the service-account token, and a volume repository at /repo.
    final class Pod {
        let root: String
        let paths: PodPaths
        let secret = "SECRET-KEY-material"

        init() throws {
            root = NSTemporaryDirectory() + "argoexec-boundary-\(UUID().uuidString)"
            paths = PodPaths(root: root)
            for dir in ["/mainctrfs/data", "/argo/secret/s3", "/var/run/argo/ctr/main", "/var/run/argo/outputs/parameters/tmp",
                        "/var/run/argo/outputs/artifacts/tmp", "/repo", "/var/run/secrets/kubernetes.io/serviceaccount"] {
                try FileManager.default.createDirectory(atPath: root + dir, withIntermediateDirectories: true)
            }
            try secret.write(toFile: root + "/argo/secret/s3/secretKey", atomically: true, encoding: .utf8)
            try "TOKEN".write(toFile: paths.serviceAccountDir + "/token", atomically: true, encoding: .utf8)
            try "0".write(toFile: paths.exitCode("main"), atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func link(_ path: String, to target: String) throws {
            try FileManager.default.createDirectory(atPath: PathRules.dir(root + path), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root + path, withDestinationPath: target)
        }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: PathRules.dir(root + path), withIntermediateDirectories: true)
            try text.write(toFile: root + path, atomically: true, encoding: .utf8)
        }

        func template(_ json: String) throws -> Template {
            let text = json.replacingOccurrences(of: "$REPO", with: root + "/repo")
            return try JSONDecoder().decode(Template.self, from: Data(text.utf8))
        }

        var context: StoreContext { StoreContext(secrets: SecretFiles(directory: root + "/argo/secret")) }

        /// Every byte stored in the repository, concatenated (tar.gz objects decompressed), to look for the secret.
        func repositoryText() throws -> String {
            var out = ""
            guard let walker = FileManager.default.enumerator(atPath: root + "/repo") else { return out }
            for case let rel as String in walker {
                let full = root + "/repo/" + rel
                var st = stat()
                guard lstat(full, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                out += String(decoding: try Data(contentsOf: URL(fileURLWithPath: full)), as: UTF8.self)
                if rel.hasSuffix(".tgz") {
                    let p = Process()
                    p.executableURL = URL(fileURLWithPath: "/bin/tar")
                    p.arguments = ["-xzOf", full]
                    let pipe = Pipe()
                    p.standardOutput = pipe
                    try p.run()
                    out += String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    p.waitUntilExit()
                }
            }
            return out
        }
    }

    static let volume = #""volumeMounts":[{"name":"data","mountPath":"/data"}]"#

    @Test("an output parameter that main turned into a link out of its volume is refused; a link inside the volume is read")
    func parameterLinks() throws {
        let pod = try Pod()
        let template = try pod.template(#"""
        {"container":{\#(Self.volume)},"outputs":{"parameters":[{"name":"p","valueFrom":{"path":"/data/p"}}]}}
        """#)
        try pod.link("/mainctrfs/data/p", to: pod.root + "/argo/secret/s3/secretKey")
        let absolute = #expect(throws: ExecError.self) { try OutputValues(template: template, paths: pod.paths).parameters() }
        #expect(absolute?.description.contains(pod.secret) == false)
        try FileManager.default.removeItem(atPath: pod.root + "/mainctrfs/data/p")
        try pod.link("/mainctrfs/data/p", to: "../../argo/secret/s3/secretKey")
        let relative = #expect(throws: ExecError.self) { try OutputValues(template: template, paths: pod.paths).parameters() }
        #expect(relative?.description.contains("leaves its directory") == true, "\(relative.map { "\($0)" } ?? "")")
        try FileManager.default.removeItem(atPath: pod.root + "/mainctrfs/data/p")
        try pod.write("/mainctrfs/data/real/value", "inside\n")
        try pod.link("/mainctrfs/data/p", to: "real/value")
        #expect(try OutputValues(template: template, paths: pod.paths).parameters().first?.value?.value == "inside")
    }

    @Test("a staged parameter, main's stdout and its combined log are never followed as links")
    func varRunArgoLinks() throws {
        let pod = try Pod()
        let template = try pod.template(#"""
        {"container":{},"outputs":{"parameters":[{"name":"p","valueFrom":{"path":"/tmp/p"}}]},
         "archiveLocation":{"archiveLogs":true,"volume":{"path":"$REPO","key":"wf/pod"}}}
        """#)
        try pod.link("/var/run/argo/outputs/parameters/tmp/p", to: pod.root + "/argo/secret/s3/secretKey")
        let error = #expect(throws: ExecError.self) { try OutputValues(template: template, paths: pod.paths).parameters() }
        #expect(error?.description.contains("symlink") == true)
        try pod.link("/var/run/argo/ctr/main/stdout", to: pod.paths.serviceAccountDir + "/token")
        #expect(throws: ExecError.self) { try OutputValues(template: template, paths: pod.paths).scriptResult() }
        try pod.link("/var/run/argo/ctr/main/combined", to: pod.paths.serviceAccountDir + "/token")
        var config = ExecutorConfig()
        config.paths = pod.paths
        let waitError = WaitPhase(config: config, template: template, reporter: nil, context: pod.context).run()
        #expect(waitError != nil)
        #expect(try !pod.repositoryText().contains("TOKEN"))
    }

    @Test("a FIFO as an output parameter or as main's stdout fails at once instead of blocking wait")
    func fifos() throws {
        let pod = try Pod()
        let template = try pod.template(#"""
        {"container":{\#(Self.volume)},"outputs":{"parameters":[{"name":"p","valueFrom":{"path":"/data/fifo"}}]}}
        """#)
        #expect(mkfifo(pod.root + "/mainctrfs/data/fifo", 0o666) == 0)
        #expect(mkfifo(pod.paths.stdout("main"), 0o666) == 0)
        let start = Date()
        let error = #expect(throws: ExecError.self) { try OutputValues(template: template, paths: pod.paths).parameters() }
        #expect(error?.description.contains("not a regular file") == true)
        #expect(throws: ExecError.self) { try OutputValues(template: template, paths: pod.paths).scriptResult() }
        #expect(Date().timeIntervalSince(start) < 5)
        // The emissary's signal file and the exit code file as FIFOs do not block their readers either.
        #expect(mkfifo(pod.paths.signal("main"), 0o666) == 0)
        #expect(throws: ExecError.self) { try FileIO.readAll(pod.paths.signal("main"), limit: 64) }
    }

    @Test("output artifacts from a volume: a link out of the volume on the way is refused, links inside the tree are archived as links")
    func artifactLinks() throws {
        let pod = try Pod()
        let template = try pod.template(#"""
        {"container":{\#(Self.volume)},"archiveLocation":{"volume":{"path":"$REPO","key":"wf/pod"}},
         "outputs":{"artifacts":[{"name":"tree","path":"/data/out/tree"},{"name":"plain","path":"/data/plain","archive":{"none":{}}}]}}
        """#)
        // /data/out is a link to the secret directory: the whole output would be wait's secrets.
        try pod.link("/mainctrfs/data/out", to: pod.root + "/argo/secret")
        try pod.write("/mainctrfs/data/plain/ok.txt", "fine")
        try pod.link("/mainctrfs/data/plain/key", to: pod.root + "/argo/secret/s3/secretKey")
        let saver = ArtifactSaver(template: template, paths: pod.paths, context: pod.context)
        let (saved, error) = saver.saveAll()
        #expect(error?.description.contains("absolute") == true, "\(error.map { "\($0)" } ?? "no error")")
        #expect(saved.map(\.name) == ["plain"])
        let stored = try pod.repositoryText()
        #expect(stored.contains("fine"))
        #expect(!stored.contains(pod.secret))
    }

    @Test("inputs: `mode: 3565` gives 0755, not setuid; an artifact name cannot climb; a link planted in a reused volume is not followed out")
    func inputs() throws {
        let pod = try Pod()
        try pod.write("/repo/in/a.txt", "input")
        let template = try pod.template(#"""
        {"container":{\#(Self.volume)},"archiveLocation":{"volume":{"path":"$REPO","key":"wf/pod"}},
         "inputs":{"artifacts":[{"name":"a","path":"/data/sub/a.txt","mode":3565,"volume":{"path":"$REPO","key":"in/a.txt"},"archive":{"none":{}}}]}}
        """#)
        try InputLoader(template: template, paths: pod.paths, context: pod.context).loadAll()
        var st = stat()
        #expect(lstat(pod.root + "/mainctrfs/data/sub/a.txt", &st) == 0 && st.st_mode & 0o7777 == 0o755)

        let climbing = try pod.template(#"""
        {"container":{},"inputs":{"artifacts":[{"name":"../../../var/run/argo/x","path":"/tmp/x","volume":{"path":"$REPO","key":"in/a.txt"},"archive":{"none":{}}}]}}
        """#)
        let nameError = #expect(throws: ExecError.self) { try InputLoader(template: climbing, paths: pod.paths, context: pod.context).loadAll() }
        #expect(nameError?.description.contains("cannot be used as a file name") == true)
        #expect(!FileManager.default.fileExists(atPath: pod.root + "/var/run/argo/x"))

        // A previous pod left /data/evil -> /var/run/argo in the volume.
        try pod.link("/mainctrfs/data/evil", to: pod.root + "/var/run/argo")
        let planted = try pod.template(#"""
        {"container":{\#(Self.volume)},"inputs":{"artifacts":[{"name":"b","path":"/data/evil/argoexec","volume":{"path":"$REPO","key":"in/a.txt"},"archive":{"none":{}}}]}}
        """#)
        #expect(throws: ExecError.self) { try InputLoader(template: planted, paths: pod.paths, context: pod.context).loadAll() }
        #expect(!FileManager.default.fileExists(atPath: pod.root + "/var/run/argo/argoexec"))
    }

    @Test("inputs without a strategy: a tar.gz whose first entry sits behind a large PAX header is unpacked, not delivered raw")
    func detectionThroughStore() throws {
        let pod = try Pod()
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        // One file 400 levels of random names deep: a 48 KB PAX path heads the archive and compresses to
        // far more than the first 16 KiB.
        let levels = (0..<400).map { _ in String(decoding: (0..<120).map { _ in letters.randomElement()! }, as: UTF8.self) }
        let name = levels.joined(separator: "/") + "/leaf"
        var header = TarHeader(name: RawPath(name), kind: .regular, mode: 0o644, uid: 0, gid: 0, size: 4, mtime: 0)
        header.userName = ""
        let sink = MemorySink()
        let gzip = try Gzip.writer(sink: sink, level: 6, threads: 1)
        try gzip.write(header.encode() + Array("deep".utf8) + [UInt8](repeating: 0, count: 508 + 1024))
        try gzip.finish()
        try FileManager.default.createDirectory(atPath: pod.root + "/repo/in", withIntermediateDirectories: true)
        try Data(sink.bytes).write(to: URL(fileURLWithPath: pod.root + "/repo/in/deep.tgz"))
        #expect(Detection.verdict(prefix: Array(sink.bytes.prefix(16 * 1024)), complete: false) == .needMore)
        let template = try pod.template(#"""
        {"container":{},"inputs":{"artifacts":[{"name":"deep","path":"/tmp/deep","volume":{"path":"$REPO","key":"in/deep.tgz"}}]}}
        """#)
        try InputLoader(template: template, paths: pod.paths, context: pod.context).loadAll()
        var found = try DirectoryHandle.open(pod.paths.inputArtifacts + "/deep")
        for level in levels.dropFirst() { found = try found.openDirectory(RawPath(level)) }  // the first became the target
        #expect(try found.info("leaf")?.size == 4)
    }

    @Test("ctr/<c>/ and the progress file: wait neither follows a link main put there nor writes through one")
    func coordinationFiles() throws {
        let pod = try Pod()
        try FileManager.default.createDirectory(atPath: pod.root + "/elsewhere", withIntermediateDirectories: true)
        // main replaced ctr/main by a link to a directory of wait's own.
        try FileManager.default.removeItem(atPath: pod.paths.containerDir("main"))
        try pod.link("/var/run/argo/ctr/main", to: pod.root + "/elsewhere")
        try "0".write(toFile: pod.root + "/elsewhere/exitcode", atomically: true, encoding: .utf8)
        let files = ContainerFiles(paths: pod.paths)
        #expect(files.exitCode("main") == nil)
        #expect(throws: ExecError.self) { try files.requestSignal("main", SIGTERM) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: pod.root + "/elsewhere") == ["exitcode"])
        // The progress file pointed at the token: refused, so its text is never read (nor logged).
        try pod.link("/var/run/argo/progress", to: pod.paths.serviceAccountDir + "/token")
        let place = PodPlace.podFile(pod.paths.varRunArgo + "/progress", paths: pod.paths)
        #expect(throws: ExecError.self) { try place.readAll(limit: 1 << 20) }
    }
}
