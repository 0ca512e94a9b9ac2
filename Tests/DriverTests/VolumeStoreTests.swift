import Core
@testable import Drivers
import Foundation
import Testing

@Suite("volume repository: atomic saves, trees, streams, hostile keys (docs/artifacts.md)")
struct VolumeStoreTests {
    final class Dirs {
        let base = NSTemporaryDirectory() + "argoexec-volume-\(UUID().uuidString)"
        var root: String { base + "/repo" }
        var outside: String { base + "/outside" }
        init() throws {
            try FileManager.default.createDirectory(atPath: base + "/repo", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
            try "safe".write(toFile: base + "/outside/file", atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: base) }
        func everythingOutside() -> [String] { ((try? FileManager.default.subpathsOfDirectory(atPath: outside)) ?? []).sorted() }
    }

    @Test("file, stream and tree round trips; list; delete; no temporary names left")
    func roundTrips() throws {
        let d = try Dirs()
        let src = d.base + "/src"
        try FileManager.default.createDirectory(atPath: src + "/sub", withIntermediateDirectories: true)
        try "one".write(toFile: src + "/a.txt", atomically: true, encoding: .utf8)
        try "two".write(toFile: src + "/sub/b.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: src + "/link", withDestinationPath: "/etc/passwd")
        let file = try VolumeStore(root: d.root, key: "wf/pod/a.txt")
        try file.save(src + "/a.txt")
        #expect(try String(contentsOfFile: d.root + "/wf/pod/a.txt", encoding: .utf8) == "one")
        let stream = try VolumeStore(root: d.root, key: "wf/pod/streamed.bin")
        try stream.saveStream { (sink) throws(ExecError) in try sink.write(Array("streamed".utf8)) }
        #expect(try stream.peek(4) == Array("stre".utf8))
        let tree = try VolumeStore(root: d.root, key: "wf/pod/tree")
        try tree.save(src)
        try tree.save(src)  // replacing a tree swaps it in whole
        #expect(try String(contentsOfFile: d.root + "/wf/pod/tree/sub/b.txt", encoding: .utf8) == "two")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: d.root + "/wf/pod/tree/link") == "/etc/passwd")
        try tree.load(to: d.base + "/back")
        #expect(try String(contentsOfFile: d.base + "/back/sub/b.txt", encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: d.base + "/back/link"))  // repository symlinks are not materialised
        let repo = VolumeRepository(root: d.root)
        #expect(try repo.list(prefix: "wf/pod/").map(\.key) == ["wf/pod/a.txt", "wf/pod/streamed.bin", "wf/pod/tree/a.txt", "wf/pod/tree/sub/b.txt"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: d.root).allSatisfy { !$0.contains(".argo-") })
        try repo.delete(key: "wf/pod/tree")
        try repo.delete(key: "wf/pod/never-existed")
        #expect(try repo.list(prefix: "wf/").count == 2)
        let missing = #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: "wf/pod/nope").load(to: d.base + "/nope") }
        #expect(missing?.code == .notFound)
        #expect(d.everythingOutside() == ["file"])
    }

    @Test("hostile keys are refused before anything is touched", arguments: ["../x", "/etc/passwd", "a/../../x", "a//b", "./a", "", "a/./b", "a\u{0}b"])
    func hostileKeys(_ key: String) throws {
        let d = try Dirs()
        let error = #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: key) }
        #expect(error?.code == .badRequest)
        #expect(d.everythingOutside() == ["file"])
    }

    @Test("symlinked directories inside the repository are never followed, for writes or reads")
    func symlinkedDirectories() throws {
        let d = try Dirs()
        try FileManager.default.createSymbolicLink(atPath: d.root + "/escape", withDestinationPath: d.outside)
        try FileManager.default.createSymbolicLink(atPath: d.root + "/file-link", withDestinationPath: d.outside + "/file")
        try "x".write(toFile: d.base + "/payload", atomically: true, encoding: .utf8)
        #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: "escape/pwned").save(d.base + "/payload") }
        #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: "escape/deeper/pwned").saveStream { (sink) throws(ExecError) in try sink.write([1]) } }
        #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: "escape/file").load(to: d.base + "/stolen") }
        #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: "file-link").load(to: d.base + "/stolen2") }
        #expect(throws: ExecError.self) { try VolumeStore(root: d.root, key: "file-link").stream(into: MemorySink()) }
        #expect(throws: ExecError.self) { try VolumeRepository(root: d.root).delete(key: "escape/file") }
        #expect(d.everythingOutside() == ["file"])
        #expect(try String(contentsOfFile: d.outside + "/file", encoding: .utf8) == "safe")
        #expect(!FileManager.default.fileExists(atPath: d.base + "/stolen") && !FileManager.default.fileExists(atPath: d.base + "/stolen2"))
    }
}
