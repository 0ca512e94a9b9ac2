/// Names inside a directory, the way Go's `filepath.Walk` and `os.ReadDir` order them, as strings (for
/// names this process made or the kernel's own, like `/proc/self/fd`): `DirectoryHandle.names` as text.
public enum DirectoryListing {
    public static func sortedNames(_ dir: String) throws(ExecError) -> [String] {
        try DirectoryHandle.open(dir).names().map(\.description)
    }
}
