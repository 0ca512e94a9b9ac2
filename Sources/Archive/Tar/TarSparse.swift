import Core

/// GNU sparse files as Go's `archive/tar` reads them (`reader.go` `handleSparseFile`, `sparse.go`): the
/// data fragments of a file whose holes are not stored. Old GNU (`S` entries, which Argo then skips) is
/// parsed so the stream stays in step; PAX formats 0.0, 0.1 and 1.0 are regular files whose holes read as
/// zeros. Maps are validated as Go validates them (in order, no overlap, inside the size), without traps.
struct SparseMap {
    struct Fragment {
        var offset: Int64
        var length: Int64
        var end: Int64 { offset + length }
    }

    /// A hostile map costs memory in proportion to its own size; past this it is refused.
    static let maxFragments = 1 << 20

    var fragments: [Fragment] = []

    mutating func append(offset: Int64, length: Int64) throws(ExecError) {
        guard fragments.count < Self.maxFragments else { throw TarBlock.headerError("sparse map has more than \(Self.maxFragments) entries") }
        fragments.append(Fragment(offset: offset, length: length))
    }

    /// `validateSparseEntries`.
    func isValid(size: Int64) -> Bool {
        guard size >= 0 else { return false }
        var previousEnd: Int64 = 0
        for f in fragments {
            guard f.offset >= 0, f.length >= 0, f.offset <= Int64.max - f.length, f.end <= size, previousEnd <= f.offset else {
                return false
            }
            previousEnd = f.end
        }
        return true
    }

    /// PAX 0.0/0.1: `GNU.sparse.numblocks` and the comma-separated `GNU.sparse.map`.
    static func pax0(_ records: PAXRecords) throws(ExecError) -> SparseMap {
        guard let count = try records.integer("GNU.sparse.numblocks"), count >= 0, count <= Int64(maxFragments) else {
            throw TarBlock.headerError("invalid GNU.sparse.numblocks")
        }
        let text = records.text("GNU.sparse.map") ?? ""
        let numbers = text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false)
        guard Int64(numbers.count) == 2 * count else { throw TarBlock.headerError("GNU.sparse.map does not match GNU.sparse.numblocks") }
        var map = SparseMap()
        var i = 0
        while i + 1 < numbers.count {
            guard let offset = Int64(numbers[i], radix: 10), let length = Int64(numbers[i + 1], radix: 10) else {
                throw TarBlock.headerError("invalid GNU.sparse.map")
            }
            try map.append(offset: offset, length: length)
            i += 2
        }
        return map
    }

    /// PAX 1.0: the map heads the entry's data as newline-terminated decimal numbers, padded to a block.
    /// `readBlock` reads the next 512 data bytes (or throws at the end of the data). Parsed a byte at a time
    /// (linear) keeping only the significant part of the current number (leading zeros are skipped, as
    /// `strconv.ParseInt` accepts them); more than 1 MiB of map is refused, as Go refuses it since the fix
    /// for CVE-2025-58183.
    static func pax1(readBlock: () throws(ExecError) -> [UInt8]) throws(ExecError) -> SparseMap {
        var token: [UInt8] = []
        var block: [UInt8] = []
        var cursor = 0
        var consumed = 0
        func number() throws(ExecError) -> Int64 {
            defer { token.removeAll(keepingCapacity: true) }
            while true {
                if cursor == block.count {
                    guard consumed < maxMapBytes else { throw TarBlock.headerError("sparse map larger than 1 MiB (GNU sparse 1.0)") }
                    block = try readBlock()
                    consumed += block.count
                    cursor = 0
                }
                let byte = block[cursor]
                cursor += 1
                if byte == 0x0A { break }
                // Leading zeros (after an optional sign) carry nothing: dropped, so any number of them fits.
                let signOnly = token.count == 1 && (token[0] == UInt8(ascii: "+") || token[0] == UInt8(ascii: "-"))
                if byte == UInt8(ascii: "0") && (token.isEmpty || signOnly) { if token.isEmpty { token.append(byte) }; continue }
                if token == [UInt8(ascii: "0")] { token.removeAll(keepingCapacity: true) }
                token.append(byte)
                guard token.count <= 24 else { throw TarBlock.headerError("invalid GNU sparse 1.0 map (number out of range)") }
            }
            var text = String(decoding: token, as: UTF8.self)
            if text == "+" || text == "-" { text += "0" }
            guard let value = Int64(text, radix: 10) else { throw TarBlock.headerError("invalid GNU sparse 1.0 map") }
            return value
        }
        let count = try number()
        guard count >= 0, count <= Int64(maxFragments) else { throw TarBlock.headerError("invalid GNU sparse 1.0 map size") }
        var map = SparseMap()
        for _ in 0..<count {
            let offset = try number(), length = try number()
            try map.append(offset: offset, length: length)
        }
        return map
    }

    static let maxMapBytes = 1 << 20

    /// Old GNU: four entries in the header, then extension blocks of 21 while `isExtended` is set.
    static func oldGNU(_ header: TarBlock, readBlock: () throws(ExecError) -> [UInt8]) throws(ExecError) -> SparseMap {
        var map = SparseMap()
        var block = header.bytes
        var entries = (start: 386, count: 4, extended: 482)
        while true {
            for i in 0..<entries.count {
                let at = entries.start + i * 24
                if block[at] == 0 { break }
                try map.append(offset: try TarBlock.numeric(block[at..<(at + 12)], "sparse offset"),
                               length: try TarBlock.numeric(block[(at + 12)..<(at + 24)], "sparse length"))
            }
            guard block[entries.extended] != 0 else { return map }
            block = try readBlock()
            entries = (start: 0, count: 21, extended: 504)
        }
    }
}
