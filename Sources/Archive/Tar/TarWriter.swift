import Core

/// Writes a tar stream into a sink (normally a gzip writer): headers from `TarHeader`, file contents copied
/// fd to fd in bounded chunks, and the two zero blocks at the end. Not padded to a 10 KiB record, like Go.
final class TarWriter {
    private let sink: any ByteSink
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

    init(sink: any ByteSink) { self.sink = sink }

    /// Adds an entry; for regular files `contents` is an open descriptor positioned at the start, and
    /// exactly `header.size` bytes are copied from it.
    func add(_ header: TarHeader, contents fd: Int32? = nil, path: String = "") throws(ExecError) {
        try sink.write(header.encode())
        guard header.kind == .regular, header.size > 0 else { return }
        guard let fd else { throw ExecError(.internal, "tar: no contents for \(header.name)") }
        var left = header.size
        // Into the parallel gzip writer's block directly when that is the sink (the usual case); else
        // through the buffer.
        let direct = sink as? ParallelGzipWriter
        while left > 0 {
            let want = Int(min(Int64(buffer.count), left))
            if let direct {
                let n = try direct.fill(upTo: want) { (room) throws(ExecError) -> Int in try FileIO.read(fd, into: room, name: path) }
                guard n > 0 else { throw Self.shrank(path, left) }
                left -= Int64(n)
                continue
            }
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in
                try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[0..<want]), name: path)
            }
            // Go's tar writer fails the same way when a file shrinks while it is archived.
            guard n > 0 else { throw Self.shrank(path, left) }
            try buffer.withBytes { (b) throws(ExecError) in try sink.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
            left -= Int64(n)
        }
        let pad = TarHeader.padding(Int(header.size % Int64(TarHeader.blockSize)))
        if pad > 0 { try sink.write([UInt8](repeating: 0, count: pad)) }
    }

    static func shrank(_ path: String, _ left: Int64) -> ExecError {
        ExecError(.internal, "archive/tar: \(path) changed size while being archived (missed writing \(left) bytes)", context: ["path": path])
    }

    /// Ends the archive (two zero blocks) and finishes the sink.
    func finish() throws(ExecError) {
        try sink.write([UInt8](repeating: 0, count: 2 * TarHeader.blockSize))
        try sink.finish()
    }
}
