#if canImport(Glibc)
import Glibc
#endif

/// Names inside a directory, the way Go's `filepath.Walk` and `os.ReadDir` order them.
public enum DirectoryListing {
    /// Directory entry names without `.` and `..`, sorted bytewise like Go's `sort.Strings`.
    public static func sortedNames(_ dir: String) throws(ExecError) -> [String] {
        guard let d = opendir(dir) else { throw ExecError.system("open", dir, errno) }
        defer { closedir(d) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(d) else {
                if errno != 0 { throw ExecError.system("readdir", dir, errno) }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

}
