/// Streams one regular file to a new path (fd to fd, bounded buffer), atomically: the destination appears
/// only complete. Keeps the source's permission bits. The source is opened without blocking and checked to
/// be a regular file: a FIFO given as the source is refused, never waited on.
public enum FileCopy {
    public static func copy(from source: String, to destination: String) throws(ExecError) {
        let input = try FileDescriptor.openForReading(source)
        let mode = try input.info().permissions
        if try FileIO.lstatIfExists(destination) != nil {
            throw ExecError(.badRequest, "\(destination) already exists", context: ["path": destination])
        }
        try AtomicFile.write(destination, mode: mode) { (sink) throws(ExecError) in
            try input.copy(into: sink)
            try sink.descriptor?.setMode(mode)
        }
    }
}
