import Core
import Digest

/// A checksum over a stream (CRC-64 for OSS, CRC-32C for GCS), fed chunk by chunk.
protocol RunningChecksum {
    mutating func update(_ bytes: UnsafeRawBufferPointer)
}

extension CRC64: RunningChecksum {}
extension CRC32C: RunningChecksum {}

/// Passes bytes through while computing their checksum: every byte a resumed download delivers is counted
/// once, so the whole object's checksum can be compared with the server's at the end.
final class ChecksumSink<Checksum: RunningChecksum>: ByteSink {
    private let inner: any ByteSink
    private(set) var checksum: Checksum

    init(_ inner: any ByteSink, _ initial: Checksum) {
        self.inner = inner
        checksum = initial
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        try inner.write(bytes)
        checksum.update(bytes)
    }

    func finish() throws(ExecError) { try inner.finish() }
}
