#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating the directories of trusted paths (pod mounts, our own staging); anything below a place
/// someone else can write is made through `DirectoryHandle.makeDirectories` instead.
public enum Directories {
    /// `mkdir -p path` with `mode` for the directories it creates (Go's `os.MkdirAll`).
    public static func makeAll(_ path: String, mode: mode_t = 0o755) throws(ExecError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 && errno != EEXIST { throw ExecError.system("mkdir", current, errno) }
        }
    }
}
