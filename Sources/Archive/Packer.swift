import Core

/// Archives a file or directory the way Argo's executor does for outputs (docs/archives.md, "Packing"):
/// - a file becomes one entry named by its base name;
/// - a directory becomes an entry for itself (base name, no trailing slash) followed by its tree in Go's
///   walk order; symlinks are stored as links with their on-disk text; permission bits are kept.
/// The source is opened once (`LocalSource`) and walked by descriptor, so names are bytes (a Latin-1
/// name is archived as it is), trees deeper than `PATH_MAX` pack, nothing is followed below the top,
/// and a FIFO is archived as a FIFO, never opened.
/// Everything streams: file descriptor → tar → gzip (all cores) → sink; memory does not grow with size.
public enum Packer {
    /// Writes `source` as tar.gz at `level` (-1 default, 0...9) into `sink`, then finishes the sink.
    public static func tarGz(source: LocalSource, to sink: any ByteSink, level: Int = -1, threads: Int? = nil) throws(ExecError) {
        let gzip = try Gzip.writer(sink: sink, level: level, threads: threads)
        try tar(source: source, to: gzip)
    }

    public static func tarGz(source path: String, to sink: any ByteSink, level: Int = -1, threads: Int? = nil) throws(ExecError) {
        try tarGz(source: try LocalSource.open(path), to: sink, level: level, threads: threads)
    }

    /// Writes `source` as a zip into `sink`, then finishes the sink: one entry per file named
    /// `<base>/<relative>` (symlinks stored as symlinks), or a single file under its base name.
    public static func zip(source: LocalSource, to sink: any ByteSink, level: Int = -1) throws(ExecError) {
        let writer = try ZipWriter(sink: sink, level: level)
        switch source.node {
        case .file(let file, let info):
            try writer.add(name: source.name, mode: info.mode | 0o100000, mtime: info.modified.seconds, size: info.size,
                           contents: file.raw, path: source.label)
        case .directory(let root, _):
            try TreeWalk.walk(root) { (node) throws(ExecError) -> Bool in
                let name = source.name.appending(node.relative)
                let label = source.label + "/" + node.relative.description
                switch node.info.kind {
                case .regular:
                    let file = try node.parent.openFile(node.name)
                    let info = try file.info()
                    try writer.add(name: name, mode: info.mode | 0o100000, mtime: info.modified.seconds, size: info.size,
                                   contents: file.raw, path: label)
                case .symlink:
                    try writer.add(name: name, mode: node.info.mode | 0o120000, mtime: node.info.modified.seconds, size: 0,
                                   contents: nil, symlinkTarget: try node.parent.readLink(node.name), path: label)
                default:
                    break  // directories are implied by their files, as in Argo's zips
                }
                return true
            }
        }
        try writer.finish()
    }

    public static func zip(source path: String, to sink: any ByteSink, level: Int = -1) throws(ExecError) {
        try zip(source: try LocalSource.open(path), to: sink, level: level)
    }

    /// Writes `source` as an uncompressed tar into `sink`, then finishes the sink.
    public static func tar(source: LocalSource, to sink: any ByteSink) throws(ExecError) {
        let writer = TarWriter(sink: sink)
        let names = AccountNames.system
        func header(_ name: RawPath, _ info: FileInfo) -> TarHeader {
            var h = TarHeader(name: name, kind: .regular, mode: info.mode, uid: Int(info.uid), gid: Int(info.gid), size: 0,
                              mtime: info.modified.seconds)
            h.userName = names.user(h.uid)
            h.groupName = names.group(h.gid)
            return h
        }
        switch source.node {
        case .file(let file, let info):
            var h = header(source.name, info)
            h.size = info.size
            try writer.add(h, contents: file.raw, path: source.label)
        case .directory(let root, let info):
            var top = header(source.name, info)
            top.kind = .directory
            try writer.add(top)
            try TreeWalk.walk(root) { (node) throws(ExecError) -> Bool in
                var h = header(source.name.appending(node.relative), node.info)
                let label = source.label + "/" + node.relative.description
                switch node.info.kind {
                case .regular:
                    // Opened without following and checked again: a file swapped for a link or a FIFO since
                    // the listing is an error, never followed or blocked on. The header carries the size of
                    // what is read now.
                    let file = try node.parent.openFile(node.name)
                    h.size = try file.info().size
                    try writer.add(h, contents: file.raw, path: label)
                case .directory:
                    h.kind = .directory
                    try writer.add(h)
                case .symlink:
                    h.kind = .symlink
                    h.linkName = try node.parent.readLink(node.name)
                    try writer.add(h)
                case .fifo:
                    // Go writes a header without data for FIFOs; devices and sockets have no portable use in
                    // an artifact and are left out.
                    h.kind = .fifo
                    try writer.add(h)
                default:
                    break
                }
                return true
            }
        }
        try writer.finish()
    }
}
