@testable import Archive
import Core
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Conformance of `TarReader` with real tar writers and with Go's `archive/tar` `Reader` (which Argo's
/// executor unpacks inputs with). The fixtures in Fixtures/tar-reader were written by GNU tar 1.34 and
/// Python 3.11's `tarfile`, or built block by block (`generate.sh`, `generate.py` there). Every expected
/// outcome below was checked against Go's `archive/tar` driven the way Argo's `untar` drives it, and,
/// where GNU tar reads an archive the same way, against `tar -xzf` at test time.
@Suite("TarReader: real writers, Go's archive/tar rules, hostile input")
struct TarReaderTests {
    // MARK: 1. Long names and link targets

    static let a100 = String(repeating: "a", count: 100)
    static let b100 = String(repeating: "b", count: 100)
    static let c100 = String(repeating: "c", count: 100)
    static let deep = "\(a100)/\(b100)/\(c100).txt"

    @Test("long names and link targets: GNU L/K, PAX path/linkpath (GNU tar and Python)",
          arguments: ["gnutar-gnu-long.tgz", "gnutar-posix-long.tgz", "py-gnu-long.tgz", "py-pax-long.tgz"])
    func longNames(fixture: String) throws {
        let dump = TarDump.read(fixture)
        #expect(dump.error == nil)
        #expect(dump.listing == [
            "dir long/",
            "dir long/\(Self.a100)/",
            "dir long/\(Self.a100)/\(Self.b100)/",
            "file long/\(Self.deep) 10 deep file\\n",
            "symlink long/link-to-deep -> \(Self.deep)",
            "file long/short.txt 6 short\\n",
        ])
        try #require(dump.entries.count == 6)
        #expect(dump.entries[3].name.count == 311)
        #expect(dump.entries[4].link.count == 306)
        let ws = try Workspace()
        let out = try TarExtraction.unpack(fixture, ws)
        #expect(out.error == nil)
        #expect(try ByteTree.snapshot(out.target) == [
            ".": "dir", Self.a100: "dir", "\(Self.a100)/\(Self.b100)": "dir", Self.deep: "file deep file\\n",
            "link-to-deep": "link -> \(Self.deep)", "short.txt": "file short\\n",
        ])
    }

    @Test("USTAR names of 100 to 255 bytes are split into prefix and name (GNU tar and Python)",
          arguments: ["gnutar-ustar-split.tgz", "py-ustar-split.tgz"])
    func ustarSplit(fixture: String) throws {
        let d90 = String(repeating: "d", count: 90), f99 = String(repeating: "f", count: 99)
        let dump = TarDump.read(fixture)
        #expect(dump.error == nil)
        #expect(dump.listing == [
            "dir split/", "dir split/\(d90)/", "file split/\(d90)/\(f99) 11 split file\\n", "symlink split/\(f99) -> \(d90)",
        ])
        try #require(dump.entries.count == 4)
        #expect(dump.entries[2].name.count == 196)
        // The fixture really uses the prefix field: the name field alone holds only the last component.
        let raw = try TarDump.rawBlocks(fixture)
        let header = try #require(raw.first { Array($0[0..<99]) == Array(f99.utf8) && $0[156] == UInt8(ascii: "0") })
        #expect(Array(header[345..<352]) == Array("split/d".utf8))
    }

    // MARK: 2. Names that are not UTF-8

    static let latin1Listing = [
        "dir latin1/",
        "file latin1/caf\\xe8 8 e-grave\\n",
        "file latin1/caf\\xe9 8 e-acute\\n",
        "symlink latin1/lien-\\xe0 -> caf\\xe9",
        "dir latin1/r\\xe9p/",
        "file latin1/r\\xe9p/na\\xefve-\(a100) 6 inner\\n",
    ]

    @Test("Latin-1 names stay bytes, in GNU and PAX archives (GNU tar and Python's hdrcharset=BINARY)",
          arguments: ["gnutar-gnu-latin1.tgz", "gnutar-posix-latin1.tgz", "py-gnu-latin1.tgz", "py-pax-latin1.tgz"])
    func latin1(fixture: String) throws {
        let dump = TarDump.read(fixture)
        #expect(dump.error == nil)
        #expect(dump.listing == Self.latin1Listing)
        let ws = try Workspace()
        let out = try TarExtraction.unpack(fixture, ws)
        #expect(out.error == nil)
        // caf\xe8 and caf\xe9 differ only in bytes that are not UTF-8: two files, with exactly those names.
        let target = Array(out.target.utf8)
        #expect(try ByteTree.children(target) == [
            Array("caf".utf8) + [0xE8], Array("caf".utf8) + [0xE9], Array("lien-".utf8) + [0xE0], [0x72, 0xE9, 0x70],
        ])
        #expect(try ByteTree.contents(target + Array("/caf".utf8) + [0xE9]) == Array("e-acute\n".utf8))
        #expect(try ByteTree.contents(target + Array("/caf".utf8) + [0xE8]) == Array("e-grave\n".utf8))
        #expect(try ByteTree.readLink(target + Array("/lien-".utf8) + [0xE0]) == Array("caf".utf8) + [0xE9])
        #expect(try ByteTree.children(target + [0x2F, 0x72, 0xE9, 0x70]) == [[0x6E, 0x61, 0xEF] + Array("ve-\(Self.a100)".utf8)])
    }

    // MARK: 3. Base-256 numbers

    @Test("GNU tar's base-256 uid/gid and mtimes (negative and past 8^11) are read")
    func gnuTarBase256() throws {
        let first = try #require(try TarDump.rawBlocks("gnutar-gnu-base256.tgz").first)
        #expect(first[108] == 0x80 && first[116] == 0x80 && first[136] == 0xFF, "the fixture holds base-256 uid, gid and a negative mtime")
        let dump = TarDump.read("gnutar-gnu-base256.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["file b256/past 4 old\\n", "file b256/future 4 new\\n"])
        #expect(dump.entries.map(\.mtime) == [FileTime(seconds: -1000), FileTime(seconds: 100_000_000_000)])
        let ws = try Workspace()
        let out = try TarExtraction.unpack("gnutar-gnu-base256.tgz", ws)
        #expect(out.error == nil)
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "past": "file old\\n", "future": "file new\\n"])
    }

    @Test("Python's GNU base-256 (uid 2^31, gid 2^32+5, mtime 2^34 and -1) are read")
    func pythonBase256() throws {
        let first = try #require(try TarDump.rawBlocks("py-gnu-base256.tgz").first)
        #expect(first[108] == 0x80 && first[136] == 0x80, "the fixture holds a base-256 uid and mtime")
        let dump = TarDump.read("py-gnu-base256.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["file huge-ids 4 ids\\n", "file before-1970 4 neg\\n"])
        #expect(dump.entries.map(\.mtime) == [FileTime(seconds: 1 << 34), FileTime(seconds: -1)])
        #expect(dump.entries.map(\.mode) == [0o640, 0o640])
    }

    @Test("a size field in base-256 (what a file over 8 GiB gets) is parsed in any format")
    func base256Size() throws {
        let dump = TarDump.read("craft-base256-size.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["file b256.txt 11 hello world", "file next.txt 5 next\\n"])
        let ws = try Workspace()
        let out = try TarExtraction.unpack("craft-base256-size.tgz", ws)
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "b256.txt": "file hello world", "next.txt": "file next\\n"])
    }

    // MARK: 4. V7 and the legacy '\0' type flag

    @Test("GNU tar's V7 archive (no magic) reads and extracts")
    func v7() throws {
        let raw = try TarDump.rawBlocks("gnutar-v7.tgz")
        #expect(raw.allSatisfy { Array($0[257..<263]) == [0, 0, 0, 0, 0, 0] }, "no magic anywhere")
        let dump = TarDump.read("gnutar-v7.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["dir v7/", "symlink v7/link -> sub/file", "dir v7/sub/", "file v7/sub/file 6 seven\\n"])
        let ws = try Workspace()
        let out = try TarExtraction.unpack("gnutar-v7.tgz", ws)
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "link": "link -> sub/file", "sub": "dir", "sub/file": "file seven\\n"])
    }

    @Test("a '\\0' type flag is a directory when the name ends in '/', else a regular file (V7 and USTAR)")
    func legacyTypeflag() throws {
        let v7 = TarDump.read("craft-v7-legacy.tgz")
        #expect(v7.error == nil)
        #expect(v7.listing == ["dir olddir/", "file olddir/file 15 legacy regular\\n", "file plain 9 no slash\\n"])
        #expect(v7.entries.first?.mode == 0o750)
        let ws = try Workspace()
        let out = try TarExtraction.unpack("craft-v7-legacy.tgz", ws)
        #expect(out.error == nil)
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "olddir": "dir", "olddir/file": "file legacy regular\\n", "plain": "file no slash\\n"])
        let ustar = TarDump.read("craft-ustar-legacy.tgz")
        #expect(ustar.listing == ["dir d/", "file d/f 2 f\\n"])
    }

    @Test("STAR headers: the 131-byte prefix is joined in front of the name")
    func star() {
        let dump = TarDump.read("craft-star-prefix.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["file star/dir/file.txt 5 star\\n"])
    }

    // MARK: 5. PAX global headers

    @Test("Python's PAX global header comes back as an entry of its own and is skipped, not extracted")
    func pythonGlobalHeader() throws {
        let dump = TarDump.read("py-pax-global.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["other(PAX global header) ././@PaxHeader", "dir glob/", "file glob/a 7 global\\n", "file glob/b 7 second\\n"])
        let ws = try Workspace()
        let out = try TarExtraction.unpack("py-pax-global.tgz", ws)
        #expect(out.error == nil)
        #expect(out.skipped == ["././@PaxHeader"])
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "a": "file global\\n", "b": "file second\\n"])
    }

    @Test("GNU tar's PAX global header (named /tmp/GlobalHead.1) is read as Go reads it")
    func gnuTarGlobalHeaderRead() {
        let dump = TarDump.read("gnutar-posix-global.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["other(PAX global header) /tmp/GlobalHead.1", "dir glob/", "file glob/a 7 global\\n", "file glob/b 7 second\\n"])
    }

    @Test("GNU tar's PAX global header (an absolute name) is skipped and the archive extracts, as in Argo")
    func gnuTarGlobalHeaderExtract() throws {
        let ws = try Workspace()
        let out = try TarExtraction.unpack("gnutar-posix-global.tgz", ws)
        #expect(out.error == nil)
        #expect(out.skipped == ["/tmp/GlobalHead.1"])
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "a": "file global\\n", "b": "file second\\n"])
    }

    @Test("a global header whose records do not parse is still returned: Go ignores mergePAX's error for 'g'")
    func globalHeaderBadRecord() {
        let dump = TarDump.read("craft-global-bad-mtime.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["other(PAX global header) pax_global_header", "file after-global.txt 5 fine\\n"])
    }

    // MARK: 6. Sparse files

    /// sparse/holes as generate.sh made it: 1 MiB + 100 bytes, six 3000-byte fragments, a hole at the end.
    static let holes: [UInt8] = {
        var b = [UInt8](repeating: 0, count: 1024 * 1024 + 100)
        for i in 1...6 {
            let line = Array("fragment-\(i) \n".utf8)
            for k in 0..<3000 { b[i * 65536 + 7 * i + k] = line[k % line.count] }
        }
        return b
    }()

    /// sparse/tail: 300 KiB of zeros ending in "the end".
    static let tail: [UInt8] = [UInt8](repeating: 0, count: 300 * 1024 - 7) + Array("the end".utf8)

    @Test("PAX sparse files (GNU 0.0, 0.1, 1.0 and the default) extract with their holes as zeros",
          arguments: ["gnutar-sparse-pax-0.0.tgz", "gnutar-sparse-pax-0.1.tgz", "gnutar-sparse-pax-1.0.tgz", "gnutar-sparse-pax-default.tgz"])
    func paxSparse(fixture: String) throws {
        let dump = TarDump.read(fixture)
        #expect(dump.error == nil)
        #expect(dump.entries.map { TarDump.show($0.name) } == ["sparse/", "sparse/holes", "sparse/tail", "sparse/zz-after"])
        #expect(dump.entries.map(\.size) == [Int64(0), 1_048_676, 307_200, 6])
        try #require(dump.entries.count == 4)
        #expect(dump.entries[1].data == Self.holes)
        #expect(dump.entries[2].data == Self.tail)
        #expect(dump.entries[3].data == Array("after\n".utf8))
        let ws = try Workspace()
        let out = try TarExtraction.unpack(fixture, ws)
        #expect(out.error == nil)
        let target = Array(out.target.utf8)
        #expect(try ByteTree.children(target) == ["holes", "tail", "zz-after"].map { Array($0.utf8) })
        #expect(try ByteTree.contents(target + Array("/holes".utf8)) == Self.holes)
        #expect(try ByteTree.contents(target + Array("/tail".utf8)) == Self.tail)
    }

    @Test("old GNU sparse ('S', with an extension block) is parsed and skipped, as Argo skips it; the stream stays in step")
    func oldGNUSparse() throws {
        let raw = try TarDump.rawBlocks("gnutar-sparse-oldgnu.tgz")
        #expect(raw.contains { $0[156] == UInt8(ascii: "S") && $0[482] == 1 }, "the fixture has an extended sparse header")
        let dump = TarDump.read("gnutar-sparse-oldgnu.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == [
            "dir sparse/", "other(old GNU sparse file) sparse/holes", "other(old GNU sparse file) sparse/tail", "file sparse/zz-after 6 after\\n",
        ])
        #expect(dump.entries.map(\.size) == [Int64(0), 1_048_676, 307_200, 6])
        let ws = try Workspace()
        let out = try TarExtraction.unpack("gnutar-sparse-oldgnu.tgz", ws)
        #expect(out.error == nil)
        #expect(out.skipped == ["sparse/holes", "sparse/tail"])
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "zz-after": "file after\\n"])
        // A hand-made 'S' entry whose extension block holds the fifth fragment, then a plain file.
        let crafted = TarDump.read("craft-oldgnu-then-file.tgz")
        #expect(crafted.error == nil)
        #expect(crafted.listing == ["other(old GNU sparse file) s", "file ok.txt 3 ok\\n"])
    }

    // MARK: Real writers agree with GNU tar

    @Test("our extraction equals GNU tar's, byte for byte (names, contents, link targets)", arguments: [
        "gnutar-gnu-long.tgz", "gnutar-posix-long.tgz", "gnutar-ustar-split.tgz", "gnutar-gnu-latin1.tgz",
        "gnutar-posix-latin1.tgz", "gnutar-gnu-base256.tgz", "gnutar-v7.tgz", "gnutar-sparse-pax-0.0.tgz",
        "gnutar-sparse-pax-0.1.tgz", "gnutar-sparse-pax-1.0.tgz", "gnutar-sparse-pax-default.tgz", "py-gnu-long.tgz",
        "py-pax-long.tgz", "py-ustar-split.tgz", "py-gnu-latin1.tgz", "py-pax-latin1.tgz", "py-pax-global.tgz",
        "craft-base256-size.tgz", "craft-v7-legacy.tgz", "craft-ustar-legacy.tgz", "craft-star-prefix.tgz",
        "craft-headeronly-size.tgz", "end-two-members.tgz",
        // Not here: py-gnu-base256 (GNU tar refuses gid 2^32+5, Go takes it) and craft-pax-override (GNU tar
        // reads an empty `path` record as an empty name, Go keeps the header's).
    ])
    func agreesWithGNUTar(fixture: String) throws {
        let ws = try Workspace()
        let out = try TarExtraction.unpack(fixture, ws)
        #expect(out.error == nil)
        let gnu = try TarExtraction.gnuTar(fixture, ws)
        let ours = try ByteTree.snapshot(out.target)
        #expect(ours.count > 1 || ours["."]?.hasPrefix("file ") == true)
        #expect(ours == gnu)
    }

    // MARK: PAX records, GNU long names, header-only types, skipped types

    @Test("PAX size and mtime records override the header; an empty path keeps it; a GNU long name beats a PAX path")
    func paxOverrides() {
        let dump = TarDump.read("craft-pax-override.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == [
            "file sized.txt 11 from record", "file kept-name.txt 5 kept\\n", "file from-gnu.txt 12 which name?\\n",
            "file negative-mtime.txt 4 neg\\n",
        ])
        #expect(dump.entries.map(\.mtime) == [
            FileTime(seconds: 1_234_567_890, nanoseconds: 500_000_000), FileTime(seconds: 1_700_000_000),
            FileTime(seconds: 1_700_000_000), FileTime(seconds: -2, nanoseconds: 750_000_000),  // Go: time.Unix(-1, -0.25e9)
        ])
    }

    @Test("a GNU long name of exactly 1 MiB (with its NUL) is accepted, as in Go")
    func longNameAtTheLimit() {
        let dump = TarDump.read("gnu-longname-1MiB.tgz")
        #expect(dump.error == nil)
        #expect(dump.entries.count == 1)
        #expect(dump.entries.first?.name == [UInt8](repeating: UInt8(ascii: "n"), count: (1 << 20) - 1))
        #expect(dump.entries.first?.data == Array("ok\n".utf8))
    }

    @Test("header-only types (directory, symlink) ignore their size field: no data is skipped after them")
    func headerOnlySizes() throws {
        let dump = TarDump.read("craft-headeronly-size.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["dir d/", "symlink d/l -> f", "file d/f 26 after header-only entries\\n"])
        #expect(dump.entries.map(\.size) == [1000, 700, 26])  // Go reports the field, reads nothing
        let ws = try Workspace()
        let out = try TarExtraction.unpack("craft-headeronly-size.tgz", ws)
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "l": "link -> f", "f": "file after header-only entries\\n"])
    }

    @Test("a header-only type may carry a negative base-256 size: Go zeroes it before the check")
    func headerOnlyNegativeSize() {
        let dump = TarDump.read("craft-headeronly-negative-size.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["dir d/", "file d/f 5 fine\\n"])
        #expect(dump.entries.first?.size == -1)
    }

    @Test("a legacy '\\0' entry promoted to a directory has no data: what its size covers is read as the next header")
    func legacyDirectoryWithSize() {
        let dump = TarDump.read("craft-legacy-dir-with-size.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["dir weird/", "file weird/inner.txt 7 inside\\n"])
    }

    @Test("entries Argo skips ('7', unknown 'A', FIFO) are stepped over with their data; the one file left becomes the target")
    func skippedTypes() throws {
        let dump = TarDump.read("craft-skipped-types.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["other(entry type 7) cont", "other(entry type A) vendor", "other(fifo) fifo", "file kept 5 kept\\n"])
        let ws = try Workspace()
        let out = try TarExtraction.unpack("craft-skipped-types.tgz", ws)
        #expect(out.error == nil)
        #expect(out.skipped == ["cont", "vendor", "fifo"])
        #expect(try ByteTree.snapshot(out.target) == [".": "file kept\\n"])
    }

    @Test("a GNU header whose atime/ctime do not parse takes its prefix field as a USTAR prefix (Go's pre-1.8 fallback)")
    func gnuPrefixFallback() {
        let dump = TarDump.read("craft-gnu-prefix-fallback.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["file olddir/file.txt 4 old\\n"])
    }

    @Test("an unparseable devmajor in a USTAR header is ErrHeader, as in Go")
    func badDevmajor() {
        let dump = TarDump.read("craft-bad-devmajor.tgz")
        #expect(dump.entries.isEmpty)
        #expect(dump.error?.contains("invalid tar header") == true)
    }

    // MARK: 7. Hostile and broken input

    struct Broken: CustomStringConvertible, Sendable {
        let fixture: String
        let before: [String]  // entries Go returns before the error
        let error: String  // our message (Go says ErrHeader, ErrFieldTooLong or unexpected EOF)
        var whileReadingData = false  // the error comes from read(into:), not next()
        var description: String { fixture }
    }

    static let broken: [Broken] = [
        Broken(fixture: "bad-checksum.tgz", before: ["ok.txt"], error: "invalid tar header (bad checksum or not a tar header)"),
        Broken(fixture: "bad-zero-then-header.tgz", before: ["ok.txt"], error: "invalid tar header (a zero block followed by a non-zero one)"),
        Broken(fixture: "bad-negative-size.tgz", before: [], error: "invalid tar header (negative size)"),
        Broken(fixture: "bad-base256-overflow.tgz", before: [], error: "invalid tar header (size overflows a 64-bit number)"),
        Broken(fixture: "bad-octal-size.tgz", before: [], error: "invalid tar header (invalid octal number in size"),
        Broken(fixture: "bad-pax-length-too-long.tgz", before: [], error: "invalid tar header (invalid PAX record length)"),
        Broken(fixture: "bad-pax-length-too-short.tgz", before: [], error: "invalid tar header (invalid PAX record length)"),
        Broken(fixture: "bad-pax-length-not-number.tgz", before: [], error: "invalid tar header (invalid PAX record length)"),
        Broken(fixture: "bad-pax-no-newline.tgz", before: [], error: "invalid tar header (invalid PAX record)"),
        Broken(fixture: "bad-pax-no-equals.tgz", before: [], error: "invalid tar header (invalid PAX record)"),
        Broken(fixture: "bad-pax-path-nul.tgz", before: [], error: "invalid tar header (NUL in PAX record path)"),
        Broken(fixture: "bad-pax-linkpath-nul.tgz", before: [], error: "invalid tar header (NUL in PAX record linkpath)"),
        Broken(fixture: "bad-pax-mtime.tgz", before: [], error: "invalid tar header (invalid PAX mtime: soon)"),
        Broken(fixture: "bad-pax-size.tgz", before: [], error: "invalid tar header (negative size)"),
        Broken(fixture: "bad-gnu-longname-over-1MiB.tgz", before: [], error: "special header larger than 1048576 bytes"),
        Broken(fixture: "bad-pax-over-1MiB.tgz", before: [], error: "special header larger than 1048576 bytes"),
        Broken(fixture: "cut-in-header.tgz", before: ["ok.txt"], error: "unexpected EOF"),
        Broken(fixture: "cut-in-data.tgz", before: ["ok.txt", "big.bin"], error: "unexpected EOF"),
        Broken(fixture: "cut-in-second-zero-block.tgz", before: ["ok.txt"], error: "unexpected EOF"),
        Broken(fixture: "cut-in-longname.tgz", before: [], error: "unexpected EOF"),
        Broken(fixture: "cut-in-pax.tgz", before: [], error: "unexpected EOF"),
        Broken(fixture: "bad-sparse-overlap-0.1.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-unordered-0.1.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-out-of-range-0.1.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-negative-0.1.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-count-mismatch-0.1.tgz", before: [],
               error: "invalid tar header (GNU.sparse.map does not match GNU.sparse.numblocks)"),
        Broken(fixture: "bad-sparse-out-of-range-0.0.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-order-0.0.tgz", before: [], error: "invalid tar header (invalid GNU sparse record)"),
        Broken(fixture: "bad-sparse-overlap-1.0.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-token-1.0.tgz", before: [], error: "invalid tar header (invalid GNU sparse 1.0 map)"),
        Broken(fixture: "bad-sparse-map-cut-1.0.tgz", before: [], error: "unexpected EOF"),
        Broken(fixture: "bad-sparse-on-directory.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-missing-data-0.1.tgz", before: ["s"], error: "invalid tar header (sparse file is missing data)",
               whileReadingData: true),
        Broken(fixture: "bad-sparse-unreferenced-data-0.1.tgz", before: ["s"],
               error: "invalid tar header (sparse file has unreferenced data)", whileReadingData: true),
        Broken(fixture: "bad-sparse-overlap-oldgnu.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-sparse-out-of-range-oldgnu-ext.tgz", before: [], error: "invalid tar header (invalid sparse map)"),
        Broken(fixture: "bad-oldgnu-sparse-in-ustar.tgz", before: [], error: "invalid tar header (sparse entry in a non-GNU header)"),
    ]

    @Test("hostile and broken archives give a clear error where Go's reader does, and leave nothing behind", arguments: broken)
    func brokenArchive(c: Broken) throws {
        let dump = TarDump.read(c.fixture)
        #expect(dump.entries.map { TarDump.show($0.name) } == c.before)
        let error = try #require(dump.error)
        if !c.whileReadingData { #expect(error.hasPrefix(c.fixture + ": "), "the error names the archive: \(error)") }
        #expect(error.contains(c.error), "\(error)")
        let ws = try Workspace()
        let out = try TarExtraction.unpack(c.fixture, ws)
        #expect(out.error?.contains(c.error) == true, "\(out.error ?? "accepted")")
        #expect(Workspace.children(ws.path("work")) == [], "nothing may remain at or beside the target")
    }

    @Test("errors found while reading a sparse file's data name the archive, as every other reader error does",
          arguments: broken.filter(\.whileReadingData))
    func dataErrorsNameTheArchive(c: Broken) throws {
        let dump = TarDump.read(c.fixture)
        #expect(dump.error?.hasPrefix(c.fixture + ": ") == true, "\(dump.error ?? "no error")")
    }

    @Test("after an error every next() repeats it")
    func stickyError() throws {
        let reader = try TarDump.open("bad-checksum.tgz")
        defer { close(reader.fd) }
        #expect(try reader.tar.next()?.name == "ok.txt")
        var messages: [String] = []
        for _ in 0..<3 {
            do {
                _ = try reader.tar.next()
                Issue.record("no error")
            } catch {
                messages.append("\(error)")
            }
        }
        #expect(messages.count == 3 && Set(messages).count == 1)
        #expect(messages.first?.contains("bad checksum") == true)
    }

    @Test("an input that ends where the last entry's padding starts ends the archive, as in Go")
    func cutBeforePadding() throws {
        try Self.endsInPadding("cut-before-padding.tgz")
    }

    @Test("an input cut inside the last entry's padding ends the archive too: Go's tryReadFull turns a short read into io.EOF")
    func cutInPadding() throws {
        try Self.endsInPadding("cut-in-padding.tgz")
    }

    static func endsInPadding(_ fixture: String) throws {
        let dump = TarDump.read(fixture)
        #expect(dump.error == nil)
        #expect(dump.entries.map { TarDump.show($0.name) } == ["ok.txt", "big.bin"])
        #expect(dump.entries.last?.data == (0..<7).flatMap { _ in (0...255).map(UInt8.init) })
        let ws = try Workspace()
        let out = try TarExtraction.unpack(fixture, ws)
        #expect(out.error == nil)
    }

    @Test("a PAX 1.0 sparse map number may have any number of leading zeros (strconv.ParseInt takes them)")
    func sparseMapLongNumber() {
        let dump = TarDump.read("craft-sparse-1.0-long-number.tgz")
        #expect(dump.error == nil)
        #expect(dump.entries.first?.data == [UInt8](repeating: 0, count: 10) + Array("xxxxx".utf8) + [UInt8](repeating: 0, count: 85))
    }

    @Test("a PAX 1.0 sparse map over 1 MiB is refused, as Go refuses it since CVE-2025-58183 (errSparseTooLong)")
    func sparseMapOverOneMiB() {
        let dump = TarDump.read("bad-sparse-map-over-1MiB-1.0.tgz")
        #expect(dump.entries.isEmpty)
        #expect(dump.error?.contains("sparse map") == true)
    }

    // MARK: 8. Where the archive ends

    @Test("the archive ends at two zero blocks, one zero block or a clean EOF at an entry boundary; what follows is never read",
          arguments: ["end-no-marker.tgz", "end-one-zero-block.tgz", "end-garbage-after-marker.tgz", "end-gzip-trailing-zeros.tgz",
                      "end-gzip-trailing-garbage.tgz"])
    func archiveEnd(fixture: String) throws {
        let dump = TarDump.read(fixture)
        #expect(dump.error == nil)
        #expect(dump.listing == ["file one.txt 4 one\\n", "file two.txt 4 two\\n"])
        let ws = try Workspace()
        let out = try TarExtraction.unpack(fixture, ws)
        #expect(out.error == nil)
        #expect(try ByteTree.snapshot(out.target) == [".": "dir", "one.txt": "file one\\n", "two.txt": "file two\\n"])
    }

    @Test("a tar stream split over two gzip members reads as one")
    func twoMembers() {
        let dump = TarDump.read("end-two-members.tgz")
        #expect(dump.error == nil)
        #expect(dump.listing == ["file one.txt 4 one\\n", "file two.txt 4 two\\n", "file three.txt 6 three\\n"])
    }
}

// MARK: - Helpers

/// Every entry of a fixture as `TarReader` returns it, data read to the end for regular files.
private struct TarDump {
    struct Entry {
        var name: [UInt8]
        var kind: String
        var size: Int64
        var mode: UInt32
        var mtime: FileTime?
        var link: [UInt8]
        var data: [UInt8]?
    }

    var entries: [Entry] = []
    var error: String?

    /// One line per entry: kind, name, then the link target or the size and (short) contents.
    var listing: [String] {
        entries.map { e in
            switch e.kind {
            case "symlink": "symlink \(Self.show(e.name)) -> \(Self.show(e.link))"
            case "file": "file \(Self.show(e.name)) \(e.size) \(Self.describe(e.data ?? []))"
            default: "\(e.kind) \(Self.show(e.name))"
            }
        }
    }

    static func path(_ fixture: String) -> String { Fixture.path("tar-reader/" + fixture) }

    static func open(_ fixture: String) throws -> (fd: Int32, tar: TarReader) {
        let fd = Glibc.open(path(fixture), O_RDONLY)
        guard fd >= 0 else { throw ToolError(message: "open \(fixture): errno \(errno)") }
        do {
            return (fd, TarReader(source: try GzipReader(fd: fd, label: fixture), label: fixture))
        } catch {
            close(fd)
            throw error
        }
    }

    static func read(_ fixture: String) -> TarDump {
        var dump = TarDump()
        guard let opened = try? open(fixture) else {
            dump.error = "cannot open \(fixture)"
            return dump
        }
        let tar = opened.tar
        defer { close(opened.fd) }
        do {
            while let entry = try tar.next() {
                let kind: String = switch entry.kind {
                case .regular: "file"
                case .directory: "dir"
                case .symlink: "symlink"
                case .hardlink: "hardlink"
                case .other(let what): "other(\(what))"
                }
                dump.entries.append(Entry(name: entry.name.bytes, kind: kind, size: entry.size, mode: entry.mode,
                                          mtime: entry.mtime, link: entry.linkTarget.bytes, data: nil))
                guard kind == "file" else { continue }
                var data: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let n = try buffer.withUnsafeMutableBytes { (b) throws(ExecError) -> Int in try tar.read(into: b) }
                    if n == 0 { break }
                    data += buffer[0..<n]
                }
                dump.entries[dump.entries.count - 1].data = data
            }
        } catch {
            dump.error = "\(error)"
        }
        return dump
    }

    /// The fixture's tar blocks (gunzipped by Python, not by our code): to check a fixture is what it claims.
    static func rawBlocks(_ fixture: String) throws -> [[UInt8]] {
        let out = try Tool.run("/usr/bin/env", ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())", path(fixture)])
        guard out.status == 0 else { throw ToolError(message: out.stderr) }
        let bytes = Array(out.stdout)
        return stride(from: 0, to: bytes.count, by: 512).map { Array(bytes[$0..<min($0 + 512, bytes.count)]) }
    }

    /// Printable ASCII as is, everything else (and `\`) as `\xNN` or `\n`: distinct bytes stay distinct.
    static func show(_ bytes: [UInt8]) -> String {
        var s = ""
        for b in bytes {
            switch b {
            case 0x0A: s += "\\n"
            case 0x5C: s += "\\\\"
            case 0x20..<0x7F: s.unicodeScalars.append(Unicode.Scalar(b))
            default: s += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
            }
        }
        return s
    }

    /// Short contents in full, long ones as their length and an FNV-1a hash.
    static func describe(_ data: [UInt8]) -> String {
        guard data.count > 64 else { return show(data) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return "\(data.count) bytes, fnv \(String(h, radix: 16)), starts \(show(Array(data.prefix(8))))"
    }
}

/// Extraction with `Unpacker` (ours) and with GNU tar (theirs).
private enum TarExtraction {
    /// Unpacks into `work/t`; the error's text instead of a throw, so a test can check what remains.
    static func unpack(_ fixture: String, _ ws: Workspace) throws -> (target: String, error: String?, skipped: [String]) {
        try ws.mkdir("work")
        let target = ws.path("work/t")
        do {
            let skipped = try Unpacker.unpack(archive: TarDump.path(fixture), to: target, format: .tarGz)
            return (target, nil, skipped)
        } catch {
            return (target, "\(error)", [])
        }
    }

    /// `tar -xzf` into `gnu/`, snapshotted with Argo's rule applied: a single top-level entry is the result.
    static func gnuTar(_ fixture: String, _ ws: Workspace) throws -> [String: String] {
        try ws.mkdir("gnu")
        let out = try Tool.run("/bin/tar", ["--no-same-owner", "-xzf", TarDump.path(fixture), "-C", ws.path("gnu")])
        guard out.status == 0 else { throw ToolError(message: "GNU tar failed on \(fixture): \(out.stderr)") }
        let root = Array(ws.path("gnu").utf8)
        let top = try ByteTree.children(root)
        return try ByteTree.snapshot(top.count == 1 ? root + [0x2F] + top[0] : root)
    }
}

/// A tree read with opendir/lstat/readlink, names kept as bytes.
private enum ByteTree {
    /// Relative path (shown with `TarDump.show`; "." for the root) to "dir", "file <contents>" or "link -> <target>".
    static func snapshot(_ root: String) throws -> [String: String] { try snapshot(Array(root.utf8)) }

    static func snapshot(_ root: [UInt8]) throws -> [String: String] {
        var out: [String: String] = [:]
        try walk(root, [], &out)
        return out
    }

    private static func walk(_ path: [UInt8], _ relative: [UInt8], _ out: inout [String: String]) throws {
        var st = stat()
        guard withCPath(path, { lstat($0, &st) }) == 0 else { throw ToolError(message: "lstat \(TarDump.show(path)): errno \(errno)") }
        let key = relative.isEmpty ? "." : TarDump.show(relative)
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            out[key] = "dir"
            for child in try children(path) {
                try walk(path + [0x2F] + child, relative.isEmpty ? child : relative + [0x2F] + child, &out)
            }
        case S_IFLNK: out[key] = "link -> " + TarDump.show(try readLink(path))
        case S_IFREG: out[key] = "file " + TarDump.describe(try contents(path))
        default: out[key] = "other"
        }
    }

    static func children(_ path: [UInt8]) throws -> [[UInt8]] {
        guard let dir = withCPath(path, { opendir($0) }) else { throw ToolError(message: "opendir \(TarDump.show(path)): errno \(errno)") }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func contents(_ path: [UInt8]) throws -> [UInt8] {
        let fd = withCPath(path) { Glibc.open($0, O_RDONLY) }
        guard fd >= 0 else { throw ToolError(message: "open \(TarDump.show(path)): errno \(errno)") }
        defer { close(fd) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard n >= 0 else { throw ToolError(message: "read \(TarDump.show(path)): errno \(errno)") }
            if n == 0 { return data }
            data += buffer[0..<n]
        }
    }

    static func readLink(_ path: [UInt8]) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = withCPath(path) { p in buffer.withUnsafeMutableBytes { readlink(p, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) } }
        guard n >= 0 else { throw ToolError(message: "readlink \(TarDump.show(path)): errno \(errno)") }
        return Array(buffer[0..<n])
    }

    private static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBytes { body($0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
    }
}
