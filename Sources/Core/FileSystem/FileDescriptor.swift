#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor that closes itself: no `defer { close(fd) }` anywhere above this layer.
/// Immutable, so one descriptor can be read with `pread` from several threads (parallel upload parts).
public final class FileDescriptor: Sendable {
    public let raw: Int32
    /// The path (or a description) the errors name, spelled out when needed.
    public let pathLabel: PathLabel
    public var label: String { pathLabel.description }

    /// Takes ownership of `raw`.
    public init(adopting raw: Int32, label: String) {
        self.raw = raw
        pathLabel = PathLabel(label)
    }

    init(adopting raw: Int32, pathLabel: PathLabel) {
        self.raw = raw
        self.pathLabel = pathLabel
    }

    deinit { close(raw) }

    /// Opens `path` for reading, following links as the kernel does (paths this process trusts: its own
    /// staging files, a path given on the command line). FIFOs, devices and sockets are refused without
    /// blocking: the open is non-blocking and the kind is checked before anything is read.
    public static func openForReading(_ path: String) throws(ExecError) -> FileDescriptor {
        let fd = try FileIO.open(path, O_RDONLY | O_NONBLOCK)
        let descriptor = FileDescriptor(adopting: fd, label: path)
        try descriptor.requireRegular()
        return descriptor
    }

    /// Opens (creating or truncating) `path` for writing; with `exclusive` an existing file is an error.
    public static func create(_ path: String, mode: UInt32 = 0o644, exclusive: Bool = false) throws(ExecError) -> FileDescriptor {
        let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | (exclusive ? O_EXCL : O_TRUNC)
        return FileDescriptor(adopting: try FileIO.open(path, flags, mode: mode_t(mode)), label: path)
    }

    public func info() throws(ExecError) -> FileInfo {
        var st = stat()
        guard fstat(raw, &st) == 0 else { throw ExecError.system("stat", label, errno) }
        return FileInfo(st)
    }

    /// Fails unless this is a regular file; then clears `O_NONBLOCK` (set so a FIFO could not block the open).
    func requireRegular() throws(ExecError) {
        let info = try info()
        guard info.kind == .regular else {
            throw ExecError(.badRequest, "\(label) is not a regular file (\(info.kind))", context: ["path": label])
        }
        let flags = fcntl(raw, F_GETFL)
        if flags >= 0 && flags & O_NONBLOCK != 0 { _ = fcntl(raw, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// Up to `buffer.count` bytes; 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        try FileIO.read(raw, into: buffer, name: label)
    }

    /// Up to `buffer.count` bytes at `offset` (the file position is not moved); 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(ExecError) -> Int {
        try FileIO.read(raw, into: buffer, at: offset, name: label)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        try FileIO.writeAll(raw, bytes, name: label)
    }

    public func write(_ bytes: [UInt8]) throws(ExecError) {
        try bytes.withBytes { (b) throws(ExecError) in try write(b) }
    }

    public func sync() throws(ExecError) { try FileIO.sync(raw, name: label) }

    /// chmod; only the permission bits and setuid/setgid/sticky of `mode` are used.
    public func setMode(_ mode: UInt32) throws(ExecError) {
        guard fchmod(raw, mode_t(mode & 0o7777)) == 0 else { throw ExecError.system("chmod", label, errno) }
    }

    /// Sets access and modification time to `time`.
    public func setTimes(_ time: FileTime) throws(ExecError) {
        var times = [time.timespec, time.timespec]
        guard futimens(raw, &times) == 0 else { throw ExecError.system("chtimes", label, errno) }
    }

    /// Streams the rest of the file into `sink` in 256 KiB chunks (the sink is not finished).
    public func copy(into sink: any ByteSink) throws(ExecError) {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try read(into: b) }
            if n == 0 { return }
            try buffer.withBytes { (b) throws(ExecError) in try sink.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
        }
    }

    /// A sink writing to this descriptor (and keeping it open).
    public var sink: FileDescriptorSink { FileDescriptorSink(descriptor: self) }
}
