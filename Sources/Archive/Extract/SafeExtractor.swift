import Core
import Model

#if canImport(Glibc)
import Glibc
#endif

/// Writes archive entries below one directory and nowhere else (artifacts.md §4.3, executor.md §4.3).
/// Every path is walked from the root's descriptor with `openat(O_NOFOLLOW)`, so no entry can write through
/// a symlink, whatever earlier entries planted. Rules, with the entry named in every error:
/// - absolute names and names whose `..` climbs out are rejected (`illegal file path: <name>`);
/// - a name that passes through a symlink or a file is rejected;
/// - a symlink whose target (relative to its directory) leaves the root, or is absolute, is rejected
///   (`illegal symlink target: <name> -> <link>`);
/// - hard links, devices, FIFOs and sockets are skipped (as Argo does) and reported to the caller.
final class SafeExtractor {
    typealias Limits = SafeExtractorLimits

    private let root: Int32
    private let limits: Limits
    private var bytes: Int64 = 0
    private var entries = 0
    private var directoryModes: [(path: String, mode: mode_t)] = []
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    private(set) var skipped: [String] = []

    /// `rootPath` must be an existing directory.
    init(rootPath: String, limits: Limits) throws(ExecError) {
        root = try FileIO.open(rootPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        self.limits = limits
    }

    deinit { close(root) }

    func extract(_ entry: ArchiveEntry, from reader: any EntryDataSource) throws(ExecError) {
        entries += 1
        if let max = limits.maxEntries, entries > max {
            throw ExecError(.badRequest, "archive has more than \(max) entries")
        }
        guard let parts = Self.components(entry.name) else { throw illegal(entry.name) }
        if parts.isEmpty {
            // `./` or `a/..`: the root itself. Argo fails on it; GNU tar writes `./` first. A directory entry
            // for the root is harmless, anything else is not.
            if case .directory = entry.kind { return }
            throw illegal(entry.name)
        }
        switch entry.kind {
        case .hardlink, .other:
            skipped.append(entry.name)
            return
        default: break
        }
        let parent = try openParent(parts, entry: entry.name)
        defer { if parent != root { close(parent) } }
        let leaf = parts[parts.count - 1]
        let relative = parts.joined(separator: "/")
        switch entry.kind {
        case .directory:
            try makeDirectory(parent, leaf, entry: entry.name)
            directoryModes.append((relative, mode_t(entry.mode & 0o7777)))
        case .regular:
            try replaceable(parent, leaf, entry: entry.name)
            try writeFile(parent, leaf, entry, reader)
        case .symlink:
            guard Self.symlinkStaysInside(target: entry.linkTarget, linkDirectory: Array(parts.dropLast())) else {
                throw ExecError(.badRequest, "illegal symlink target: \(entry.name) -> \(entry.linkTarget)", context: ["entry": entry.name])
            }
            try replaceable(parent, leaf, entry: entry.name)
            guard symlinkat(entry.linkTarget, parent, leaf) == 0 else { throw ExecError.system("symlink", entry.name, errno) }
        case .hardlink, .other:
            break
        }
    }

    /// Applies directory modes last (deepest first), so a read-only directory could still be filled.
    func finish() throws(ExecError) {
        for (path, mode) in directoryModes.reversed() {
            guard fchmodat(root, path, mode, 0) == 0 else { throw ExecError.system("chmod", path, errno) }
        }
    }

    /// Path components after dropping `.` and empty ones and resolving `..`; nil if the name is absolute
    /// or climbs above the root.
    static func components(_ name: String) -> [String]? {
        if name.hasPrefix("/") { return nil }
        var out: [String] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if out.isEmpty { return nil }
                out.removeLast()
                continue
            }
            out.append(String(part))
        }
        return out
    }

    /// A link `dir/name -> target` stays inside when `dir + target`, resolved lexically, never leaves the
    /// root. Absolute targets are refused: their meaning depends on where the tree is finally mounted.
    static func symlinkStaysInside(target: String, linkDirectory: [String]) -> Bool {
        guard !target.isEmpty, !target.hasPrefix("/") else { return false }
        return components((linkDirectory + [target]).joined(separator: "/")) != nil
    }

    /// Opens the directory that will hold the last component, creating missing parents (0755, as Argo)
    /// and refusing to pass through symlinks or non-directories.
    private func openParent(_ parts: [String], entry: String) throws(ExecError) -> Int32 {
        var dir = root
        for part in parts.dropLast() {
            var fd = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0 && errno == ENOENT {
                if mkdirat(dir, part, 0o755) != 0 && errno != EEXIST {
                    let e = errno
                    if dir != root { close(dir) }
                    throw ExecError.system("mkdir", entry, e)
                }
                fd = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let e = errno
            if dir != root { close(dir) }
            guard fd >= 0 else {
                if e == ELOOP || e == ENOTDIR {
                    throw ExecError(.badRequest, "illegal file path: \(entry): \(part) is a symlink or not a directory",
                                    context: ["entry": entry])
                }
                throw ExecError.system("open", entry, e)
            }
            dir = fd
        }
        return dir
    }

    private func makeDirectory(_ parent: Int32, _ leaf: String, entry: String) throws(ExecError) {
        if mkdirat(parent, leaf, 0o700) == 0 { return }
        guard errno == EEXIST else { throw ExecError.system("mkdir", entry, errno) }
        var st = stat()
        guard fstatat(parent, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw ExecError(.badRequest, "illegal file path: \(entry): exists and is not a directory", context: ["entry": entry])
        }
    }

    /// Removes an earlier non-directory entry of the same name (a later entry wins, as with tar).
    private func replaceable(_ parent: Int32, _ leaf: String, entry: String) throws(ExecError) {
        var st = stat()
        guard fstatat(parent, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        guard st.st_mode & S_IFMT != S_IFDIR else {
            throw ExecError(.badRequest, "illegal file path: \(entry): would replace a directory", context: ["entry": entry])
        }
        guard unlinkat(parent, leaf, 0) == 0 else { throw ExecError.system("unlink", entry, errno) }
    }

    private func writeFile(_ parent: Int32, _ leaf: String, _ entry: ArchiveEntry, _ reader: any EntryDataSource) throws(ExecError) {
        let fd = openat(parent, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ExecError.system("open", entry.name, errno) }
        defer { close(fd) }
        while true {
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try reader.read(into: b) }
            if n == 0 { break }
            bytes += Int64(n)
            if let max = limits.maxBytes, bytes > max {
                throw ExecError(.badRequest, "archive expands to more than \(max) bytes (at \(entry.name))", context: ["entry": entry.name])
            }
            try buffer.withBytes { (b) throws(ExecError) in try FileIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: b[0..<n]), name: entry.name) }
        }
        guard fchmod(fd, mode_t(entry.mode & 0o777)) == 0 else { throw ExecError.system("chmod", entry.name, errno) }
        if let mtime = entry.mtime {
            var times = [mtime, mtime]
            guard futimens(fd, &times) == 0 else { throw ExecError.system("chtimes", entry.name, errno) }
        }
    }

    private func illegal(_ name: String) -> ExecError {
        ExecError(.badRequest, "illegal file path: \(name)", context: ["entry": name])
    }
}
