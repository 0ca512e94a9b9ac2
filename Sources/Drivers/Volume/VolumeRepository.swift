import Core

#if canImport(Glibc)
import Glibc
#endif

/// Whole-repository operations of the volume repository: listing and deleting (GC).
public struct VolumeRepository: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// Keys of regular files under `prefix` (relative to the root), sorted, with sizes; symlinks are
    /// neither listed nor followed.
    public func list(prefix: String) throws(ExecError) -> [(key: String, size: Int64)] {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw ExecError.system("open", root, errno) }
        defer { close(fd) }
        var out: [(key: String, size: Int64)] = []
        try walk(fd, relative: "", prefix: prefix, into: &out)
        return out
    }

    private func walk(_ dir: Int32, relative: String, prefix: String, into out: inout [(key: String, size: Int64)]) throws(ExecError) {
        for name in try VolumeCopy.names(dir, label: root + "/" + relative) where !name.hasPrefix(".") || !name.contains(".argo-") {
            let key = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFREG where key.hasPrefix(prefix):
                out.append((key, Int64(st.st_size)))
            case S_IFDIR where key.hasPrefix(prefix) || prefix.hasPrefix(key + "/"):
                let child = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { continue }
                defer { close(child) }
                try walk(child, relative: key, prefix: prefix, into: &out)
            default:
                continue
            }
        }
    }

    /// Deletes the file or tree at `key`; a missing key is success (idempotent GC).
    public func delete(key: String) throws(ExecError) {
        let location = try VolumeKey(root: root, key: key)
        let parent: Int32
        do {
            parent = try location.openParent(create: false)
        } catch where error.code == .notFound {
            return
        }
        defer { close(parent) }
        VolumeCopy.remove(parent, location.name)
    }
}
