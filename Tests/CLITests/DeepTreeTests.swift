import Foundation

#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Trees deeper than the descriptor limit (issue 13 review): unpacking, packing and the cleanup after a
/// failure hold one directory open at a time, so `argoexec artifact unpack|pack` under `ulimit -n 64`
/// handles a tree 300 levels deep, and a failure in it leaves nothing.
@Suite("unpacking as images run it: a low descriptor limit, uid 8737")
struct DeepTreeTests {
    static func shell(_ script: String) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("unpack, pack and cleanup of a 300-level tree under `ulimit -n 64`")
    func deepUnderLowLimit() throws {
        let dir = NSTemporaryDirectory() + "argoexec-deep-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { _ = try? Self.shell("rm -rf '\(dir)'") }
        // Python's tarfile writes the 1,200-byte names as PAX records; the second archive adds `../x` last.
        let make = """
        import io, tarfile
        deep = '/'.join(['dd'] * 300)
        for name, bad in (('deep.tgz', False), ('bad.tgz', True)):
            with tarfile.open('\(dir)/' + name, 'w:gz', format=tarfile.PAX_FORMAT) as t:
                for extra in ([deep + '/leaf'] + (['../x'] if bad else [])):
                    info = tarfile.TarInfo(extra); info.size = 4
                    t.addfile(info, io.BytesIO(b'deep'))
        """
        try make.write(toFile: dir + "/make.py", atomically: true, encoding: .utf8)
        #expect(try Self.shell("python3 '\(dir)/make.py'").status == 0)
        let bin = BinaryRunner.binary.path
        let unpack = try Self.shell("ulimit -n 64 && '\(bin)' artifact unpack --format tgz '\(dir)/deep.tgz' '\(dir)/out'")
        #expect(unpack.status == 0, "\(unpack.output.suffix(400))")
        let pack = try Self.shell("ulimit -n 64 && '\(bin)' artifact pack '\(dir)/out' '\(dir)/again.tgz' && tar -tzf '\(dir)/again.tgz' | wc -l")
        #expect(pack.status == 0 && pack.output.hasSuffix("301\n"), "\(pack.output.suffix(400))")
        let bad = try Self.shell("ulimit -n 64 && '\(bin)' artifact unpack --format tgz '\(dir)/bad.tgz' '\(dir)/failed'")
        #expect(bad.status != 0 && bad.output.contains("illegal file path: ../x"), "\(bad.output.suffix(400))")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == ["again.tgz", "bad.tgz", "deep.tgz", "make.py", "out"])
    }

    @Test("as uid 8737 (the -nonroot image), an archive with read-only directories unpacks: modes are applied after the move")
    func nonRootReadOnlyDirectories() throws {
        guard getuid() == 0 else { return }  // setpriv needs root to drop to 8737
        let dir = NSTemporaryDirectory() + "argoexec-nonroot-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { _ = try? Self.shell("chmod -R u+w '\(dir)'; rm -rf '\(dir)'") }
        // Our own output of a 0555 directory holding a 0555 directory and a file.
        let tree = """
        set -e; mkdir -p '\(dir)/src/ro/inner'; echo x > '\(dir)/src/ro/inner/f'; echo y > '\(dir)/src/ro/g'
        chmod 555 '\(dir)/src/ro/inner' '\(dir)/src/ro'
        '\(BinaryRunner.binary.path)' artifact pack '\(dir)/src/ro' '\(dir)/ro.tgz'
        mkdir '\(dir)/work' && chown 8737:8737 '\(dir)/work' && chmod 755 '\(dir)' && chmod 644 '\(dir)/ro.tgz'
        """
        #expect(try Self.shell(tree).status == 0)
        let run = try Self.shell("setpriv --reuid 8737 --regid 8737 --clear-groups '\(BinaryRunner.binary.path)' artifact unpack --format tgz '\(dir)/ro.tgz' '\(dir)/work/out'")
        #expect(run.status == 0, "\(run.output.suffix(400))")
        let modes = try Self.shell("stat -c '%a %n' '\(dir)/work/out' '\(dir)/work/out/inner' && cat '\(dir)/work/out/inner/f'")
        #expect(modes.output == "555 \(dir)/work/out\n555 \(dir)/work/out/inner\nx\n", "\(modes.output)")
    }
}
