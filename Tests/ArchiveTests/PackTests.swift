@testable import Archive
import Core
import Foundation
import Testing

@Suite("Packing: Argo's tar.gz layout, byte-compatible with Go's archive/tar")
struct PackTests {
    func pack(_ source: String, _ output: String, level: Int = -1, threads: Int? = nil) throws {
        try AtomicFile.write(output) { (sink) throws(ExecError) in
            try Packer.tarGz(source: source, to: sink, level: level, threads: threads)
        }
    }

    @Test("a directory lists entry for entry like Go's dir.tgz under GNU tar and bsdtar", arguments: ["/bin/tar", "/usr/bin/bsdtar"])
    func directoryMatchesGo(tool: String) throws {
        let ws = try Workspace()
        try pack(try ws.makeGoFixtureTree(), ws.path("ours.tgz"))
        let ours = try Tool.listing(tool, ws.path("ours.tgz"))
        let go = try Tool.listing(tool, Fixture.path("go-archive/dir.tgz"))
        #expect(ours == go)
        #expect(ours.first?.hasSuffix(" mydir") == true, "the root entry has no trailing slash")
    }

    @Test("entries match Go's headers field by field (type, mode, size, link, USTAR magic)")
    func headersMatchGo() throws {
        let ws = try Workspace()
        try pack(try ws.makeGoFixtureTree(), ws.path("ours.tgz"))
        let script = """
        import sys, tarfile
        for path in sys.argv[1:]:
            with tarfile.open(path) as t:
                print([(m.name, m.type.decode(), oct(m.mode), m.linkname, m.size) for m in t.getmembers()])
            raw = __import__('gzip').open(path).read()
            print(raw[257:265], len(raw) % 512, raw[-1024:] == bytes(1024))
        """
        let out = try Tool.run("/usr/bin/env", ["python3", "-c", script, ws.path("ours.tgz"), Fixture.path("go-archive/dir.tgz")])
        let lines = out.text.split(separator: "\n")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(lines.count == 4)
        #expect(lines[0] == lines[2])
        #expect(lines[1] == lines[3])
        #expect(lines[1].hasPrefix("b'ustar\\x0000'"))
    }

    @Test("a single file is one entry named by its base name, at every level", arguments: [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    func singleFile(level: Int) throws {
        let ws = try Workspace()
        try ws.write("deep/report.json", #"{"a":1}"#)
        try pack(ws.path("deep/report.json"), ws.path("f.tgz"), level: level)
        #expect(try Tool.listing("/bin/tar", ws.path("f.tgz")) == Tool.listing("/bin/tar", Fixture.path("go-archive/file.tgz")))
        #expect(try Tool.run("/bin/gzip", ["-t", ws.path("f.tgz")]).status == 0)
    }

    @Test("invalid levels are refused, as Go's gzip.NewWriterLevel", arguments: [-5, 10, 12])
    func badLevel(level: Int) throws {
        let ws = try Workspace()
        try ws.write("f", "x")
        #expect(throws: ExecError.self) { try pack(ws.path("f"), ws.path("f.tgz"), level: level) }
        #expect(!FileManager.default.fileExists(atPath: ws.path("f.tgz")))
    }

    @Test("missing source is NotFound; a FIFO root is not a regular file or directory")
    func badSources() throws {
        let ws = try Workspace()
        do {
            try pack(ws.path("missing"), ws.path("x.tgz"))
            Issue.record("packed a missing source")
        } catch let error as ExecError {
            #expect(error.has(.notFound))
            #expect(error.description == "stat \(ws.path("missing")): no such file or directory")
        }
        #expect(mkfifo(ws.path("fifo"), 0o644) == 0)
        #expect(throws: ExecError.self) { try pack(ws.path("fifo"), ws.path("y.tgz")) }
    }

    @Test("long and non-ASCII names use PAX headers and survive GNU tar extraction")
    func longNames() throws {
        let ws = try Workspace()
        let long = String(repeating: "d", count: 120) + "/" + String(repeating: "f", count: 110) + ".txt"
        try ws.write("tree/" + long, "long\n")
        try ws.write("tree/" + String(repeating: "p", count: 90) + "/" + String(repeating: "q", count: 90), "split\n")
        try ws.write("tree/übung-日本.txt", "utf8\n")
        try ws.symlink("tree/far-link", to: String(repeating: "t", count: 150))
        try pack(ws.path("tree"), ws.path("long.tgz"))
        try ws.mkdir("gnu")
        let x = try Tool.run("/bin/tar", ["-xzf", ws.path("long.tgz"), "-C", ws.path("gnu")])
        #expect(x.status == 0, "\(x.stderr)")
        #expect(try Workspace.snapshot(ws.path("gnu/tree")) == Workspace.snapshot(ws.path("tree")))
    }

    @Test("a large tree round-trips byte-exact through GNU tar with the multi-core writer")
    func largeRoundTrip() throws {
        let ws = try Workspace()
        try ws.mkdir("tree")
        var generator = SystemRandomNumberGenerator()
        for i in 0..<40 {
            let bytes = (0..<(i * 7919 + 1)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: URL(fileURLWithPath: ws.path("tree")).appendingPathComponent("r\(i).bin"), options: []) 
        }
        try ws.write("tree/text.txt", String(repeating: "the quick brown fox\n", count: 100_000))
        try pack(ws.path("tree"), ws.path("big.tgz"), threads: 2)
        try ws.mkdir("gnu")
        #expect(try Tool.run("/bin/tar", ["-xzf", ws.path("big.tgz"), "-C", ws.path("gnu")]).status == 0)
        #expect(try Workspace.snapshot(ws.path("gnu/tree")) == Workspace.snapshot(ws.path("tree")))
    }
}
