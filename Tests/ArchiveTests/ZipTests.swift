@testable import Archive
import Core
import Foundation
import Testing

@Suite("Zip: Argo's layout with its bugs fixed, read the way Argo reads")
struct ZipTests {
    func zip(_ source: String, _ output: String) throws {
        try AtomicFile.write(output) { (sink) throws(ExecError) in try Packer.zip(source: source, to: sink) }
    }

    @Test("a directory zips to the same entry names as Go's dir.zip; unzip, bsdtar and Python verify it")
    func directory() throws {
        let ws = try Workspace()
        try zip(try ws.makeGoFixtureTree(), ws.path("ours.zip"))
        let names = { (path: String) throws -> [String] in
            try Tool.run("/usr/bin/unzip", ["-Z1", path]).text.split(separator: "\n").map(String.init)
        }
        #expect(try names(ws.path("ours.zip")) == names(Fixture.path("go-archive/dir.zip")))
        #expect(try Tool.run("/usr/bin/unzip", ["-t", ws.path("ours.zip")]).status == 0)
        #expect(try Tool.run("/usr/bin/bsdtar", ["-tf", ws.path("ours.zip")]).status == 0)
        let py = try Tool.run("/usr/bin/env", ["python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip(), [oct(i.external_attr >> 16) for i in z.infolist()])", ws.path("ours.zip")])
        #expect(py.text == "None ['0o100644', '0o120777', '0o100600']\n")
        try ws.mkdir("x")
        #expect(try Tool.run("/usr/bin/unzip", ["-q", ws.path("ours.zip"), "-d", ws.path("x")]).status == 0)
        #expect(try Workspace.snapshot(ws.path("x/mydir")) == [
            "a.txt": "file 644 hello\n", "link-to-a": "link -> a.txt", "sub": "dir 755", "sub/b.txt": "file 600 world\n",
        ])
    }

    @Test("a single file is stored under its base name (Argo stored the absolute path)")
    func singleFile() throws {
        let ws = try Workspace()
        try ws.write("mainctrfs/tmp/out/report.json", #"{"a":1}"#)
        try zip(ws.path("mainctrfs/tmp/out/report.json"), ws.path("f.zip"))
        #expect(try Tool.run("/usr/bin/unzip", ["-Z1", ws.path("f.zip")]).text == "report.json\n")
        try Unpacker.unpack(archive: ws.path("f.zip"), to: ws.path("back"), format: .zip)
        #expect(try String(contentsOfFile: ws.path("back"), encoding: .utf8) == #"{"a":1}"#)
    }

    @Test("T-X12: Argo's one-file zip unpacks to a regular file")
    func argoFileZip() throws {
        let ws = try Workspace()
        try Unpacker.unpack(archive: Fixture.path("argo-testdata/file.zip"), to: ws.path("f"), format: .zip)
        var isDir: ObjCBool = true
        #expect(FileManager.default.fileExists(atPath: ws.path("f"), isDirectory: &isDir) && !isDir.boolValue)
    }

    @Test("Go's zips: the absolute-path quirk lands as Argo delivers it; dir.zip gives the files")
    func goZips() throws {
        let ws = try Workspace()
        try Unpacker.unpack(archive: Fixture.path("go-archive/file.zip"), to: ws.path("f"), format: .zip)
        #expect(try String(contentsOfFile: ws.path("f/tmp/out/report.json"), encoding: .utf8) == #"{"a":1}"#)
        try Unpacker.unpack(archive: Fixture.path("go-archive/dir.zip"), to: ws.path("d"), format: .zip)
        #expect(try String(contentsOfFile: ws.path("d/sub/b.txt"), encoding: .utf8) == "world\n")
    }

    @Test("T-X21: a symlink entry then a write through it fails; traversal fails; nothing escapes", arguments: [
        ["link:../outside:symlink", "link/pwned:x:file"], ["../outside/pwned:x:file"], ["a/../../outside/pwned:x:file"],
    ])
    func hostile(spec: [String]) throws {
        let ws = try Workspace()
        try ws.write("outside/sentinel", "safe")
        try ws.mkdir("work")
        // Python's zipfile writes the hostile entries (it stores names verbatim).
        let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1], 'w')
        for spec in sys.argv[2:]:
            name, data, kind = spec.split(':')
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 if kind == 'symlink' else 0o100644) << 16
            z.writestr(info, data)
        z.close()
        """
        #expect(try Tool.run("/usr/bin/env", ["python3", "-c", script, ws.path("evil.zip")] + spec).status == 0)
        #expect(throws: ExecError.self) { try Unpacker.unpack(archive: ws.path("evil.zip"), to: ws.path("work/t"), format: .zip) }
        #expect(Workspace.children(ws.path("work")) == [])
        #expect(Workspace.children(ws.path("outside")) == ["sentinel"])
    }

    @Test("corrupt zips are clear errors, not crashes", arguments: [0, 10, 22, 100])
    func corrupt(keep: Int) throws {
        let ws = try Workspace()
        try zip(try ws.makeGoFixtureTree(), ws.path("ok.zip"))
        let data = try Data(contentsOf: URL(fileURLWithPath: ws.path("ok.zip")))
        var bad = data.prefix(keep) + data.suffix(max(0, data.count - keep - 40))
        if keep == 100 { bad = data; bad[44] ^= 0xFF }  // flip a byte inside mydir/a.txt's deflate data
        try bad.write(to: URL(fileURLWithPath: ws.path("bad.zip")))
        try ws.mkdir("work")
        #expect(throws: ExecError.self) { try Unpacker.unpack(archive: ws.path("bad.zip"), to: ws.path("work/t"), format: .zip) }
        #expect(Workspace.children(ws.path("work")) == [])
    }
}
