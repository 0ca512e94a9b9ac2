internal import CZlib
import Core

/// Reads a zip file through its central directory (zip needs random access: like Argo, inputs are read
/// from the downloaded file). Stored and deflated entries are supported, zip64 included; every entry's
/// CRC-32 and size are verified. Reading follows Argo's `unzip` (`workflow/executor/executor.go`): absolute names are
/// joined below the target (Argo's own single-file zips store `/mainctrfs/...`), names ending in `/` are
/// directories, and symlink entries become regular files holding the link text, so a zip never creates a
/// symlink. Names are the bytes stored (a NUL in one is refused by the extractor); sizes and offsets are
/// unsigned 64-bit values checked against the file before any use, so no field can trap.
final class ZipReader: EntryDataSource {
    struct Item {
        var entry: ArchiveEntry
        var method: UInt16
        var crc: UInt32
        var compressed: UInt64
        var size: UInt64
        var localOffset: UInt64
    }

    private let file: FileDescriptor
    private var fd: Int32 { file.raw }
    private let label: String
    private let fileSize: UInt64
    private(set) var items: [Item] = []
    private var current: Item?
    private var position: UInt64 = 0  // absolute offset of the next compressed byte
    private var remaining: UInt64 = 0  // compressed bytes left
    private var produced: UInt64 = 0
    private var crc: UInt = 0
    private var finished = false
    private let stream: UnsafeMutablePointer<z_stream>
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * 1024, alignment: 16)

    /// Reads the zip in `file` (kept open while the reader lives).
    init(_ file: FileDescriptor) throws(ExecError) {
        label = file.label
        self.file = file
        let size = try file.info().size
        fileSize = UInt64(clamping: size)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Every stored property is set: from here on a throw runs deinit, which frees the stream.
        guard argoexec_inflate_init2(stream, -15) == Z_OK else { throw ExecError(.internal, "inflateInit2 failed") }
        try readDirectory()
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Positions the reader at `item`'s data.
    func open(_ item: Item) throws(ExecError) {
        let local = try bytes(at: item.localOffset, count: 30)
        guard ByteReader(local).u32(0) == 0x0403_4B50 else { throw corrupt("bad local header for \(item.entry.name)") }
        let r = ByteReader(local)
        position = item.localOffset + 30 + UInt64(r.u16(26)) + UInt64(r.u16(28))
        guard position <= fileSize, item.compressed <= fileSize - position else { throw corrupt("\(item.entry.name) extends past the end of the file") }
        guard item.method == 0 || item.method == 8 else {
            throw ExecError(.badRequest, "\(label): \(item.entry.name): unsupported compression method \(item.method)")
        }
        remaining = item.compressed
        produced = 0
        crc = 0
        finished = false
        current = item
        guard inflateReset(stream) == Z_OK else { throw ExecError(.internal, "inflateReset failed") }
        stream.pointee.avail_in = 0
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        guard let item = current, !finished else { return 0 }
        var n = 0
        if item.method == 0 {
            let want = Int(min(UInt64(buffer.count), remaining))
            n = want == 0 ? 0 : try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: Int64(position), name: label)
            position += UInt64(n)
            remaining -= UInt64(n)
            if n == 0 && remaining > 0 { throw corrupt("\(item.entry.name): unexpected EOF") }
        } else {
            n = try inflateSome(into: buffer, item: item)
        }
        crc = Zlib.crc32(crc, UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        produced += UInt64(n)
        if n == 0 || produced > item.size {
            finished = true
            guard produced == item.size, UInt32(truncatingIfNeeded: crc) == item.crc else {
                throw corrupt("\(item.entry.name): checksum or size mismatch")
            }
        }
        return n
    }

    private func inflateSome(into buffer: UnsafeMutableRawBufferPointer, item: Item) throws(ExecError) -> Int {
        while true {
            if stream.pointee.avail_in == 0 && remaining > 0 {
                let want = Int(min(UInt64(input.count), remaining))
                let got = try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]), at: Int64(position), name: label)
                guard got > 0 else { throw corrupt("\(item.entry.name): unexpected EOF") }
                position += UInt64(got)
                remaining -= UInt64(got)
                stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(got)
            }
            stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(buffer.count)
            let rc = inflate(stream, Z_NO_FLUSH)
            let n = buffer.count - Int(stream.pointee.avail_out)
            if rc == Z_STREAM_END || n > 0 { return n }
            guard rc == Z_OK || rc == Z_BUF_ERROR, remaining > 0 || stream.pointee.avail_in > 0 else {
                throw corrupt("\(item.entry.name): \(rc == Z_DATA_ERROR ? "invalid deflate data" : "unexpected EOF")")
            }
        }
    }

    /// Finds the end-of-central-directory record (and its zip64 twin) and reads every entry.
    private func readDirectory() throws(ExecError) {
        let tail = min(fileSize, 65_557)
        let block = try bytes(at: fileSize - tail, count: Int(tail))
        guard let eocd = stride(from: block.count - 22, through: 0, by: -1).first(where: { ByteReader(block).u32($0) == 0x0605_4B50 }) else {
            throw corrupt("not a zip file (no end of central directory)")
        }
        let end = ByteReader(block)
        var count = UInt64(end.u16(eocd + 10))
        var size = UInt64(end.u32(eocd + 12))
        var start = UInt64(end.u32(eocd + 16))
        if eocd >= 20, end.u32(eocd - 20) == 0x0706_4B50 {
            let record = try bytes(at: end.u64(eocd - 12), count: 56)  // bounds-checked against the file size
            let z = ByteReader(record)
            guard z.u32(0) == 0x0606_4B50 else { throw corrupt("bad zip64 end record") }
            count = z.u64(32)
            size = z.u64(40)
            start = z.u64(48)
        }
        guard start <= fileSize, size <= fileSize - start, size <= 1 << 30 else { throw corrupt("central directory out of range") }
        let directory = try bytes(at: start, count: Int(size))
        var at = 0
        for _ in 0..<count {
            let r = ByteReader(directory)
            guard at + 46 <= directory.count, r.u32(at) == 0x0201_4B50 else { throw corrupt("bad central directory entry") }
            let nameLength = Int(r.u16(at + 28)), extraLength = Int(r.u16(at + 30)), commentLength = Int(r.u16(at + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= directory.count else { throw corrupt("truncated central directory") }
            guard r.u16(at + 8) & 1 == 0 else { throw ExecError(.badRequest, "\(label): encrypted zip entries are not supported") }
            let name = Array(directory[(at + 46)..<(at + 46 + nameLength)])
            var item = Item(entry: ArchiveEntry(name: RawPath(bytes: name), kind: .regular, mode: 0o666, size: 0, mtime: nil, linkTarget: .empty),
                            method: r.u16(at + 10), crc: r.u32(at + 16), compressed: UInt64(r.u32(at + 20)),
                            size: UInt64(r.u32(at + 24)), localOffset: UInt64(r.u32(at + 42)))
            Self.applyZip64(&item, extra: Array(directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)]))
            let unixMode = r.u16(at + 4) >> 8 == 3 ? r.u32(at + 38) >> 16 : 0
            item.entry.name = RawPath(bytes: name.drop(while: { $0 == UInt8(ascii: "/") }))  // Argo joins absolute names below the target
            if name.last == UInt8(ascii: "/") {
                item.entry.kind = .directory
                item.entry.mode = unixMode & 0o777 == 0 ? 0o777 : unixMode & 0o777
            } else if unixMode & 0o777 != 0 {
                item.entry.mode = unixMode & 0o777  // symlinks (S_IFLNK) stay regular files: Argo's rule
            }
            guard let size = Int64(exactly: item.size), Int64(exactly: item.compressed) != nil,
                  item.localOffset < fileSize else {
                throw corrupt("\(item.entry.name): size or offset out of range")
            }
            item.entry.size = size
            items.append(item)
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    private static func applyZip64(_ item: inout Item, extra: [UInt8]) {
        var at = 0
        let r = ByteReader(extra)
        while at + 4 <= extra.count {
            let id = r.u16(at), length = Int(r.u16(at + 2))
            if id == 1 {
                var field = at + 4
                if item.size == 0xFFFF_FFFF, field + 8 <= extra.count { item.size = r.u64(field); field += 8 }
                if item.compressed == 0xFFFF_FFFF, field + 8 <= extra.count { item.compressed = r.u64(field); field += 8 }
                if item.localOffset == 0xFFFF_FFFF, field + 8 <= extra.count { item.localOffset = r.u64(field) }
            }
            at += 4 + length
        }
    }

    private func bytes(at offset: UInt64, count: Int) throws(ExecError) -> [UInt8] {
        guard offset <= fileSize, UInt64(count) <= fileSize - offset else { throw corrupt("unexpected end of file") }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = try out.withMutableBytes { (b) throws(ExecError) -> Int in
                try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[done...]), at: Int64(offset) + Int64(done), name: label)
            }
            guard n > 0 else { throw corrupt("unexpected end of file") }
            done += n
        }
        return out
    }

    private func corrupt(_ what: String) -> ExecError { ExecError(.badRequest, "\(label): zip: \(what)") }
}

/// Little-endian field reader over a byte array (bounds are checked by the callers).
struct ByteReader {
    let b: [UInt8]
    init(_ b: [UInt8]) { self.b = b }
    func u16(_ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
