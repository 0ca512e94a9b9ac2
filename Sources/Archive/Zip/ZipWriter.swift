import Core

/// Writes a zip archive as a stream (local header, deflated data, data descriptor per entry; central
/// directory at the end), so it can go straight into an upload. Entries carry the Unix mode and
/// modification time; sizes of 4 GiB and more use zip64 records. The layout rules are Argo's with its two
/// bugs fixed (Argo's `util/archive/archive.go`): a directory gives one entry per file named `<base>/<relative>` (no
/// directory entries, as Go writes), a single file is stored under its base name (not its absolute path).
final class ZipWriter {
    private struct Central {
        var name: [UInt8]
        var flags: UInt16
        var crc: UInt32
        var compressed: UInt64
        var size: UInt64
        var offset: UInt64
        var mode: UInt32
        var dosTime: UInt16
        var dosDate: UInt16
        var zip64: Bool
    }

    private let sink: any ByteSink
    private let level: Int32
    private var offset: UInt64 = 0
    private var entries: [Central] = []
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

    init(sink: any ByteSink, level: Int = -1) throws(ExecError) {
        self.sink = sink
        self.level = try GzipFraming.zlibLevel(level)
    }

    /// Adds a regular file (`contents` open at its start, `size` bytes) or, with `symlinkTarget`, a symlink
    /// stored the Info-ZIP way (mode S_IFLNK, the target as data).
    func add(name: RawPath, mode: UInt32, mtime: Int64, size: Int64, contents fd: Int32?, symlinkTarget: RawPath? = nil, path: String) throws(ExecError) {
        let nameBytes = name.bytes
        guard nameBytes.count <= 0xFFFF else {
            throw ExecError(.badRequest, "zip: the name of \(path) is longer than 65535 bytes", context: ["path": path])
        }
        // Bit 3: sizes in the data descriptor; bit 11 (UTF-8 names) only when the name is UTF-8 (Go's rule).
        let flags: UInt16 = name.string == nil ? 0x0008 : 0x0808
        let (time, date) = Self.dosTime(mtime)
        let zip64 = size > 0xF000_0000  // leave room for deflate growth on incompressible data
        var header = ByteWriter()
        header.u32(0x0403_4B50)
        header.u16(zip64 ? 45 : 20)
        header.u16(flags)
        header.u16(8)  // deflate
        header.u16(time)
        header.u16(date)
        header.u32(0)
        header.u32(zip64 ? 0xFFFF_FFFF : 0)
        header.u32(zip64 ? 0xFFFF_FFFF : 0)
        header.u16(UInt16(nameBytes.count))
        header.u16(zip64 ? 20 : 0)
        header.bytes(nameBytes)
        if zip64 {
            header.u16(0x0001)
            header.u16(16)
            header.u64(0)
            header.u64(0)
        }
        let start = offset
        try emit(header.data)
        let deflater = try DeflateStream(level: level)
        var crc: UInt = 0
        var compressed: UInt64 = 0
        var written: UInt64 = 0
        var out: [UInt8] = []
        func push(_ chunk: UnsafeRawBufferPointer, last: Bool) throws(ExecError) {
            crc = Zlib.crc32(crc, chunk)
            written += UInt64(chunk.count)
            try deflater.feed(chunk, flush: last ? .finish : .none, into: &out)
            compressed += UInt64(out.count)
            try emit(out)
            out.removeAll(keepingCapacity: true)
        }
        if let target = symlinkTarget {
            let bytes = target.bytes
            try bytes.withBytes { (b) throws(ExecError) in try push(b, last: true) }
        } else if let fd {
            var left = size
            while left > 0 {
                let want = Int(min(Int64(buffer.count), left))
                let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in
                    try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[0..<want]), name: path)
                }
                guard n > 0 else { throw ExecError(.internal, "zip: \(path) changed size while being archived", context: ["path": path]) }
                try buffer.withBytes { (b) throws(ExecError) in try push(UnsafeRawBufferPointer(rebasing: b[0..<n]), last: false) }
                left -= Int64(n)
            }
            try push(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        } else {
            try push(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        }
        var descriptor = ByteWriter()
        descriptor.u32(0x0807_4B50)
        descriptor.u32(UInt32(truncatingIfNeeded: crc))
        if zip64 {
            descriptor.u64(compressed)
            descriptor.u64(written)
        } else {
            descriptor.u32(UInt32(compressed))
            descriptor.u32(UInt32(written))
        }
        try emit(descriptor.data)
        entries.append(Central(name: nameBytes, flags: flags, crc: UInt32(truncatingIfNeeded: crc), compressed: compressed, size: written,
                               offset: start, mode: mode, dosTime: time, dosDate: date, zip64: zip64 || start >= 0xFFFF_FFFF))
    }

    /// Writes the central directory and the end records, then finishes the sink.
    func finish() throws(ExecError) {
        let directoryStart = offset
        for e in entries {
            var c = ByteWriter()
            c.u32(0x0201_4B50)
            c.u16(3 << 8 | (e.zip64 ? 45 : 20))  // made by Unix
            c.u16(e.zip64 ? 45 : 20)
            c.u16(e.flags)
            c.u16(8)
            c.u16(e.dosTime)
            c.u16(e.dosDate)
            c.u32(e.crc)
            c.u32(e.zip64 ? 0xFFFF_FFFF : UInt32(e.compressed))
            c.u32(e.zip64 ? 0xFFFF_FFFF : UInt32(e.size))
            c.u16(UInt16(e.name.count))
            c.u16(e.zip64 ? 28 : 0)
            c.u16(0)  // comment
            c.u16(0)  // disk
            c.u16(0)  // internal attributes
            c.u32(e.mode << 16)  // Unix mode in the high half
            c.u32(e.zip64 ? 0xFFFF_FFFF : UInt32(e.offset))
            c.bytes(e.name)
            if e.zip64 {
                c.u16(0x0001)
                c.u16(24)
                c.u64(e.size)
                c.u64(e.compressed)
                c.u64(e.offset)
            }
            try emit(c.data)
        }
        let directorySize = offset - directoryStart
        let count = UInt64(entries.count)
        var end = ByteWriter()
        if count >= 0xFFFF || directorySize >= 0xFFFF_FFFF || directoryStart >= 0xFFFF_FFFF || entries.contains(where: \.zip64) {
            let zip64End = offset
            end.u32(0x0606_4B50)
            end.u64(44)
            end.u16(3 << 8 | 45)
            end.u16(45)
            end.u32(0)
            end.u32(0)
            end.u64(count)
            end.u64(count)
            end.u64(directorySize)
            end.u64(directoryStart)
            end.u32(0x0706_4B50)
            end.u32(0)
            end.u64(zip64End)
            end.u32(1)
        }
        end.u32(0x0605_4B50)
        end.u16(0)
        end.u16(0)
        end.u16(UInt16(min(count, 0xFFFF)))
        end.u16(UInt16(min(count, 0xFFFF)))
        end.u32(UInt32(min(directorySize, 0xFFFF_FFFF)))
        end.u32(UInt32(min(directoryStart, 0xFFFF_FFFF)))
        end.u16(0)
        try emit(end.data)
        try sink.finish()
    }

    private func emit(_ bytes: [UInt8]) throws(ExecError) {
        guard !bytes.isEmpty else { return }
        try sink.write(bytes)
        offset += UInt64(bytes.count)
    }

    /// MS-DOS time and date (local fields, 2-second resolution; 1980 is the earliest year).
    static func dosTime(_ epoch: Int64) -> (UInt16, UInt16) {
        let f = UTCTime(secondsSinceEpoch: max(epoch, 315_532_800)).fields
        let time = UInt16(f.hour) << 11 | UInt16(f.minute) << 5 | UInt16(f.second / 2)
        let date = UInt16(min(max(f.year - 1980, 0), 127)) << 9 | UInt16(f.month) << 5 | UInt16(f.day)
        return (time, date)
    }
}

/// Little-endian field writer for zip records.
struct ByteWriter {
    var data: [UInt8] = []
    mutating func u16(_ v: UInt16) { data += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { data.append(UInt8((v >> (8 * UInt32(i))) & 0xFF)) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { data.append(UInt8((v >> (8 * UInt64(i))) & 0xFF)) } }
    mutating func bytes(_ b: [UInt8]) { data += b }
}
