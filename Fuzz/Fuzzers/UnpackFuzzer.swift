import Archive
import Core

#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target `unpack` (issue 3). Each input is an archive: the first byte picks tar.gz (even) or
/// zip (odd) for the rest. It is extracted below a scratch directory with the executor's own code, and the
/// invariant is checked after every input: whether extraction succeeds or fails, nothing may exist in the
/// scratch directory except the target (and nothing at all after a failure). A violation aborts, which
/// libFuzzer reports as a crash; so do memory errors under -sanitize=address.
enum UnpackFuzzer {
    static let scratch: String = {
        let dir = "/tmp/argoexec-fuzz-\(getpid())"
        mkdir(dir, 0o700)
        mkdir(dir + "/work", 0o700)
        return dir
    }()

    static func run(_ data: UnsafeRawBufferPointer) {
        guard data.count > 1 else { return }
        let fd = open(scratch + ".input", O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = write(fd, data.baseAddress! + 1, data.count - 1)
        lseek(fd, 0, SEEK_SET)
        guard let target = try? Destination.path(scratch + "/work/t") else { return }
        let limits = Unpacker.Limits(maxBytes: 32 << 20, maxEntries: 5000)
        let ok: Bool
        do {
            if data[0] % 2 == 0 {
                _ = try Unpacker.extractTarGz(fd: fd, label: "fuzz", to: target, limits: limits)
            } else {
                _ = try Unpacker.extractZip(FileDescriptor(adopting: dup(fd), label: "fuzz"), to: target, limits: limits)
            }
            ok = true
        } catch {
            ok = false
        }
        let left = entries(scratch + "/work")
        if ok ? left.contains(where: { $0 != "t" }) : !left.isEmpty { fatalError("unpacker left \(left) in its scratch directory") }
        if entries(scratch) != ["work"] { fatalError("unpacker wrote outside its target: \(entries(scratch))") }
        try? target.removeTree()
    }

    static func cleanUp() {
        try? Destination.path(scratch).removeTree()
        try? Destination.path(scratch + ".input").removeTree()
    }

    static func entries(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: &e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name != "." && name != ".." { out.append(name) }
        }
        return out.sorted()
    }
}
