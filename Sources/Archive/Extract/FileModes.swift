import Core

#if canImport(Glibc)
import Glibc
#endif

/// An input artifact's `mode` / `recurseMode` (executor.md §4.3 step 10): chmod the target, and with
/// `recursive` every file and directory beneath it. Symlinks are never followed (their own mode is
/// meaningless on Linux).
public enum FileModes {
    public static func apply(_ mode: UInt32, to path: String, recursive: Bool) throws(ExecError) {
        guard chmod(path, mode_t(mode & 0o7777)) == 0 else { throw ExecError.system("chmod", path, errno) }
        guard recursive, try FileIO.lstatIfExists(path).map({ $0.st_mode & S_IFMT == S_IFDIR }) == true else { return }
        for name in try FileTree.sortedNames(path) {
            let child = path + "/" + name
            guard let st = try FileIO.lstatIfExists(child), st.st_mode & S_IFMT != S_IFLNK else { continue }
            try apply(mode, to: child, recursive: true)
        }
    }
}
