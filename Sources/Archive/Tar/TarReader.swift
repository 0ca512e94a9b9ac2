import Core

/// Reads a tar stream entry by entry, as Go's `archive/tar` `Reader` does (Argo unpacks inputs with it),
/// with names and link targets kept as bytes. PAX (`x`, and `g` returned as an entry of its own), GNU long
/// names and links (`L`, `K`, at most 1 MiB each, as Go), base-256 numbers, V7/USTAR/GNU/STAR layouts,
/// legacy `\0` type flags and GNU sparse files. Two zero blocks, or a clean end of input at an entry
/// boundary, end the archive; an input that ends anywhere else is `unexpected EOF`.
/// Memory is bounded: a few blocks, at most one 1 MiB special header, and the sparse map.
final class TarReader: EntryDataSource {
    private let source: any ByteSource
    private let label: String
    private var physicalRemaining: Int64 = 0
    private var padding = 0
    /// The input ended exactly where the last entry's padding would start: a clean end, as in Go.
    private var endedAtPadding = false
    private var sparse: (map: SparseMap, size: Int64, position: Int64, index: Int)?
    private var failure: ExecError?
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    static let maxSpecialFileSize = 1 << 20

    init(source: any ByteSource, label: String) {
        self.source = source
        self.label = label
    }

    /// The next entry; nil at the end of the archive. After an error every call repeats it.
    func next() throws(ExecError) -> ArchiveEntry? {
        if let failure { throw failure }
        do {
            return try nextEntry()
        } catch {
            throw fail(error)
        }
    }

    /// The current entry's bytes (holes of a sparse file as zeros); 0 at its end. An error names the
    /// archive and, like one from `next`, is repeated by every later call.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        if let failure { throw failure }
        do {
            return try readData(into: buffer)
        } catch {
            throw fail(error)
        }
    }

    /// Records the first failure, named after the archive.
    private func fail(_ error: ExecError) -> ExecError {
        let labelled = error.message.hasPrefix(label) ? error : ExecError(error.code, "\(label): \(error.message)", cause: error.cause)
        failure = labelled
        return labelled
    }

    private func readData(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        guard var view = sparse else { return try readPhysical(into: buffer) }
        defer { sparse = view }
        guard view.position < view.size else {
            guard physicalRemaining == 0 else { throw TarBlock.headerError("sparse file has unreferenced data") }
            return 0
        }
        let fragments = view.map.fragments
        while view.index < fragments.count && fragments[view.index].end <= view.position { view.index += 1 }
        let fragment = view.index < fragments.count ? fragments[view.index] : nil
        let count: Int
        if let fragment, view.position >= fragment.offset {
            let want = Int(min(Int64(buffer.count), fragment.end - view.position))
            count = try readPhysical(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            guard count > 0 else { throw TarBlock.headerError("sparse file is missing data") }
        } else {
            let holeEnd = fragment?.offset ?? view.size
            count = Int(min(Int64(buffer.count), holeEnd - view.position))
            buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        }
        view.position += Int64(count)
        return count
    }

    private func nextEntry() throws(ExecError) -> ArchiveEntry? {
        var pax = PAXRecords()
        var longName: RawPath?, longLink: RawPath?
        while true {
            try skipRest()
            guard let block = try readHeaderBlock() else { return nil }
            guard let format = block.format else { throw TarBlock.headerError("bad checksum or not a tar header") }
            var entry = try parse(block, format)
            try startData(size: entry.size, typeflag: block.typeflag)
            switch block.typeflag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"):
                let records = try PAXRecords(parsing: try readSpecial())
                guard block.typeflag == UInt8(ascii: "g") else {
                    pax = records
                    continue
                }
                try? merge(records, into: &entry)  // Go ignores mergePAX's error for a global header
                entry.kind = .other("PAX global header")
                return entry
            case UInt8(ascii: "L"):
                longName = RawPath(bytes: TarBlock.cString(try readSpecial()[...]))
                continue
            case UInt8(ascii: "K"):
                longLink = RawPath(bytes: TarBlock.cString(try readSpecial()[...]))
                continue
            default:
                try merge(pax, into: &entry)
                if let longName, !longName.isEmpty { entry.name = longName }
                if let longLink, !longLink.isEmpty { entry.linkTarget = longLink }
                var typeflag = block.typeflag
                if typeflag == 0 {  // a legacy regular file, or a directory when its name ends in "/"
                    typeflag = entry.name.bytes.last == UInt8(ascii: "/") ? UInt8(ascii: "5") : UInt8(ascii: "0")
                    entry.kind = typeflag == UInt8(ascii: "5") ? .directory : .regular
                }
                try startData(size: entry.size, typeflag: typeflag)
                try handleSparse(&entry, block: block, typeflag: typeflag, format: format, pax: pax)
                return entry
            }
        }
    }

    private func parse(_ block: TarBlock, _ format: TarBlock.Format) throws(ExecError) -> ArchiveEntry {
        let kind: ArchiveEntry.Kind = switch block.typeflag {
        case UInt8(ascii: "0"): .regular
        case UInt8(ascii: "1"): .hardlink
        case UInt8(ascii: "2"): .symlink
        case UInt8(ascii: "3"): .other("character device")
        case UInt8(ascii: "4"): .other("block device")
        case UInt8(ascii: "5"): .directory
        case UInt8(ascii: "6"): .other("fifo")
        case UInt8(ascii: "S"): .other("old GNU sparse file")
        default: .other("entry type \(RawPath(bytes: [block.typeflag]))")
        }
        try block.validateOtherNumbers(format)
        let mode = try block.number(100..<108, "mode")
        let mtime = try block.number(136..<148, "mtime")
        _ = try block.number(108..<116, "uid")
        _ = try block.number(116..<124, "gid")
        return ArchiveEntry(name: block.name(format), kind: kind, mode: UInt32(truncatingIfNeeded: mode & 0o7777),
                            size: try block.number(124..<136, "size"), mtime: FileTime(seconds: mtime),
                            linkTarget: block.string(157..<257))
    }

    /// `mergePAX`: records override the header's values (an empty record keeps the header's).
    private func merge(_ pax: PAXRecords, into entry: inout ArchiveEntry) throws(ExecError) {
        if let path = pax["path"], !path.isEmpty { entry.name = RawPath(bytes: path) }
        if let link = pax["linkpath"], !link.isEmpty { entry.linkTarget = RawPath(bytes: link) }
        if let size = try pax.integer("size") { entry.size = size }
        if let mtime = try pax.time("mtime") { entry.mtime = mtime }
        _ = try pax.integer("uid")
        _ = try pax.integer("gid")
        _ = try pax.time("atime")
        _ = try pax.time("ctime")
    }

    /// `handleRegularFile`: the data that follows (none for header-only types) and its block padding.
    private func startData(size: Int64, typeflag: UInt8) throws(ExecError) {
        let headerOnly = (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(typeflag)
        physicalRemaining = headerOnly ? 0 : size
        guard physicalRemaining >= 0 else { throw TarBlock.headerError("negative size") }
        padding = Int((TarBlock.size - Int(physicalRemaining % Int64(TarBlock.size))) % TarBlock.size)
        sparse = nil
    }

    private func handleSparse(_ entry: inout ArchiveEntry, block: TarBlock, typeflag: UInt8, format: TarBlock.Format,
                              pax: PAXRecords) throws(ExecError) {
        var map: SparseMap
        if typeflag == UInt8(ascii: "S") {
            guard format == .gnu else { throw TarBlock.headerError("sparse entry in a non-GNU header") }
            entry.size = try block.number(483..<495, "sparse real size")
            map = try SparseMap.oldGNU(block) { () throws(ExecError) in try readBlock() }
        } else {
            let major = pax.text("GNU.sparse.major").flatMap { $0.isEmpty ? nil : $0 }
            let minor = pax.text("GNU.sparse.minor").flatMap { $0.isEmpty ? nil : $0 }
            let is1x0: Bool
            switch (major, minor) {
            case ("0", "0"), ("0", "1"): is1x0 = false
            case ("1", "0"): is1x0 = true
            case (nil, nil) where !(pax.text("GNU.sparse.map") ?? "").isEmpty: is1x0 = false
            default: return  // not sparse, or a GNU sparse version Go does not know either
            }
            if let name = pax["GNU.sparse.name"], !name.isEmpty { entry.name = RawPath(bytes: name) }
            if let size = try pax.integer("GNU.sparse.size") {
                entry.size = size
            } else if let size = try pax.integer("GNU.sparse.realsize") {
                entry.size = size
            }
            map = is1x0 ? try SparseMap.pax1 { () throws(ExecError) in try readDataBlock() } : try SparseMap.pax0(pax)
        }
        let headerOnly = (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(typeflag)
        guard !headerOnly, map.isValid(size: entry.size) else { throw TarBlock.headerError("invalid sparse map") }
        // Only regular files are written; other kinds (old GNU `S`) are skipped, their data discarded.
        if case .regular = entry.kind { sparse = (map, entry.size, 0, 0) }
    }

    // MARK: Reading the stream

    /// A header block; nil at the end of the archive (two zero blocks, or no more input at all).
    private func readHeaderBlock() throws(ExecError) -> TarBlock? {
        if endedAtPadding { return nil }
        guard let first = try readBlockOrEnd() else { return nil }
        guard first.isZero else { return first }
        guard let second = try readBlockOrEnd() else { return nil }
        guard second.isZero else { throw TarBlock.headerError("a zero block followed by a non-zero one") }
        return nil
    }

    private func readBlock() throws(ExecError) -> [UInt8] {
        guard let block = try readBlockOrEnd() else { throw unexpectedEOF() }
        return block.bytes
    }

    /// 512 bytes of the current entry's data (the GNU sparse 1.0 map).
    private func readDataBlock() throws(ExecError) -> [UInt8] {
        guard physicalRemaining >= Int64(TarBlock.size) else { throw unexpectedEOF() }
        physicalRemaining -= Int64(TarBlock.size)
        return try readBlock()
    }

    private func readBlockOrEnd() throws(ExecError) -> TarBlock? {
        var block = [UInt8](repeating: 0, count: TarBlock.size)
        var got = 0
        while got < TarBlock.size {
            let n = try block.withMutableBytes { (b) throws(ExecError) -> Int in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: b[got...]))
            }
            if n == 0 {
                guard got == 0 else { throw unexpectedEOF() }
                return nil
            }
            got += n
        }
        return TarBlock(block)
    }

    /// The whole data of a special entry (PAX, GNU long name), refused past 1 MiB as Go refuses it.
    private func readSpecial() throws(ExecError) -> [UInt8] {
        guard physicalRemaining <= Int64(Self.maxSpecialFileSize) else {
            throw TarBlock.headerError("special header larger than \(Self.maxSpecialFileSize) bytes")
        }
        var data = [UInt8](repeating: 0, count: Int(physicalRemaining))
        var got = 0
        while got < data.count {
            let n = try data.withMutableBytes { (b) throws(ExecError) -> Int in
                try readPhysical(into: UnsafeMutableRawBufferPointer(rebasing: b[got...]))
            }
            guard n > 0 else { throw unexpectedEOF() }
            got += n
        }
        return data
    }

    private func readPhysical(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        guard physicalRemaining > 0, buffer.count > 0 else { return 0 }
        let want = Int(min(Int64(buffer.count), physicalRemaining))
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
        guard n > 0 else { throw unexpectedEOF() }
        physicalRemaining -= Int64(n)
        return n
    }

    /// Discards what is left of the current entry (data missing is `unexpected EOF`), then its padding
    /// (an input that ends anywhere in the padding is a clean end, as Go's `tryReadFull` makes it).
    /// The two are skipped separately: their sum could overflow for a hostile size.
    private func skipRest() throws(ExecError) {
        sparse = nil
        let data = physicalRemaining, pad = padding
        physicalRemaining = 0
        padding = 0
        guard try skip(data) == data else { throw unexpectedEOF() }
        if try skip(Int64(pad)) < Int64(pad) { endedAtPadding = true }
    }

    /// Reads and drops up to `count` bytes; returns how many there were before the input ended.
    private func skip(_ count: Int64) throws(ExecError) -> Int64 {
        var left = count
        while left > 0 {
            let want = Int(min(Int64(scratch.count), left))
            let n = try scratch.withMutableBytes { (b) throws(ExecError) -> Int in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: b[0..<want]))
            }
            if n == 0 { break }
            left -= Int64(n)
        }
        return count - left
    }

    private func unexpectedEOF() -> ExecError { ExecError(.badRequest, "\(label): unexpected EOF") }
}

/// Where bytes come from (a file, a pipe, a decompressor); `read` returns 0 only at the end.
protocol ByteSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int
}
