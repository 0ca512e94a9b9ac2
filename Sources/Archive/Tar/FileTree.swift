import Core
import Model

#if canImport(Glibc)
import Glibc
#endif

/// Walks a file or directory in Go's `filepath.Walk` order (the root first, then each directory's entries
/// sorted by name, parents before children), reporting `lstat` information; symlinks are not followed.
public enum FileTree {
    struct Node {
        /// Path on disk.
        var path: String
        /// Name inside the archive: `basename(root)` + `/` + the relative path.
        var archiveName: String
        var info: stat
    }

    /// Visits `root` (whose own symlink is followed, as Go's `os.Stat` on the source does) and, for a
    /// directory, everything below it.
    static func walk(_ root: String, visit: (Node) throws(ExecError) -> Void) throws(ExecError) {
        var st = stat()
        guard stat(root, &st) == 0 else { throw ExecError.system("stat", root, errno) }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFDIR else {
            throw ExecError(.badRequest, "\(root) is not a regular file or directory", context: ["path": root])
        }
        let base = PathRules.base(root)
        try visit(Node(path: root, archiveName: base, info: st))
        if kind == S_IFDIR { try walkChildren(of: root, archivePrefix: base, visit: visit) }
    }

    private static func walkChildren(of dir: String, archivePrefix: String, visit: (Node) throws(ExecError) -> Void) throws(ExecError) {
        for name in try sortedNames(dir) {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { throw ExecError.system("lstat", path, errno) }
            let node = Node(path: path, archiveName: archivePrefix + "/" + name, info: st)
            try visit(node)
            if st.st_mode & S_IFMT == S_IFDIR { try walkChildren(of: path, archivePrefix: node.archiveName, visit: visit) }
        }
    }

    /// Directory entry names without `.` and `..`, sorted bytewise like Go's `sort.Strings`.
    static func sortedNames(_ dir: String) throws(ExecError) -> [String] { try DirectoryListing.sortedNames(dir) }

    /// The target of a symlink, as stored on disk.
    static func readLink(_ path: String) throws(ExecError) -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buf, buf.count - 1)
        guard n >= 0 else { throw ExecError.system("readlink", path, errno) }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension FileTree {
    /// Removes `path` and everything below it without following symlinks (`rm -rf` semantics, but a
    /// symlink is removed, never traversed). A missing path is fine.
    public static func removeTree(_ path: String) throws(ExecError) {
        guard let st = try FileIO.lstatIfExists(path) else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            // Make sure we may list and delete inside, whatever mode an archive gave the directory.
            _ = chmod(path, 0o700)
            for name in try sortedNames(path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 else { throw ExecError.system("remove", path, errno) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw ExecError.system("remove", path, errno) }
        }
    }
}
