#if canImport(Glibc)
import Glibc
#endif

/// An open directory and every operation on the names inside it, all relative to its descriptor and none
/// following a symlink in the name itself (`O_NOFOLLOW`, `AT_SYMLINK_NOFOLLOW`): the one way this project
/// touches a tree that someone else may have written (docs/security.md). Paths longer than `PATH_MAX`
/// are never needed, since every operation takes one name.
public final class DirectoryHandle: Sendable {
    public let descriptor: FileDescriptor
    /// The path the errors name (spelled out only when a message needs it).
    public var label: String { descriptor.label }

    init(_ descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    /// Opens the directory at `path` (a trusted path: links in it are followed as the kernel does;
    /// `followLast: false` refuses a link as the last element).
    /// Linux's `O_PATH` (010000000 on x86-64 and arm64), which Glibc's Swift module leaves out (`_GNU_SOURCE`).
    static let pathOnly: Int32 = 0o10000000

    /// `searchOnly`: opened with `O_PATH`, for acting on names in it (stat, link, unlink, open below) in a
    /// directory this process may search and write but not read; its own listing is then unavailable.
    public static func open(_ path: String, followLast: Bool = true, searchOnly: Bool = false) throws(ExecError) -> DirectoryHandle {
        let fd = try FileIO.open(path, (searchOnly ? Self.pathOnly : O_RDONLY) | O_DIRECTORY | (followLast ? 0 : O_NOFOLLOW))
        return DirectoryHandle(FileDescriptor(adopting: fd, label: path))
    }

    func childLabel(_ name: RawPath) -> String { descriptor.pathLabel.child(name).description }

    /// `fstatat` without following; nil when the name does not exist.
    public func info(_ name: RawPath) throws(ExecError) -> FileInfo? {
        var st = stat()
        let rc = fstatat(descriptor.raw, try name.cString(), &st, AT_SYMLINK_NOFOLLOW)
        if rc == 0 { return FileInfo(st) }
        if errno == ENOENT { return nil }
        throw ExecError.system("lstat", childLabel(name), errno)
    }

    /// The directory `name`; a symlink or a non-directory there is an error, never followed.
    public func openDirectory(_ name: RawPath) throws(ExecError) -> DirectoryHandle {
        let fd = openat(descriptor.raw, try name.cString(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ELOOP || e == ENOTDIR {
                throw ExecError(.badRequest, "\(childLabel(name)) is a symlink or not a directory (not followed)",
                                context: ["path": childLabel(name)])
            }
            throw ExecError.system("open", childLabel(name), e)
        }
        return DirectoryHandle(FileDescriptor(adopting: fd, pathLabel: descriptor.pathLabel.child(name)))
    }

    /// The regular file `name` for reading. A symlink is refused; a FIFO, device or socket is refused
    /// without blocking on it.
    public func openFile(_ name: RawPath) throws(ExecError) -> FileDescriptor {
        let fd = openat(descriptor.raw, try name.cString(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ELOOP { throw ExecError(.badRequest, "\(childLabel(name)) is a symlink (not followed)", context: ["path": childLabel(name)]) }
            throw ExecError.system("open", childLabel(name), e)
        }
        let file = FileDescriptor(adopting: fd, pathLabel: descriptor.pathLabel.child(name))
        try file.requireRegular()
        return file
    }

    /// Creates the file `name` for writing (and reading, with `readable`) with `mode`; `exclusive`
    /// refuses an existing name (of any kind).
    public func createFile(_ name: RawPath, mode: UInt32, exclusive: Bool = true, readable: Bool = false) throws(ExecError) -> FileDescriptor {
        let flags = (readable ? O_RDWR : O_WRONLY) | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        let fd = openat(descriptor.raw, try name.cString(), flags, mode_t(mode & 0o7777))
        guard fd >= 0 else { throw ExecError.system("open", childLabel(name), errno) }
        return FileDescriptor(adopting: fd, pathLabel: descriptor.pathLabel.child(name))
    }

    /// mkdir; false when `name` already exists as a directory (a link or a file there is an error).
    @discardableResult
    public func makeDirectory(_ name: RawPath, mode: UInt32) throws(ExecError) -> Bool {
        if mkdirat(descriptor.raw, try name.cString(), mode_t(mode & 0o7777)) == 0 { return true }
        let e = errno
        guard e == EEXIST else { throw ExecError.system("mkdir", childLabel(name), e) }
        guard try info(name)?.kind == .directory else {
            throw ExecError(.badRequest, "\(childLabel(name)) exists and is not a directory", context: ["path": childLabel(name)])
        }
        return false
    }

    public func makeSymlink(_ name: RawPath, target: RawPath) throws(ExecError) {
        let rc = symlinkat(try target.cString(), descriptor.raw, try name.cString())
        guard rc == 0 else { throw ExecError.system("symlink", childLabel(name), errno) }
    }

    /// The text of the symlink `name`, as bytes.
    public func readLink(_ name: RawPath) throws(ExecError) -> RawPath {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let c = try name.cString()
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { readlinkat(descriptor.raw, c, $0.baseAddress!, $0.count - 1) }
        }
        guard n >= 0 else { throw ExecError.system("readlink", childLabel(name), errno) }
        return RawPath(bytes: buffer[0..<n])
    }

    /// chmod of `name` itself (a symlink there is left alone: Linux links have no mode of their own).
    public func setMode(_ name: RawPath, _ mode: UInt32) throws(ExecError) {
        let rc = fchmodat(descriptor.raw, try name.cString(), mode_t(mode & 0o7777), AT_SYMLINK_NOFOLLOW)
        if rc == 0 { return }
        let e = errno
        if (e == EOPNOTSUPP || e == ENOTSUP), try info(name)?.kind == .symlink { return }
        throw ExecError.system("chmod", childLabel(name), e)
    }

    /// Renames `name` to `newName` in `target` (atomically replacing a file there, as rename(2) does).
    public func rename(_ name: RawPath, to target: DirectoryHandle, _ newName: RawPath) throws(ExecError) {
        let rc = renameat(descriptor.raw, try name.cString(), target.descriptor.raw, try newName.cString())
        guard rc == 0 else { throw ExecError.system("rename", target.childLabel(newName), errno) }
    }

    /// Removes a file, a link or an empty directory; a missing name is fine.
    public func remove(_ name: RawPath) throws(ExecError) {
        let kind = try info(name)?.kind
        guard let kind else { return }
        let rc = unlinkat(descriptor.raw, try name.cString(), kind == .directory ? AT_REMOVEDIR : 0)
        guard rc == 0 || errno == ENOENT else { throw ExecError.system("remove", childLabel(name), errno) }
    }

    /// The names inside, without `.` and `..`, in byte order (Go's `filepath.Walk` and `os.ReadDir` order).
    public func names() throws(ExecError) -> [RawPath] {
        // A fresh open file description: its own offset, so listings on other threads do not interfere.
        let copy = openat(descriptor.raw, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard copy >= 0 else { throw ExecError.system("open", label, errno) }
        guard let stream = fdopendir(copy) else {
            let e = errno
            close(copy)
            throw ExecError.system("open", label, e)
        }
        defer { closedir(stream) }
        var out: [RawPath] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw ExecError.system("readdirent", label, errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { RawPath(bytes: $0.prefix { $0 != 0 }) }
            if !name.isDot && !name.isDotDot { out.append(name) }
        }
        return out.sorted()
    }

    public func sync() { _ = fsync(descriptor.raw) }

    /// Which directory this is (device and inode), to recognise it again.
    public func identity() throws(ExecError) -> FileIdentity {
        let info = try descriptor.info()
        return FileIdentity(device: info.device, inode: info.inode)
    }

    /// The parent directory, opened through `..` and checked to be `expected` (the directory a walk came
    /// down from): if this directory was moved elsewhere meanwhile, that is an error, never a detour.
    public func parentDirectory(expecting expected: FileIdentity) throws(ExecError) -> DirectoryHandle {
        let fd = openat(descriptor.raw, "..", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw ExecError.system("open", label + "/..", errno) }
        let parent = DirectoryHandle(FileDescriptor(adopting: fd, pathLabel: descriptor.pathLabel.up ?? descriptor.pathLabel.child("..")))
        guard try parent.identity() == expected else {
            throw ExecError(.badRequest, "\(self.label) was moved while it was being walked", context: ["path": self.label])
        }
        return parent
    }
}
