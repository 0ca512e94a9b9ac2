#if canImport(Glibc)
import Glibc
#endif

/// The process's working directory and path resolution through links (the init-less emissary steps off its
/// working directory while it links inputs, which may replace it; docs/supervisor.md).
public enum WorkingDirectory {
    /// `getcwd`.
    public static func current() throws(ExecError) -> String {
        guard let raw = getcwd(nil, 0) else { throw ExecError.system("getcwd", ".", errno) }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// `chdir`.
    public static func change(to path: String) throws(ExecError) {
        guard chdir(path) == 0 else { throw ExecError.system("chdir", path, errno) }
    }

    /// `realpath`: `path` with every link resolved (Go's `filepath.EvalSymlinks` of an existing path).
    public static func resolved(_ path: String) throws(ExecError) -> String {
        guard let raw = realpath(path, nil) else { throw ExecError.system("lstat", path, errno) }
        defer { free(raw) }
        return String(cString: raw)
    }
}
