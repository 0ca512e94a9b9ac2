#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating the directories a download writes into.
public enum Directories {
    /// `mkdir -p` for the parent directories of `file`, which must lie below `root`. Components are created
    /// one at a time and an existing component that is not a real directory (a symlink planted to
    /// redirect the write, a file) is an error, so nothing is created outside `root`.
    public static func makeParents(of file: String, below root: String) throws(ExecError) {
        guard file.hasPrefix(root + "/") else {
            throw ExecError(.badRequest, "\(file) is not below \(root)")
        }
        if try FileIO.lstatIfExists(root) == nil { try make(root) }
        var path = root
        let parts = file.dropFirst(root.count + 1).split(separator: "/").dropLast()
        for part in parts {
            path += "/" + part
            if let st = try FileIO.lstatIfExists(path) {
                guard st.st_mode & S_IFMT == S_IFDIR else {
                    throw ExecError(.badRequest, "\(path) exists and is not a directory", context: ["path": path])
                }
            } else {
                try make(path)
            }
        }
    }

    /// `mkdir -p path` with `mode` for the directories it creates (Go's `os.MkdirAll`).
    public static func makeAll(_ path: String, mode: mode_t = 0o755) throws(ExecError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 && errno != EEXIST { throw ExecError.system("mkdir", current, errno) }
        }
    }

    private static func make(_ path: String, mode: mode_t = 0o755) throws(ExecError) {
        guard mkdir(path, mode) == 0 || errno == EEXIST else { throw ExecError.system("mkdir", path, errno) }
    }
}
