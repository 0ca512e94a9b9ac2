import Core

#if canImport(Glibc)
import Glibc
#endif

/// The volume repository (artifacts.md §6): artifacts as files under a mounted directory (a PVC, NFS, a
/// hostPath; the pod simulator's default, no server needed). Writes go to a temporary name in the target
/// directory, are fsynced and renamed into place (readers see the old or the new object, never a part);
/// directories are copied to a temporary tree and swapped in. Nothing is read or written outside the root.
public struct VolumeStore: ArtifactStore {
    let location: VolumeKey
    public var fileMode: mode_t

    public init(root: String, key: String, fileMode: mode_t = 0o644) throws(ExecError) {
        location = try VolumeKey(root: root, key: key)
        self.fileMode = fileMode
    }

    public func load(to path: String) throws(ExecError) {
        let parent = try location.openParent(create: false)
        defer { close(parent) }
        var st = stat()
        guard fstatat(parent, location.name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw errno == ENOENT ? ExecError(.notFound, "\(location.path): no such file or directory")
                : ExecError.system("stat", location.path, errno)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            let fd = try openFile(parent)
            defer { close(fd) }
            try AtomicFile.write(path, mode: st.st_mode & 0o777) { (sink) throws(ExecError) in try VolumeCopy.pump(fd, into: sink, name: location.path) }
        case S_IFDIR:
            let dir = openat(parent, location.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard dir >= 0 else { throw ExecError.system("open", location.path, errno) }
            defer { close(dir) }
            try VolumeCopy.treeOut(dir, to: path, name: location.path)
        default:
            throw ExecError(.badRequest, "\(location.path) is neither a file nor a directory")
        }
    }

    public func stream(into sink: any ByteSink) throws(ExecError) {
        let parent = try location.openParent(create: false)
        defer { close(parent) }
        let fd = try openFile(parent)
        defer { close(fd) }
        try VolumeCopy.pump(fd, into: sink, name: location.path)
    }

    /// A directory key has no bytes to peek: NotFound, so callers fall back to `load` (the tree).
    public func peek(_ count: Int) throws(ExecError) -> [UInt8] {
        let parent = try location.openParent(create: false)
        defer { close(parent) }
        let fd = try openFile(parent)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try FileIO.read(fd, into: b, name: location.path) }
        return Array(buffer.prefix(n))
    }

    public func save(_ path: String) throws(ExecError) {
        guard let st = try FileIO.lstatIfExists(path) else { throw ExecError.system("stat", path, ENOENT) }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            let fd = try FileIO.open(path, O_RDONLY)
            defer { close(fd) }
            return try saveStream { (sink) throws(ExecError) in try VolumeCopy.pump(fd, into: sink, name: path) }
        }
        let parent = try location.openParent(create: true)
        defer { close(parent) }
        let temp = ".\(location.name).argo-\(UInt32.random(in: 0...UInt32.max)).tmpdir"
        do {
            try VolumeCopy.treeIn(from: path, into: parent, name: temp, fileMode: fileMode)
            try VolumeCopy.swap(parent, temp: temp, final: location.name, label: location.path)
        } catch {
            VolumeCopy.remove(parent, temp)
            throw error
        }
    }

    public func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        let parent = try location.openParent(create: true)
        defer { close(parent) }
        let temp = ".\(location.name).argo-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = openat(parent, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw ExecError.system("open", location.path, errno) }
        var done = false
        defer {
            close(fd)
            if !done { unlinkat(parent, temp, 0) }
        }
        try produce(FileDescriptorSink(fd: fd, name: location.path))
        try FileIO.sync(fd, name: location.path)
        _ = fchmod(fd, fileMode)
        guard renameat(parent, temp, parent, location.name) == 0 else { throw ExecError.system("rename", location.path, errno) }
        done = true
        _ = fsync(parent)
    }

    private func openFile(_ parent: Int32) throws(ExecError) -> Int32 {
        let fd = openat(parent, location.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw ExecError(.notFound, "\(location.path): no such file or directory") }
            if errno == ELOOP { throw ExecError(.badRequest, "\(location.path) is a symlink (not followed)") }
            throw ExecError.system("open", location.path, errno)
        }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw ExecError(.notFound, "\(location.path) is not a regular file")
        }
        return fd
    }
}
