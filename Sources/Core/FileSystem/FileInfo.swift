#if canImport(Glibc)
import Glibc
#endif

/// What the file system layer reports about a file (from `fstat`/`fstatat`, never following a link
/// unless asked): no libc type leaves this layer.
public struct FileInfo: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case regular, directory, symlink, fifo, socket, characterDevice, blockDevice, unknown
    }

    public var kind: Kind
    /// The permission bits and setuid/setgid/sticky (`st_mode & 07777`).
    public var mode: UInt32
    public var size: Int64
    public var uid: UInt32
    public var gid: UInt32
    public var modified: FileTime
    public var device: UInt64
    public var inode: UInt64

    /// Permission bits only (`rwxrwxrwx`): what Go's `os.FileMode.Perm()` keeps, and all an input's
    /// `mode` or an archive may set (setuid, setgid and sticky are stripped: docs/security.md).
    public var permissions: UInt32 { mode & 0o777 }

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        default: kind = .unknown
        }
        mode = UInt32(st.st_mode) & 0o7777
        size = Int64(st.st_size)
        uid = st.st_uid
        gid = st.st_gid
        modified = FileTime(seconds: Int64(st.st_mtim.tv_sec), nanoseconds: Int32(truncatingIfNeeded: st.st_mtim.tv_nsec))
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    public var isDirectory: Bool { kind == .directory }
    public var isRegular: Bool { kind == .regular }
    public var isSymlink: Bool { kind == .symlink }
}

/// A time stamp with nanoseconds (file times, archive entry times).
public struct FileTime: Sendable, Equatable {
    public var seconds: Int64
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    var timespec: Glibc.timespec { Glibc.timespec(tv_sec: Int(truncatingIfNeeded: seconds), tv_nsec: Int(nanoseconds)) }
}

/// A file's identity: its device and inode.
public struct FileIdentity: Sendable, Hashable {
    public let device: UInt64
    public let inode: UInt64
}
