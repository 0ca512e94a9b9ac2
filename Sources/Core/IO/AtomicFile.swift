#if canImport(Glibc)
import Glibc
#endif

/// Writes a file under a temporary name next to it and renames it into place only when the writer
/// succeeded and the data is on disk, so a reader never sees a partial file and a failure leaves nothing.
/// `durable: false` skips the fsync for coordination files on a pod's emptyDir (exit codes, signals), which
/// live no longer than the pod and are read by other containers, not after a crash.
public enum AtomicFile {
    public static func write(_ path: String, mode: mode_t = 0o644, durable: Bool = true,
                             _ body: (FileDescriptorSink) throws(ExecError) -> Void) throws(ExecError) {
        let temp = path + ".argoexec-\(getpid()).tmp"
        let fd = try FileIO.open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode: mode)
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temp) }
        }
        try body(FileDescriptorSink(fd: fd, name: path))
        if durable { try FileIO.sync(fd, name: path) }
        guard rename(temp, path) == 0 else { throw ExecError.system("rename", path, errno) }
        renamed = true
    }

    /// A small text file (a template, an exit code, an argument), written the same way.
    public static func write(_ path: String, text: String, mode: mode_t = 0o644, durable: Bool = true) throws(ExecError) {
        try write(path, mode: mode, durable: durable) { (sink) throws(ExecError) in try sink.write(Array(text.utf8)) }
    }
}
