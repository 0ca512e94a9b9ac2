import Core

/// One entry read from an archive (tar or zip), whichever reader read it. Names and link targets are the
/// bytes the archive holds (docs/security.md, "Names are bytes").
struct ArchiveEntry {
    enum Kind { case regular, directory, symlink, hardlink, other(String) }
    var name: RawPath
    var kind: Kind
    /// Permission bits and setuid/setgid/sticky as archived; extraction keeps only the permission bits.
    var mode: UInt32
    /// The size of the entry's contents (for a sparse file, with its holes).
    var size: Int64
    var mtime: FileTime?
    var linkTarget: RawPath
}

/// Where the current entry's bytes come from; `read` returns 0 at the entry's end.
protocol EntryDataSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int
}
