#if canImport(Glibc)
import Glibc
#endif
import Core

/// One entry read from an archive (tar or zip), independent of the library that read it.
struct ArchiveEntry {
    enum Kind { case regular, directory, symlink, hardlink, other(String) }
    var name: String
    var kind: Kind
    var mode: UInt32
    var size: Int64
    var mtime: timespec?
    var linkTarget: String
}

/// Where the current entry's bytes come from; `read` returns 0 at the entry's end.
protocol EntryDataSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int
}
