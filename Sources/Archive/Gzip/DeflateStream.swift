internal import CZlib
import Core

/// One raw-deflate z_stream (no zlib/gzip wrapper; the gzip framing is ours). The z_stream lives in its own
/// allocation because zlib keeps a pointer back to it and rejects a stream that moved.
/// Used by one thread at a time (the pool hands it out), hence `@unchecked Sendable`.
final class DeflateStream: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>
    let level: Int32

    init(level: Int32) throws(ExecError) {
        self.level = level
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = argoexec_deflate_init2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
        guard rc == Z_OK else {
            stream.deallocate()
            throw Zlib.error("deflateInit2", rc, nil)
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses one independent block (the pigz technique): primed with `dictionary` (the previous
    /// block's last 32 KiB), ended with a sync flush so blocks concatenate, or with the final block when
    /// `last`. Returns the raw deflate bytes.
    func compressBlock(_ input: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer, last: Bool) throws(ExecError) -> [UInt8] {
        let reset = deflateReset(stream)
        guard reset == Z_OK else { throw Zlib.error("deflateReset", reset, stream) }
        if !dictionary.isEmpty {
            let rc = deflateSetDictionary(stream, dictionary.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(dictionary.count))
            guard rc == Z_OK else { throw Zlib.error("deflateSetDictionary", rc, stream) }
        }
        // One deflate call straight into an output of the bound's size (no scratch buffer, no copy); `feed`
        // finishes the rare block that does not fit.
        let flush: Flush = last ? .finish : .sync
        let bound = Int(deflateBound(stream, uLong(input.count))) + 64
        var rc = Z_OK
        var output = [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = out.baseAddress
            stream.pointee.avail_out = uInt(bound)
            rc = deflate(stream, flush.zlib)
            count = bound - Int(stream.pointee.avail_out)
            stream.pointee.next_in = nil
        }
        guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else { throw Zlib.error("deflate", rc, stream) }
        let complete = last ? rc == Z_STREAM_END : stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0
        if !complete {
            let consumed = input.count - Int(stream.pointee.avail_in)
            try feed(UnsafeRawBufferPointer(rebasing: input[consumed...]), flush: flush, into: &output)
        }
        return output
    }

    enum Flush {
        case none, sync, finish
        var zlib: Int32 {
            switch self {
            case .none: Z_NO_FLUSH
            case .sync: Z_SYNC_FLUSH
            case .finish: Z_FINISH
            }
        }
    }

    /// Deflates `input`, appending what zlib produces to `output`, until the flush mode is satisfied:
    /// none → all input consumed; sync → consumed and flushed to a byte boundary; finish → stream ended.
    func feed(_ input: UnsafeRawBufferPointer, flush: Flush, into output: inout [UInt8]) throws(ExecError) {
        let chunk = 64 * 1024
        var scratch = [UInt8](repeating: 0, count: chunk)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer { stream.pointee.next_in = nil }
        while true {
            let (rc, produced) = scratch.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(chunk)
                let rc = deflate(stream, flush.zlib)
                return (rc, chunk - Int(stream.pointee.avail_out))
            }
            output.append(contentsOf: scratch[0..<produced])
            switch flush {
            case .finish:
                if rc == Z_STREAM_END { return }
            case .sync, .none:
                let drained = stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0
                if drained { return }
            }
            // Z_BUF_ERROR only means "no progress possible with this buffer"; we always give a fresh one.
            guard rc == Z_OK || rc == Z_BUF_ERROR else { throw Zlib.error("deflate", rc, stream) }
        }
    }
}

/// zlib helpers: errors with zlib's own message, and CRC-32.
enum Zlib {
    static func error(_ operation: String, _ rc: Int32, _ stream: UnsafeMutablePointer<z_stream>?) -> ExecError {
        let text = stream?.pointee.msg.map { String(cString: $0) } ?? String(cString: zError(rc))
        return ExecError(.internal, "\(operation) failed: \(text) (zlib code \(rc))")
    }

    static func crc32(_ crc: UInt, _ bytes: UnsafeRawBufferPointer) -> UInt {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return UInt(CZlib.crc32_z(uLong(crc), base.assumingMemoryBound(to: Bytef.self), bytes.count))
    }

    static func crc32Combine(_ a: UInt, _ b: UInt, length: Int) -> UInt {
        UInt(crc32_combine(uLong(a), uLong(b), off_t(length)))
    }
}

/// Versions of the compression library, for `argoexec version` and bug reports.
public enum ArchiveLibrary {
    /// zlib's version string (`1.2.13`).
    public static var zlibVersion: String { String(cString: CZlib.zlibVersion()) }
}
