#if canImport(Glibc)
import Glibc
#endif

/// A file or directory to read (pack, upload), opened once: what it is can no longer change under the
/// reader, and everything below a directory is reached through `TreeWalk` relative to it.
public struct LocalSource {
    public enum Node {
        case file(FileDescriptor, FileInfo)
        case directory(DirectoryHandle, FileInfo)
    }

    /// The path as given (for messages).
    public let label: String
    /// The base name of that path: an archive's top entry, an `archive: none` file's object name.
    public let name: RawPath
    public let node: Node

    public var info: FileInfo {
        switch node {
        case .file(_, let info), .directory(_, let info): info
        }
    }

    /// Opens a path this process trusts (its own staging, the command line), links followed as the
    /// kernel does, like Go's `os.Stat` of an artifact's path. A FIFO or device is refused without blocking.
    public static func open(_ path: String) throws(ExecError) -> LocalSource {
        let fd: Int32
        do {
            fd = try FileIO.open(path, O_RDONLY | O_NONBLOCK)
        } catch where error.code == .notFound {
            throw ExecError.system("stat", path, ENOENT)  // Go's os.Stat wording, which Argo reports
        }
        let descriptor = FileDescriptor(adopting: fd, label: path)
        return try LocalSource(label: path, descriptor: descriptor)
    }

    /// Opens `relative` below the directory `anchor` with `symlinks` (docs/security.md): how wait reads
    /// what the main container wrote into a volume or into `/var/run/argo`.
    public static func open(_ relative: String, beneath anchor: String, symlinks: SymlinkPolicy) throws(ExecError) -> LocalSource {
        // The anchor itself (a volume mounted at exactly this path, a file input artifact): a mount point,
        // trusted as such, and possibly a file.
        if relative.isEmpty { return try open(anchor) }
        let root = try DirectoryHandle.open(anchor)
        let label = relative.isEmpty ? anchor : anchor + "/" + relative
        switch try root.resolve(RawPath(relative), symlinks: symlinks) {
        case .directory(let dir):
            return LocalSource(label: label, name: baseName(label), node: .directory(dir, try dir.descriptor.info()))
        case .file(let file):
            return LocalSource(label: label, name: baseName(label), node: .file(file, try file.info()))
        }
    }

    init(label: String, name: RawPath, node: Node) {
        self.label = label
        self.name = name
        self.node = node
    }

    private init(label: String, descriptor: FileDescriptor) throws(ExecError) {
        let info = try descriptor.info()
        switch info.kind {
        case .regular:
            try descriptor.requireRegular()
            self.init(label: label, name: Self.baseName(label), node: .file(descriptor, info))
        case .directory:
            self.init(label: label, name: Self.baseName(label), node: .directory(DirectoryHandle(descriptor), info))
        default:
            throw ExecError(.badRequest, "\(label) is not a regular file or directory", context: ["path": label])
        }
    }

    /// Go's `filepath.Base` as bytes.
    static func baseName(_ path: String) -> RawPath {
        let parts = RawPath(path).components
        return parts.last ?? RawPath(path.hasPrefix("/") ? "/" : ".")
    }
}
