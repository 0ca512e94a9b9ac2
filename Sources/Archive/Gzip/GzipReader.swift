internal import CZlib
import Core

/// Decompresses a gzip stream from a file descriptor (file, pipe or socket) with zlib, checking what a
/// careful reader must: the magic, each member's CRC-32 and length (zlib does this with windowBits 31),
/// and that the input does not end inside a member (`unexpected EOF`, as Go reports it). Concatenated
/// members are read as one stream, like gunzip and Go. libarchive's own gzip filter accepts a stream cut in
/// its trailer, so the archive reader uses this instead.
final class GzipReader {
    private let fd: Int32
    private let label: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * 1024, alignment: 16)
    private var inputEnd = false
    private var memberOpen = true
    private var sawData = false

    init(fd: Int32, label: String) throws(ExecError) {
        self.fd = fd
        self.label = label
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = argoexec_inflate_init2(stream, 31)
        guard rc == Z_OK else {
            stream.deallocate()
            throw Zlib.error("inflateInit2", rc, nil)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills `buffer` with decompressed bytes; returns 0 only at the clean end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        while true {
            if stream.pointee.avail_in == 0 && !inputEnd { try refill() }
            if stream.pointee.avail_in == 0 && inputEnd {
                if memberOpen {
                    throw ExecError(.badRequest, sawData ? "\(label): gzip: unexpected EOF" : "\(label): gzip: empty input (EOF)")
                }
                return 0
            }
            if !memberOpen {
                // Another member follows (concatenated gzip).
                let rc = inflateReset(stream)
                guard rc == Z_OK else { throw Zlib.error("inflateReset", rc, stream) }
                memberOpen = true
            }
            stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(buffer.count)
            let rc = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
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
        let n = try FileIO.read(fd, into: input, name: label)
        if n == 0 {
            inputEnd = true
            return
        }
        // The gzip magic (1f 8b); zlib checks the rest of the header, and the headers of later members.
        if !sawData && (input[0] != 0x1F || (n > 1 && input[1] != 0x8B)) {
            throw ExecError(.badRequest, "\(label): gzip: invalid header")
        }
        sawData = true
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(n)
    }
}
