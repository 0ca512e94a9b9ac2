import Core

#if canImport(Glibc)
import Glibc
#endif

/// Archives a file or directory the way Argo's executor does for outputs (artifacts.md §4.1):
/// - a file becomes one entry named by its base name;
/// - a directory becomes an entry for itself (base name, no trailing slash) followed by its tree in Go's
///   walk order; symlinks are stored as links with their on-disk text; permission bits are kept.
/// Everything streams: file descriptor → tar → gzip (all cores) → sink; memory does not grow with size.
public enum Packer {
    /// Writes `source` as tar.gz at `level` (-1 default, 0...9) into `sink`, then finishes the sink.
    public static func tarGz(source: String, to sink: any ByteSink, level: Int = -1, threads: Int? = nil) throws(ExecError) {
        let gzip = try Gzip.writer(sink: sink, level: level, threads: threads)
        try tar(source: source, to: gzip)
    }

    /// Writes `source` as a zip into `sink`, then finishes the sink: one entry per file named
    /// `<base>/<relative>` (symlinks stored as symlinks), or a single file under its base name.
    public static func zip(source: String, to sink: any ByteSink, level: Int = -1) throws(ExecError) {
        let writer = try ZipWriter(sink: sink, level: level)
        try FileTree.walk(source) { (node) throws(ExecError) in
            let st = node.info
            let mode = UInt32(st.st_mode) & 0o177777
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                try withOpenFile(node.path) { (fd, size) throws(ExecError) in
                    try writer.add(name: node.archiveName, mode: mode, mtime: Int64(st.st_mtim.tv_sec), size: size,
                                   contents: fd, path: node.path)
                }
            case S_IFLNK:
                try writer.add(name: node.archiveName, mode: mode, mtime: Int64(st.st_mtim.tv_sec), size: 0, contents: nil,
                               symlinkTarget: try FileTree.readLink(node.path), path: node.path)
            default:
                return  // directories are implied by their files, as in Argo's zips
            }
        }
        try writer.finish()
    }

    /// Writes `source` as an uncompressed tar into `sink`, then finishes the sink.
    public static func tar(source: String, to sink: any ByteSink) throws(ExecError) {
        let writer = TarWriter(sink: sink)
        let names = AccountNames.system
        try FileTree.walk(source) { (node) throws(ExecError) in
            let st = node.info
            var header = TarHeader(
                name: node.archiveName, kind: .regular, mode: UInt32(st.st_mode) & 0o7777, uid: Int(st.st_uid),
                gid: Int(st.st_gid), size: 0, mtime: Int64(st.st_mtim.tv_sec))
            header.userName = names.user(header.uid)
            header.groupName = names.group(header.gid)
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                try withOpenFile(node.path) { (fd, size) throws(ExecError) in
                    header.size = size
                    try writer.add(header, contents: fd, path: node.path)
                }
            case S_IFDIR:
                header.kind = .directory
                try writer.add(header)
            case S_IFLNK:
                header.kind = .symlink
                header.linkName = try FileTree.readLink(node.path)
                try writer.add(header)
            case S_IFIFO:
                // Go writes a header without data for FIFOs; devices and sockets have no portable use in an
                // artifact and are left out.
                header.kind = .fifo
                try writer.add(header)
            default:
                return
            }
        }
        try writer.finish()
    }

    /// Opens a regular file without following a symlink that replaced it since the walk, and passes its
    /// descriptor and current size (the header must carry the size of what is actually read).
    private static func withOpenFile(_ path: String, _ body: (Int32, Int64) throws(ExecError) -> Void) throws(ExecError) {
        let fd = try FileIO.open(path, O_RDONLY | O_NOFOLLOW)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ExecError.system("stat", path, errno) }
        try body(fd, Int64(st.st_size))
    }
}
