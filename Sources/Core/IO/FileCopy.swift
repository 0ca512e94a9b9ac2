#if canImport(Glibc)
import Glibc
#endif

/// Streams one regular file to a new path (fd to fd, bounded buffer), atomically: the destination appears
/// only complete. Keeps the source's permission bits.
public enum FileCopy {
    public static func copy(from source: String, to destination: String) throws(ExecError) {
        let input = try FileIO.open(source, O_RDONLY)
        defer { close(input) }
        var st = stat()
        guard fstat(input, &st) == 0 else { throw ExecError.system("stat", source, errno) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw ExecError(.badRequest, "\(source) is not a regular file", context: ["path": source])
        }
        if try FileIO.lstatIfExists(destination) != nil {
            throw ExecError(.badRequest, "\(destination) already exists", context: ["path": destination])
        }
        try AtomicFile.write(destination, mode: st.st_mode & 0o777) { (sink) throws(ExecError) in
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            while true {
                let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try FileIO.read(input, into: b, name: source) }
                if n == 0 { break }
                try buffer.withBytes { (b) throws(ExecError) in try sink.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
            }
            guard fchmod(sink.fd, st.st_mode & 0o777) == 0 else { throw ExecError.system("chmod", destination, errno) }
        }
    }
}
