@testable import Archive
import Core
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile archives found by an outside review (issue 13): each is refused or neutralised, nothing is
/// written outside the target, nothing half-written is left, and every tree that is extracted passes the
/// realpath containment check.
@Suite("Containment: NUL names, huge sizes, setuid bits, links in their final place, byte names, deep trees")
struct ContainmentTests {
    /// A tar.gz from raw headers and bodies (names may be any bytes).
    static func tarGz(_ entries: [(TarHeader, [UInt8])], trailing: [UInt8] = []) throws -> [UInt8] {
        let sink = MemorySink()
        let gz = try GzipWriter(sink: sink, level: 6)
        for (header, body) in entries {
            try gz.write(header.encode() + body + [UInt8](repeating: 0, count: TarHeader.padding(body.count)))
        }
        try gz.write([UInt8](repeating: 0, count: 1024))
        try gz.finish()
        return Array(sink.data) + trailing
    }

    static func header(_ name: RawPath, _ kind: TarHeader.Kind = .regular, mode: UInt32 = 0o644, size: Int = 0, link: RawPath = .empty) -> TarHeader {
        var h = TarHeader(name: name, kind: kind, mode: mode, uid: 0, gid: 0, size: Int64(size), mtime: 1_700_000_000)
        h.linkName = link
        return h
    }

    static func file(_ name: String, _ text: String, mode: UInt32 = 0o644) -> (TarHeader, [UInt8]) {
        (header(RawPath(name), mode: mode, size: text.utf8.count), Array(text.utf8))
    }

    static func link(_ name: String, _ target: String) -> (TarHeader, [UInt8]) { (header(RawPath(name), .symlink, mode: 0o777, link: RawPath(target)), []) }
    static func dir(_ name: String, mode: UInt32 = 0o755) -> (TarHeader, [UInt8]) { (header(RawPath(name), .directory, mode: mode), []) }

    /// Unpacks `bytes` (tar.gz or zip) into `<ws>/work/t` next to `<ws>/outside`; returns the error text, if any,
    /// after checking that nothing but the target is in `work` and that `outside` is untouched.
    static func unpack(_ bytes: [UInt8], zip: Bool = false, in ws: Workspace) throws -> String? {
        try ws.mkdir("work")
        try ws.write("outside/sentinel", "keep")
        let archive = ws.path(zip ? "in.zip" : "in.tgz")
        try Data(bytes).write(to: URL(fileURLWithPath: archive))
        var failure: String?
        do {
            try Unpacker.unpack(archive: archive, to: ws.path("work/t"), format: zip ? .zip : .tarGz)
            #expect(Containment.escapes(below: ws.path("work/t")).isEmpty, "\(Containment.escapes(below: ws.path("work/t")))")
        } catch {
            failure = "\(error)"
            #expect(Workspace.children(ws.path("work")) == [], "a failed unpack left \(Workspace.children(ws.path("work")))")
        }
        #expect(Workspace.children(ws.path("work")).allSatisfy { $0 == "t" })
        #expect(Workspace.children(ws.path("outside")) == ["sentinel"])
        #expect(try String(contentsOfFile: ws.path("outside/sentinel"), encoding: .utf8) == "keep")
        return failure
    }

    @Test("zip slip through NUL: `..\\0/x` and `a\\0b` are refused, naming the NUL")
    func zipNUL() throws {
        for name in [Array("..".utf8) + [0] + Array("/outside/x".utf8), Array("a".utf8) + [0] + Array("b".utf8)] {
            let ws = try Workspace()
            let bytes = ZipForge.build([.init(name: Array("ok.txt".utf8), data: Array("ok".utf8)), .init(name: name, data: Array("pwned".utf8))])
            let error = try Self.unpack(bytes, zip: true, in: ws)
            #expect(error?.contains("illegal file path") == true && error?.contains("NUL") == true, "\(error ?? "accepted")")
            #expect(!FileManager.default.fileExists(atPath: ws.path("outside/x")))
        }
    }

    @Test("NUL in a tar link target or a PAX path is refused")
    func tarNUL() throws {
        let ws = try Workspace()
        let bad = (Self.header("l", .symlink, mode: 0o777, link: RawPath(bytes: Array("ok".utf8) + [0] + Array("/../../x".utf8))), [UInt8]())
        // The USTAR link field is cut at the NUL by any reader; a PAX linkpath record keeps it, and is refused.
        var pax = bad.0
        pax.linkName = RawPath(bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 120) + [0] + Array("/../../x".utf8))
        let error = try Self.unpack(try Self.tarGz([Self.file("f", "x"), (pax, [])]), in: ws)
        #expect(error?.contains("NUL") == true, "\(error ?? "accepted")")
    }

    @Test("a zip64 size of 2^63 or more is a clear error, not a trap", arguments: [UInt64(1) << 63, UInt64.max])
    func zip64Huge(size: UInt64) throws {
        let ws = try Workspace()
        let bytes = ZipForge.build([.init(name: Array("big.bin".utf8), data: Array("tiny".utf8), zip64Size: size)])
        let error = try Self.unpack(bytes, zip: true, in: ws)
        #expect(error?.contains("zip:") == true, "\(error ?? "accepted")")
    }

    @Test("setuid, setgid and sticky bits never come from an archive: permission bits only, through the umask (022 here)")
    func noSetuid() throws {
        let ws = try Workspace()
        let error = try Self.unpack(try Self.tarGz([Self.dir("d", mode: 0o7777), Self.file("d/run", "#!/bin/sh\n", mode: 0o6755),
                                                     Self.file("g", "x", mode: 0o2644)]), in: ws)
        #expect(error == nil)
        var st = stat()
        #expect(lstat(ws.path("work/t/d"), &st) == 0 && st.st_mode & 0o7777 == 0o755)
        #expect(lstat(ws.path("work/t/d/run"), &st) == 0 && st.st_mode & 0o7777 == 0o755)
        #expect(lstat(ws.path("work/t/g"), &st) == 0 && st.st_mode & 0o7777 == 0o644)
        // A zip's Unix modes likewise.
        let zws = try Workspace()
        var zipBytes = ZipForge.build([.init(name: Array("s".utf8), data: Array("x".utf8))])
        // Patch the external attributes of the one central entry to 0106755 (setuid).
        if let at = (0..<(zipBytes.count - 4)).first(where: { zipBytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x01, 0x02] }) {
            zipBytes.replaceSubrange((at + 38)..<(at + 42), with: ZipForge.le32(0o106755 << 16))
        }
        #expect(try Self.unpack(zipBytes, zip: true, in: zws) == nil)
        #expect(lstat(zws.path("work/t"), &st) == 0 && st.st_mode & 0o7777 == 0o755)
    }

    @Test("links are judged where they finally land", arguments: [
        ("the only entry is `x -> .`", [ContainmentTests.link("x", ".")], "the archive's only entry is a link"),
        ("the only entry is a dangling link", [ContainmentTests.link("x", "y")], "the archive's only entry is a link"),
        ("a chain through a link to a shallower place", [ContainmentTests.dir("d1/d2"), ContainmentTests.link("d1/d2/s", "../.."),
                                                        ContainmentTests.link("t", "d1/d2/s/../.."), ContainmentTests.file("other", "x")],
         "resolves outside the artifact"),
        ("`..` inside the single directory that becomes the target", [ContainmentTests.dir("d"), ContainmentTests.link("d/l", ".."),
                                                                     ContainmentTests.file("d/f", "x")], "resolves outside the artifact"),
        ("a dangling link whose rest climbs out", [ContainmentTests.link("a/l", "missing/../../.."), ContainmentTests.file("b", "x")],
         "illegal symlink target"),
    ])
    func finalPlace(_ description: String, _ entries: [(TarHeader, [UInt8])], _ expected: String) throws {
        let ws = try Workspace()
        let error = try Self.unpack(try Self.tarGz(entries), in: ws)
        #expect(error?.contains(expected) == true, "\(description): \(error ?? "accepted")")
    }

    @Test("links that stay inside are kept, through chains and after the single directory is unwrapped")
    func linksInside() throws {
        let ws = try Workspace()
        let error = try Self.unpack(try Self.tarGz([Self.dir("d"), Self.file("d/sub/f", "x"), Self.link("d/l", "sub/f"),
                                                     Self.link("d/sub/up", "../l"), Self.link("d/dangling", "nowhere")]), in: ws)
        #expect(error == nil)
        #expect(try String(contentsOfFile: ws.path("work/t/sub/up"), encoding: .utf8) == "x")
    }

    @Test("file names are bytes: Latin-1 names pack and unpack exactly, tar and zip, and never collapse")
    func byteNames() throws {
        let ws = try Workspace()
        try ws.mkdir("src/tree")
        let names: [[UInt8]] = [Array("caf".utf8) + [0xE9], Array("caf".utf8) + [0xE8], Array("ok".utf8)]
        for name in names {
            let dir = open(ws.path("src/tree"), O_RDONLY | O_DIRECTORY)
            let cname = name.map { CChar(bitPattern: $0) } + [0]
            let f = openat(dir, cname, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            #expect(f >= 0)
            _ = name.withUnsafeBytes { write(f, $0.baseAddress, $0.count) }
            close(f)
            close(dir)
        }
        for zip in [false, true] {
            let sink = MemorySink()
            if zip { try Packer.zip(source: ws.path("src/tree"), to: sink) } else { try Packer.tarGz(source: ws.path("src/tree"), to: sink) }
            let out = try Workspace()
            #expect(try Self.unpack(Array(sink.data), zip: zip, in: out) == nil)
            let listed = try DirectoryHandle.open(out.path("work/t")).names()
            #expect(listed.map(\.bytes) == names.sorted { $0.lexicographicallyPrecedes($1) }, "zip: \(zip)")
            for name in names {
                let file = try DirectoryHandle.open(out.path("work/t")).openFile(RawPath(bytes: name))
                var buffer = [UInt8](repeating: 0, count: 16)
                let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try file.read(into: b) }
                #expect(Array(buffer[0..<n]) == name)
            }
        }
        // GNU tar agrees on the names.
        let sink = MemorySink()
        try Packer.tarGz(source: ws.path("src/tree"), to: sink)
        try sink.data.write(to: URL(fileURLWithPath: ws.path("latin1.tgz")))
        let listing = try Tool.run("/bin/tar", ["--quoting-style=literal", "-tzf", ws.path("latin1.tgz")])
        #expect(listing.stdout.split(separator: 0x0A).map(Array.init).contains(Array("tree/caf".utf8) + [0xE9]))
    }

    @Test("trees deeper than PATH_MAX extract, pack, and are removed without a trace on failure")
    func deepTrees() throws {
        let component = String(repeating: "d", count: 40)
        let deep = Array(repeating: component, count: 150).joined(separator: "/")  // 6,150 bytes
        let ws = try Workspace()
        #expect(try Self.unpack(try Self.tarGz([Self.file(deep + "/leaf", "deep"), Self.file("top", "x")]), in: ws) == nil)
        // Read it back descriptor by descriptor (the path is too long for open(2)).
        var dir = try DirectoryHandle.open(ws.path("work/t"))
        for _ in 0..<150 { dir = try dir.openDirectory(RawPath(component)) }
        #expect(try dir.info("leaf")?.size == 4)
        // Packing it again works too.
        let sink = MemorySink()
        try Packer.tarGz(source: ws.path("work/t"), to: sink)
        #expect(sink.data.count > 0)
        // The same tree followed by a bad entry: the whole tmpdir goes, deep as it is.
        let failing = try Workspace()
        let error = try Self.unpack(try Self.tarGz([Self.file(deep + "/leaf", "deep"), Self.file("../escape", "x")]), in: failing)
        #expect(error?.contains("illegal file path") == true)
    }

    @Test("a valid tar.gz with zero padding after the gzip member unpacks (GNU tar, Python and Go accept it)")
    func trailingPadding() throws {
        let ws = try Workspace()
        let bytes = try Self.tarGz([Self.file("a.txt", "hello")], trailing: [UInt8](repeating: 0, count: 10_240))
        #expect(try Self.unpack(bytes, in: ws) == nil)
        #expect(try String(contentsOfFile: ws.path("work/t"), encoding: .utf8) == "hello")
        #expect(try Detection.isTarGz(ws.path("in.tgz")))
        // GNU tar agrees.
        #expect(try Tool.run("/bin/tar", ["-tzf", ws.path("in.tgz")]).status == 0)
    }

    @Test("detection does not stop at 16 KiB: a first entry behind a 200 KiB PAX header is still tar.gz")
    func largeFirstHeader() throws {
        // Random letters: the PAX record does not compress to less than 16 KiB.
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        var h = Self.header(RawPath(bytes: (0..<200_000).map { _ in letters.randomElement()! }), size: 5)
        h.mode = 0o644
        let bytes = try Self.tarGz([(h, Array("hello".utf8))])
        #expect(Detection.verdict(prefix: Array(bytes.prefix(16 * 1024)), complete: false) == .needMore)
        #expect(Detection.verdict(prefix: bytes, complete: true) == .tarGz)
        #expect(Detection.verdict(prefix: Array("plain text, not gzip".utf8), complete: false) == .notTarGz)
        let ws = try Workspace()
        try Data(bytes).write(to: URL(fileURLWithPath: ws.path("big-header.tgz")))
        #expect(try Detection.isTarGz(ws.path("big-header.tgz")))
    }

    @Test("every archive of the fuzz corpus that extracts leaves a tree that resolves inside itself")
    func corpusContainment() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/unpack")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        #expect(files.count > 100)
        var extracted = 0
        for name in files {
            let data = try Data(contentsOf: corpus.appendingPathComponent(name))
            guard data.count > 1 else { continue }
            let ws = try Workspace()
            let isZip = data[0] % 2 == 1
            if try Self.unpack(Array(data.dropFirst()), zip: isZip, in: ws) == nil { extracted += 1 }
        }
        #expect(extracted > 10)
    }

    @Test("deep and long names cost linear time: 3,000 entries 1,500 levels deep extract in seconds; a 200 KB name is refused at once")
    func deepNamesAreCheap() throws {
        let dir = Array(repeating: "d", count: 1500).joined(separator: "/")
        let archive = try Self.tarGz((0..<3000).map { Self.file(dir + "/f\($0)", "x") })
        let ws = try Workspace()
        try ws.mkdir("work")
        try Data(archive).write(to: URL(fileURLWithPath: ws.path("deep.tgz")))
        var start = Date()
        try Unpacker.unpack(archive: ws.path("deep.tgz"), to: ws.path("work/t"), format: .tarGz)
        // Quadratic work (a walk from the root and a path label per entry) took minutes here.
        #expect(Date().timeIntervalSince(start) < 60)
        let refused = try Workspace()
        start = Date()
        let error = try Self.unpack(try Self.tarGz([Self.file(Array(repeating: "d", count: 100_000).joined(separator: "/"), "x")]), in: refused)
        #expect(error?.contains("longer than 65536 bytes") == true, "\(error?.prefix(200) ?? "accepted")")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("skipped entries with huge names: a bounded list of short names, in bounded time")
    func manySkippedEntries() throws {
        var entries: [(TarHeader, [UInt8])] = []
        for i in 0..<300 {
            var h = Self.header(RawPath(bytes: Array("skip\(i)-".utf8) + [UInt8](repeating: 0xFF, count: 60_000)), .fifo)
            h.mode = 0o644
            entries.append((h, []))
        }
        let ws = try Workspace()
        try ws.mkdir("work")
        try Data(try Self.tarGz(entries + [Self.file("kept", "x")])).write(to: URL(fileURLWithPath: ws.path("in.tgz")))
        let start = Date()
        let skipped = try Unpacker.unpack(archive: ws.path("in.tgz"), to: ws.path("work/t"), format: .tarGz)
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(skipped.count == SafeExtractor.maxSkippedNames + 1)
        #expect(skipped.last == "(and 200 more)")
        #expect(skipped.allSatisfy { $0.utf8.count <= 1100 })
    }

    @Test("--max-bytes bounds everything decompressed: a bomb in a skipped entry, or after the archive's end, is stopped")
    func bombsInSkippedData() throws {
        var hidden = Self.header("fifo-with-data", .regular, size: 0)
        hidden.mode = 0o644
        // An entry of an unknown type ('Z') carries 8 MiB of zeros that nothing extracts.
        var unknown = Self.header("unknown", .regular, size: 8 << 20)
        unknown.mode = 0o644
        var block = unknown.encode()
        block[156] = UInt8(ascii: "Z")
        var sum = 0
        for i in 0..<512 { sum += (148..<156).contains(i) ? 0x20 : Int(block[i]) }
        let digits = Array(String(sum, radix: 8).utf8)
        for i in 148..<156 { block[i] = 0 }
        for (i, d) in (([UInt8](repeating: UInt8(ascii: "0"), count: 6 - digits.count)) + digits).enumerated() { block[148 + i] = d }
        block[155] = 0x20
        let sink = MemorySink()
        let gz = try GzipWriter(sink: sink, level: 6)
        try gz.write(block)
        try gz.write([UInt8](repeating: 0, count: 8 << 20))
        try gz.write(Self.file("a", "x").0.encode() + Array("x".utf8) + [UInt8](repeating: 0, count: 511 + 1024))
        try gz.finish()
        let ws = try Workspace()
        try ws.mkdir("work")
        try sink.data.write(to: URL(fileURLWithPath: ws.path("bomb.tgz")))
        let error = #expect(throws: ExecError.self) {
            try Unpacker.unpack(archive: ws.path("bomb.tgz"), to: ws.path("work/t"), format: .tarGz, limits: .init(maxBytes: 1 << 20))
        }
        #expect(error?.message.contains("more than 1048576 bytes") == true)
        #expect(Workspace.children(ws.path("work")) == [])
        _ = hidden
    }
}
