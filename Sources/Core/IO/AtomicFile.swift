/// Writes a file under a temporary name next to it and renames it into place only when the writer
/// succeeded and the data is on disk, so a reader never sees a partial file and a failure leaves nothing
/// (`Destination.writeFile` on a path this process trusts). `durable: false` skips the fsync for
/// coordination files on a pod's emptyDir (exit codes, signals), which live no longer than the pod and are
/// read by other containers, not after a crash.
public enum AtomicFile {
    public static func write(_ path: String, mode: UInt32 = 0o644, durable: Bool = true,
                             _ body: (FileDescriptorSink) throws(ExecError) -> Void) throws(ExecError) {
        try Destination.path(path).writeFile(mode: mode, durable: durable, body)
    }

    /// A small text file (a template, an exit code, an argument), written the same way.
    public static func write(_ path: String, text: String, mode: UInt32 = 0o644, durable: Bool = true) throws(ExecError) {
        try write(path, mode: mode, durable: durable) { (sink) throws(ExecError) in try sink.write(Array(text.utf8)) }
    }
}
