internal import CZlib
import Core

/// Decompresses a gzip stream with zlib, checking what a careful reader must: the magic, each member's
/// CRC-32 and length (zlib does this with windowBits 31), and that the input does not end inside a member
/// (`unexpected EOF`, as Go reports it). Concatenated members are read as one stream, like gunzip and Go.
/// After a complete member, anything that does not start another member (tape padding of zeros, trailing
/// garbage) ends the stream: Go's tar reader stops at the archive's end and never looks at it either.
final class GzipReader: ByteSource {
    private let input: any ByteSource
    private let label: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * 1024, alignment: 16)
    private var inputEnd = false
    private var memberOpen = true
    private var sawData = false
    private var trailing = false

    init(source: any ByteSource, label: String) throws(ExecError) {
        input = source
        self.label = label
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Every stored property is set: a throw runs deinit, which frees the stream and the buffer.
        let rc = argoexec_inflate_init2(stream, 31)
        guard rc == Z_OK else { throw Zlib.error("inflateInit2", rc, nil) }
    }

    /// Reads the gzip stream on `fd` (a file, a pipe or a socket; not owned).
    convenience init(fd: Int32, label: String) throws(ExecError) {
        try self.init(source: DescriptorSource(fd: fd, label: label), label: label)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        buffer.deallocate()
    }

    /// Fills `out` with decompressed bytes; returns 0 only at the clean end of the stream.
    func read(into out: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        while true {
            if trailing { return try discardTrailing() }
            if stream.pointee.avail_in == 0 && !inputEnd { try refill() }
            if stream.pointee.avail_in == 0 && inputEnd {
                if memberOpen {
                    throw ExecError(.badRequest, sawData ? "\(label): gzip: unexpected EOF" : "\(label): gzip: empty input (EOF)")
                }
                return 0
            }
            if !memberOpen {
                // Another member follows only if it starts with the magic; anything else is trailing data.
                guard stream.pointee.next_in[0] == 0x1F else {
                    trailing = true
                    continue
                }
                let rc = inflateReset(stream)
                guard rc == Z_OK else { throw Zlib.error("inflateReset", rc, stream) }
                memberOpen = true
            }
            stream.pointee.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(out.count)
            let rc = inflate(stream, Z_NO_FLUSH)
            let produced = out.count - Int(stream.pointee.avail_out)
            switch rc {
            case Z_STREAM_END:
                memberOpen = false
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_DATA_ERROR where !sawData:
                throw ExecError(.badRequest, "\(label): gzip: invalid header")
            default:
                throw Zlib.error("\(label): gzip", rc, stream)
            }
            if produced > 0 { return produced }
        }
    }

    private func refill() throws(ExecError) {
        let n = try input.read(into: buffer)
        if n == 0 {
            inputEnd = true
            return
        }
        // The gzip magic (1f 8b); zlib checks the rest of the header, and the headers of later members.
        if !sawData && (buffer[0] != 0x1F || (n > 1 && buffer[1] != 0x8B)) {
            throw ExecError(.badRequest, "\(label): gzip: invalid header")
        }
        sawData = true
        stream.pointee.next_in = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(n)
    }

    /// Reads and drops what follows the last member, so a producer writing into a pipe can finish.
    private func discardTrailing() throws(ExecError) -> Int {
        stream.pointee.avail_in = 0
        while try input.read(into: buffer) > 0 {}
        inputEnd = true
        return 0
    }
}

/// A file descriptor as a `ByteSource` (not owned).
final class DescriptorSource: ByteSource {
    let fd: Int32
    let label: String

    init(fd: Int32, label: String) {
        self.fd = fd
        self.label = label
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int { try FileIO.read(fd, into: buffer, name: label) }
}

/// Bytes in memory as a `ByteSource` (a peeked prefix of an object, for format detection).
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    /// Set once a read found nothing left.
    private(set) var exhausted = false

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else {
            exhausted = true
            return 0
        }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
