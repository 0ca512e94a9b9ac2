import Core
import Model

#if canImport(Glibc)
import Glibc
#endif

/// A key of the volume repository, checked and walked below the root (artifacts.md §6): relative,
/// non-empty, `/`-separated, no `.`/`..`/empty segments, no NUL. Every directory on the way is opened
/// with `O_NOFOLLOW` relative to its parent's descriptor, so a symlink planted in the volume can never
/// lead a read or a write outside the root.
struct VolumeKey {
    let root: String
    let key: String
    let parents: [String]
    let name: String

    init(root: String, key: String) throws(ExecError) {
        let trimmed = PathRules.trimmingTrailingSlashes(key)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), !trimmed.utf8.contains(0) else {
            throw ExecError(.badRequest, "volume key \"\(key)\" must be a non-empty relative path")
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw ExecError(.badRequest, "volume key \"\(key)\" may not contain empty, \".\" or \"..\" segments")
        }
        self.root = root
        self.key = trimmed
        parents = Array(parts.dropLast())
        name = parts[parts.count - 1]
    }

    var path: String { root + "/" + key }

    /// The descriptor of the directory holding the key's last segment (caller closes it); with `create`
    /// missing directories are made (0755). A symlink or a file on the way is an error, never followed.
    func openParent(create: Bool) throws(ExecError) -> Int32 {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw errno == ENOENT ? ExecError(.notFound, "volume repository root \(root) does not exist")
                : ExecError.system("open", root, errno)
        }
        var walked = root
        for part in parents {
            walked += "/" + part
            var next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 && errno == ENOENT && create {
                if mkdirat(fd, part, 0o755) != 0 && errno != EEXIST {
                    let e = errno
                    close(fd)
                    throw ExecError.system("mkdir", walked, e)
                }
                next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let e = errno
            close(fd)
            guard next >= 0 else {
                if e == ENOENT { throw ExecError(.notFound, "\(path): no such file or directory") }
                if e == ELOOP || e == ENOTDIR {
                    throw ExecError(.badRequest, "\(walked) is not a directory inside the repository (symlinks are not followed)")
                }
                throw ExecError.system("open", walked, e)
            }
            fd = next
        }
        return fd
    }
}
