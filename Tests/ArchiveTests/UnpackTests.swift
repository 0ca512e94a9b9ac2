@testable import Archive
import Core
import Foundation
import Testing

@Suite("Unpacking: fixtures, detection, the tmpdir rule")
struct UnpackTests {
    @Test("Go's dir.tgz unpacks to the source tree (single top-level dir unwrapped)")
    func goDirectory() throws {
        let ws = try Workspace()
        try Unpacker.unpack(archive: Fixture.path("go-archive/dir.tgz"), to: ws.path("out"), format: .auto)
        #expect(try Workspace.snapshot(ws.path("out")) == [
            "a.txt": "file 644 hello\n", "empty": "dir 755", "link-to-a": "link -> a.txt",
            "sub": "dir 750", "sub/b.txt": "file 600 world\n",
        ])
        #expect(!FileManager.default.fileExists(atPath: ws.path("out.tmpdir")))
    }

    @Test("single-file archives land as the file itself", arguments: ["go-archive/file.tgz", "go-archive/file-level0.tgz"])
    func goFile(name: String) throws {
        let ws = try Workspace()
        try Unpacker.unpack(archive: Fixture.path(name), to: ws.path("report"), format: .tarGz)
        #expect(try String(contentsOfFile: ws.path("report"), encoding: .utf8) == #"{"a":1}"#)
    }

    @Test("T-X13: Argo's file.tar.gz (three top-level entries) becomes a directory; mtime kept")
    func argoThreeEntries() throws {
        let ws = try Workspace()
        try Unpacker.unpack(archive: Fixture.path("argo-testdata/file.tar.gz"), to: ws.path("t"), format: .auto)
        #expect(Workspace.children(ws.path("t")) == ["empty-dir", "file", "link"])
        let attrs = try FileManager.default.attributesOfItem(atPath: ws.path("t/file"))
        let mtime = try #require(attrs[.modificationDate] as? Date)
        #expect(mtime < Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ws.path("t/link")) == "file")
        #expect(FileManager.default.fileExists(atPath: ws.path("t/link")))
    }

    @Test("every other argo-testdata input: file.tgz unpacks to its one empty file; the rest are plain files")
    func argoTestdata() throws {
        let ws = try Workspace()
        try Unpacker.unpack(archive: Fixture.path("argo-testdata/file.tgz"), to: ws.path("f"), format: .auto)
        #expect((try FileManager.default.attributesOfItem(atPath: ws.path("f"))[.size] as? Int) == 0)
        for plain in ["file", "file.gz", "file.tar", "link", "file.zip"] {
            #expect(try !Detection.isTarGz(Fixture.path("argo-testdata/" + plain)))
            #expect(throws: ExecError.self) { try Unpacker.unpack(archive: Fixture.path("argo-testdata/" + plain), to: ws.path(plain), format: .auto) }
        }
    }

    @Test("T-X11: tarball detection", arguments: [
        ("argo-testdata/file", false), ("argo-testdata/file.zip", false), ("argo-testdata/file.tar", false),
        ("argo-testdata/file.gz", false), ("argo-testdata/file.tar.gz", true), ("argo-testdata/file.tgz", true),
        ("go-archive/dir.tgz", true), ("go-archive", false),
    ])
    func detection(name: String, expected: Bool) throws {
        #expect(try Detection.isTarGz(Fixture.path(name)) == expected)
    }

    @Test("tar.gz unpacks straight from a pipe: no temporary archive is needed")
    func fromPipe() throws {
        let ws = try Workspace()
        let cat = Process()
        cat.executableURL = URL(fileURLWithPath: "/bin/cat")
        cat.arguments = [Fixture.path("go-archive/dir.tgz")]
        let pipe = Pipe()
        cat.standardOutput = pipe
        try cat.run()
        try Unpacker.extractTarGz(fd: pipe.fileHandleForReading.fileDescriptor, label: "pipe", to: ws.path("out"))
        cat.waitUntilExit()
        #expect(try String(contentsOfFile: ws.path("out/sub/b.txt"), encoding: .utf8) == "world\n")
    }

    @Test("T-X11: detecting a missing file is an error")
    func detectMissing() {
        #expect(throws: ExecError.self) { try Detection.isTarGz(Fixture.path("nope")) }
    }

    @Test("archive: tar on a plain tar fails (tar means tar+gzip) and leaves nothing")
    func plainTarRefused() throws {
        let ws = try Workspace()
        #expect(throws: ExecError.self) {
            try Unpacker.unpack(archive: Fixture.path("argo-testdata/file.tar"), to: ws.path("t"), format: .tarGz)
        }
        #expect(Workspace.children(ws.path("")) == [])
    }

    @Test("an existing target is replaced as Argo's os.Rename replaces it: a file or an empty directory; a non-empty directory stays")
    func existingTarget() throws {
        let ws = try Workspace()
        try ws.write("t", "old")
        try Unpacker.unpack(archive: Fixture.path("go-archive/file.tgz"), to: ws.path("t"), format: .tarGz)
        #expect(try String(contentsOfFile: ws.path("t"), encoding: .utf8) != "old")
        try ws.mkdir("d")
        try Unpacker.unpack(archive: Fixture.path("go-archive/dir.tgz"), to: ws.path("d"), format: .tarGz)
        #expect(FileManager.default.fileExists(atPath: ws.path("d/a.txt")))
        try ws.write("full/keep", "keep")
        #expect(throws: ExecError.self) { try Unpacker.unpack(archive: Fixture.path("go-archive/dir.tgz"), to: ws.path("full"), format: .tarGz) }
        #expect(try String(contentsOfFile: ws.path("full/keep"), encoding: .utf8) == "keep")
        #expect(Workspace.children(ws.root.path).sorted() == ["d", "full", "t"])
    }

    @Test("T-X14: mode non-recursive and recursive")
    func modes() throws {
        let ws = try Workspace()
        try ws.write("d/f", "x", mode: 0o600)
        try FileModes.apply(0o777, to: ws.path("d"), recursive: false)
        #expect(try Workspace.snapshot(ws.path("d")) == ["f": "file 600 x"])
        #expect(try FileManager.default.attributesOfItem(atPath: ws.path("d"))[.posixPermissions] as? Int == 0o777)
        try FileModes.apply(0o777, to: ws.path("d"), recursive: true)
        #expect(try Workspace.snapshot(ws.path("d")) == ["f": "file 777 x"])
    }
}
