#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a stream of bytes goes: a file descriptor, a compressor, an upload. Writers call `write` with
/// bounded chunks and `finish` once; `finish` reports flush errors that would otherwise be lost.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError)
    func finish() throws(ExecError)
}

/// A sink writing to a file descriptor it does not own (the caller closes it).
public final class FileDescriptorSink: ByteSink {
    public let fd: Int32
    private let name: String
    public private(set) var bytesWritten: Int64 = 0

    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        try FileIO.writeAll(fd, bytes, name: name)
        bytesWritten += Int64(bytes.count)
    }

    public func finish() throws(ExecError) {}
}

/// Checked wrappers around the few syscalls the stream code needs.
public enum FileIO {
    /// Writes every byte, retrying on EINTR and short writes.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws(ExecError) {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw ExecError.system("write", name, errno)
            }
            p += n
            left -= n
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, name: String) throws(ExecError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ExecError.system("read", name, errno)
        }
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
    public static func sync(_ fd: Int32, name: String) throws(ExecError) {
        guard fsync(fd) == 0 else { throw ExecError.system("fsync", name, errno) }
    }

    /// `lstat`, or nil when the path does not exist.
    public static func lstatIfExists(_ path: String) throws(ExecError) -> stat? {
        var st = stat()
        if Glibc.lstat(path, &st) == 0 { return st }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw ExecError.system("lstat", path, errno)
    }
}

extension ByteSink {
    /// Writes an array (Array's `withUnsafeBytes` only rethrows untyped errors, hence this helper).
    public func write(_ bytes: [UInt8]) throws(ExecError) {
        try bytes.withBytes { (buffer) throws(ExecError) in try write(buffer) }
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` / `withUnsafeMutableBytes` for typed-throwing bodies.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ExecError) -> R) throws(ExecError) -> R {
        let result: Result<R, ExecError> = self.withUnsafeBytes { b in Result { () throws(ExecError) -> R in try body(b) } }
        return try result.get()
    }

    public mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(ExecError) -> R) throws(ExecError) -> R {
        let result: Result<R, ExecError> = self.withUnsafeMutableBytes { b in Result { () throws(ExecError) -> R in try body(b) } }
        return try result.get()
    }
}
