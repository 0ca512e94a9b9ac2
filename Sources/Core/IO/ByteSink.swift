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

/// A sink writing to a file descriptor: a raw one it does not own (the caller closes it), or a
/// `FileDescriptor` it keeps alive.
public final class FileDescriptorSink: ByteSink {
    public let fd: Int32
    private let rawName: String
    private let owner: FileDescriptor?
    public private(set) var bytesWritten: Int64 = 0

    public init(fd: Int32, name: String) {
        self.fd = fd
        rawName = name
        owner = nil
    }

    public init(descriptor: FileDescriptor) {
        fd = descriptor.raw
        rawName = ""
        owner = descriptor
    }

    /// The name errors use (a descriptor's path is spelled out only then).
    private var name: String { owner?.label ?? rawName }

    /// The descriptor written to (for `fchmod` and the like).
    public var descriptor: FileDescriptor? { owner }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        try TemporaryNames.checkNotAborted()
        try FileIO.writeAll(fd, bytes, name: name)
        bytesWritten += Int64(bytes.count)
    }

    public func finish() throws(ExecError) {}
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

/// Collects a small body in memory (API answers, XML results, tokens); more than `limit` bytes is an
/// error, so a misbehaving peer cannot make the executor grow without bound.
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public let limit: Int

    public init(limit: Int = 64 << 20) { self.limit = limit }

    public func write(_ buffer: UnsafeRawBufferPointer) throws(ExecError) {
        guard bytes.count + buffer.count <= limit else { throw ExecError(.internal, "response larger than \(limit) bytes") }
        bytes += buffer
    }

    public func reset() { bytes = [] }
    public func finish() throws(ExecError) {}
}
