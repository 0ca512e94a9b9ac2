#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checked wrappers around the few syscalls the stream code needs.
public enum FileIO {
    /// Writes every byte, retrying on EINTR and short writes.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: @autoclosure () -> String) throws(ExecError) {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw ExecError.system("write", name(), e)
            }
            p += n
            left -= n
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, name: @autoclosure () -> String) throws(ExecError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            throw ExecError.system("read", name(), e)
        }
    }

    /// Up to `buffer.count` bytes at `offset` without moving the file position; 0 at the end.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64,
                            name: @autoclosure () -> String) throws(ExecError) -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            throw ExecError.system("read", name(), e)
        }
    }

    /// `chmod(path, mode)` (links followed: for paths this process just created).
    public static func setMode(_ path: String, _ mode: UInt32) throws(ExecError) {
        guard chmod(path, mode_t(mode)) == 0 else { throw ExecError.system("chmod", path, errno) }
    }

    /// Removes the file (or link) at `path` if there is one; errors are ignored (best effort).
    public static func removeIfPresent(_ path: String) { _ = unlink(path) }

    /// `access(path, X_OK)`: nil when the caller may execute `path`, else the reason.
    public static func executableProblem(_ path: String) -> SystemError? {
        access(path, X_OK) == 0 ? nil : SystemError.current
    }

    /// What `stat` says about `path` (links followed).
    public static func info(_ path: String) throws(ExecError) -> FileInfo {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ExecError.system("stat", path, errno) }
        return FileInfo(st)
    }

    /// Opens `path`; the error names the path (`open /x: no such file or directory`).
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(ExecError) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw ExecError.system("open", path, errno)
        }
    }

    /// `fsync`, reporting the error (a failed fsync means the data may not be on disk).
    public static func sync(_ fd: Int32, name: @autoclosure () -> String) throws(ExecError) {
        guard fsync(fd) == 0 else {
            let e = errno
            throw ExecError.system("fsync", name(), e)
        }
    }

    /// `lstat`, or nil when the path does not exist.
    public static func lstatIfExists(_ path: String) throws(ExecError) -> stat? {
        var st = Glibc.stat()
        if Glibc.lstat(path, &st) == 0 { return st }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw ExecError.system("lstat", path, errno)
    }

    /// `readAll` of `relative` below the directory `anchor`, no link followed on the way or at the end: for
    /// files in a directory another container can write (`/var/run/argo/template`).
    public static func readAll(_ relative: String, beneath anchor: String, limit: Int) throws(ExecError) -> [UInt8] {
        guard case .file(let file) = try DirectoryHandle.open(anchor).resolve(RawPath(relative), symlinks: .refuse) else {
            throw ExecError(.badRequest, "\(anchor)/\(relative) is a directory")
        }
        return try readAll(file, limit: limit)
    }

    /// The whole of a small file (tokens, secrets, CA bundles, coordination files); more than `limit`
    /// bytes is an error. Only a regular file is read: a FIFO someone put in its place is refused at once
    /// instead of blocking the reader (docs/security.md).
    public static func readAll(_ path: String, limit: Int) throws(ExecError) -> [UInt8] {
        try readAll(try FileDescriptor.openForReading(path), limit: limit)
    }

    /// At most the first `limit` bytes of `relative` below `anchor` (no link followed), the rest ignored.
    public static func readPrefix(_ relative: String, beneath anchor: String, limit: Int) throws(ExecError) -> [UInt8] {
        guard case .file(let file) = try DirectoryHandle.open(anchor).resolve(RawPath(relative), symlinks: .refuse) else {
            throw ExecError(.badRequest, "\(anchor)/\(relative) is a directory")
        }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while out.count < limit {
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try read(file.raw, into: b, name: file.label) }
            if n == 0 { break }
            out += buffer[0..<min(n, limit - out.count)]
        }
        return out
    }

    /// The whole of an open small file; more than `limit` bytes is an error.
    public static func readAll(_ file: FileDescriptor, limit: Int) throws(ExecError) -> [UInt8] {
        let fd = file.raw
        let path = file.label
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try read(fd, into: b, name: path) }
            if n == 0 { return out }
            out += buffer[0..<n]
            guard out.count <= limit else { throw ExecError(.badRequest, "\(path) is larger than \(limit) bytes") }
        }
    }
}
