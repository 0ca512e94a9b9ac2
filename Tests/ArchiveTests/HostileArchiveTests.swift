@testable import Archive
import Core
import Foundation
import Testing

/// Builds tar.gz files entry by entry, including entries no honest packer writes.
struct HostileTar {
    enum Item {
        case file(String, String)
        case dir(String)
        case symlink(String, String)
        case hardlink(String, String)
        case device(String)
        case huge(String, Int)  // a file of zeros: compresses ~1000:1
    }

    static func write(_ items: [Item], to path: String, dropLast: Int = 0) throws {
        let sink = MemorySink()
        let gz = try GzipWriter(sink: sink, level: 6)
        for item in items {
            var h = TarHeader(name: "", kind: .regular, mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 1_700_000_000)
            var body: [UInt8] = []
            switch item {
            case .file(let n, let text): h.name = RawPath(n); body = Array(text.utf8)
            case .dir(let n): h.name = RawPath(n); h.kind = .directory; h.mode = 0o755
            case .symlink(let n, let t): h.name = RawPath(n); h.kind = .symlink; h.linkName = RawPath(t); h.mode = 0o777
            case .hardlink(let n, let t): h.name = RawPath(n); h.kind = .hardlink; h.linkName = RawPath(t)
            case .device(let n): h.name = RawPath(n); h.kind = .charDevice
            case .huge(let n, let size): h.name = RawPath(n); h.size = Int64(size)
            }
            if case .huge(_, let size) = item {
                try gz.write(h.encode())
                let zeros = [UInt8](repeating: 0, count: 1 << 20)
                var left = size
                while left > 0 {
                    let n = min(left, zeros.count)
                    try zeros[0..<n].withUnsafeBytes { b in Result { () throws(ExecError) in try gz.write(b) } }.get()
                    left -= n
                }
                try gz.write([UInt8](repeating: 0, count: TarHeader.padding(size % 512)))
                continue
            }
            h.size = Int64(body.count)
            try gz.write(h.encode() + body + [UInt8](repeating: 0, count: TarHeader.padding(body.count)))
        }
        try gz.write([UInt8](repeating: 0, count: 1024))
        try gz.finish()
        var data = sink.data
        data = data.dropLast(dropLast)
        try data.write(to: URL(fileURLWithPath: path))
    }
}

@Suite("Hostile archives: rejected or skipped, nothing written outside the target")
struct HostileArchiveTests {
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let items: @Sendable (String) -> [HostileTar.Item]  // given the absolute path of the outside sentinel
        let error: String?  // expected error text (nil: succeeds with skips)
    }

    static let cases: [Case] = [
        Case(description: "traversal", items: { _ in [.file("ok.txt", "fine"), .file("../outside/pwned", "x")] },
             error: "illegal file path: ../outside/pwned"),
        Case(description: "deep traversal", items: { _ in [.file("a/b/../../../outside/pwned", "x")] },
             error: "illegal file path: a/b/../../../outside/pwned"),
        Case(description: "absolute path", items: { sentinel in [.file(sentinel, "x")] }, error: "illegal file path: /"),
        Case(description: "symlink escape", items: { _ in [.symlink("link", "../outside")] },
             error: "illegal symlink target: link -> ../outside"),
        Case(description: "absolute symlink", items: { sentinel in [.symlink("link", sentinel)] },
             error: "illegal symlink target: link -> /"),
        Case(description: "symlink then write through it", items: { _ in [.dir("d"), .symlink("d/in", "."), .file("d/in/pwned", "x")] },
             error: "illegal file path: d/in/pwned: in is a symlink or not a directory"),
        Case(description: "symlink replaced dir then write through", items: { _ in
            [.symlink("s", "sub"), .dir("sub"), .file("s/x", "x")] }, error: "illegal file path: s/x"),
        Case(description: "file in the way of a directory", items: { _ in [.file("f", "x"), .file("f/g", "y")] },
             error: "illegal file path: f/g"),
        Case(description: "hard link skipped", items: { sentinel in [.file("a", "x"), .hardlink("h", sentinel)] }, error: nil),
        Case(description: "device skipped", items: { _ in [.file("a", "x"), .device("dev")] }, error: nil),
    ]

    @Test("each hostile archive", arguments: cases)
    func hostile(c: Case) throws {
        let ws = try Workspace()
        try ws.write("outside/sentinel", "safe")
        let sentinel = ws.path("outside/sentinel")
        try HostileTar.write(c.items(sentinel), to: ws.path("evil.tgz"))
        try ws.mkdir("work")
        let target = ws.path("work/target")
        do {
            let skipped = try Unpacker.unpack(archive: ws.path("evil.tgz"), to: target, format: .tarGz)
            if let expected = c.error { Issue.record("accepted; expected \(expected)") }
            #expect(!skipped.isEmpty)
        } catch {
            guard let expected = c.error else { Issue.record("rejected: \(error)"); return }
            #expect("\(error)".contains(expected), "\(error)")
            #expect(Workspace.children(ws.path("work")) == [], "nothing may remain at or beside the target")
        }
        #expect(try String(contentsOfFile: sentinel, encoding: .utf8) == "safe")
        #expect(Workspace.children(ws.path("outside")) == ["sentinel"])
        #expect(Workspace.children(ws.path("")) == ["evil.tgz", "outside", "work"])
    }

    @Test("truncated streams give a clear error and leave no target", arguments: [1, 4, 8, 40, 90])
    func truncated(drop: Int) throws {
        let ws = try Workspace()
        try HostileTar.write([.file("a.txt", String(repeating: "payload ", count: 5000)), .file("b.txt", "more")],
                             to: ws.path("cut.tgz"), dropLast: drop)
        try ws.mkdir("work")
        do {
            try Unpacker.unpack(archive: ws.path("cut.tgz"), to: ws.path("work/t"), format: .tarGz)
            Issue.record("a stream missing its last \(drop) bytes was accepted")
        } catch {
            #expect("\(error)".contains("unexpected EOF") || "\(error)".contains("Truncated"), "\(error)")
        }
        #expect(Workspace.children(ws.path("work")) == [])
    }

    @Test("garbage after a gzip header is a clear error")
    func corrupt() throws {
        let ws = try Workspace()
        try Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            .write(to: URL(fileURLWithPath: ws.path("bad.tgz")))
        try ws.mkdir("work")
        #expect(throws: ExecError.self) { try Unpacker.unpack(archive: ws.path("bad.tgz"), to: ws.path("work/t"), format: .tarGz) }
        #expect(Workspace.children(ws.path("work")) == [])
    }

    @Test("a gzip bomb is stopped by the byte limit; without a limit it streams with bounded memory")
    func bomb() throws {
        let ws = try Workspace()
        try HostileTar.write([.huge("zeros.bin", 64 << 20)], to: ws.path("bomb.tgz"))
        #expect((try FileManager.default.attributesOfItem(atPath: ws.path("bomb.tgz"))[.size] as? Int ?? .max) < 200_000)
        try ws.mkdir("work")
        do {
            try Unpacker.unpack(archive: ws.path("bomb.tgz"), to: ws.path("work/t"), format: .tarGz, limits: .init(maxBytes: 1 << 20))
            Issue.record("bomb accepted")
        } catch {
            #expect("\(error)".contains("archive expands to more than 1048576 bytes"))
        }
        #expect(Workspace.children(ws.path("work")) == [])
        try Unpacker.unpack(archive: ws.path("bomb.tgz"), to: ws.path("work/t"), format: .tarGz)
        #expect((try FileManager.default.attributesOfItem(atPath: ws.path("work/t"))[.size] as? Int) == 64 << 20)
    }
}
