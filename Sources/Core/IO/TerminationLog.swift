#if canImport(Glibc)
import Glibc
#endif

/// Writes the Kubernetes termination message (`/dev/termination-log`, mode 0600), in place: in a pod the
/// path is a bind-mounted file, so it is truncated and rewritten, never replaced by a rename. Kubernetes
/// shows it as the container's `state.terminated.message`.
public enum TerminationLog {
    public static func write(_ message: String, to path: String) throws(ExecError) {
        let fd = try FileIO.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
        defer { close(fd) }
        try Array(message.utf8).withBytes { (bytes) throws(ExecError) in try FileIO.writeAll(fd, bytes, name: path) }
    }
}
