import Core

/// Single-threaded gzip: one deflate stream over the whole input. Used when only one core is available or
/// asked for, and as the baseline the multi-core writer is measured against (hack/bench-archive.sh).
public final class GzipWriter: ByteSink {
    private let sink: any ByteSink
    private let stream: DeflateStream
    private var crc: UInt = 0
    private var length: UInt64 = 0
    private var output: [UInt8] = []

    public init(sink: any ByteSink, level: Int = -1) throws(ExecError) {
        self.sink = sink
        stream = try DeflateStream(level: GzipFraming.zlibLevel(level))
        try sink.write(GzipFraming.header)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        crc = Zlib.crc32(crc, bytes)
        length += UInt64(bytes.count)
        try stream.feed(bytes, flush: .none, into: &output)
        try emit()
    }

    public func finish() throws(ExecError) {
        try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), flush: .finish, into: &output)
        output.append(contentsOf: GzipFraming.trailer(crc: crc, length: length))
        try emit()
        try sink.finish()
    }

    private func emit() throws(ExecError) {
        guard !output.isEmpty else { return }
        try sink.write(output)
        output.removeAll(keepingCapacity: true)
    }
}

/// Picks the compressor for an output archive: all cores unless told otherwise.
public enum Gzip {
    public static func writer(sink: any ByteSink, level: Int, threads: Int? = nil) throws(ExecError) -> any ByteSink {
        if threads == 1 { return try GzipWriter(sink: sink, level: level) }
        return try ParallelGzipWriter(sink: sink, level: level, threads: threads)
    }
}
