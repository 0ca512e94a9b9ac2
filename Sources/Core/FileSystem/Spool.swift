/// A temporary file that has no name anyone could open and that cannot be left behind: created
/// exclusively (read-write) in `directory` and unlinked at once; it lives as long as its descriptor.
public enum Spool {
    public static func make(in directory: String = "/tmp") throws(ExecError) -> FileDescriptor {
        try make(in: try DirectoryHandle.open(directory))
    }

    public static func make(in directory: DirectoryHandle) throws(ExecError) -> FileDescriptor {
        let name = TemporaryNames.make(for: "argoexec", suffix: "spool")
        let file = try directory.createFile(name, mode: 0o600, exclusive: true, readable: true)
        try directory.remove(name)
        return file
    }
}
