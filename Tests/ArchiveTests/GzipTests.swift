@testable import Archive
import Core
import Foundation
import Testing

/// Collects bytes in memory (test-only sink).
final class MemorySink: ByteSink {
    var data = Data()
    var finished = false
    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) { data.append(contentsOf: bytes) }
    func finish() throws(ExecError) { finished = true }
}

@Suite("Multi-core gzip (pigz technique)")
struct GzipTests {
    static func sample(_ size: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        var out = [UInt8]()
        out.reserveCapacity(size)
        let words = Array("lorem ipsum dolor sit amet consectetur adipiscing elit ".utf8)
        while out.count < size {
            if Bool.random(using: &rng) {
                out += (0..<1000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                for _ in 0..<50 { out += words.shuffled(using: &rng).prefix(12) }
            }
        }
        return Array(out.prefix(size))
    }

    func compress(_ input: [UInt8], threads: Int?, level: Int, blockSize: Int, chunk: Int) throws -> Data {
        let sink = MemorySink()
        let gz: any ByteSink = threads == 1
            ? try GzipWriter(sink: sink, level: level)
            : try ParallelGzipWriter(sink: sink, level: level, threads: threads, blockSize: blockSize)
        var offset = 0
        while offset < input.count {
            let end = min(offset + chunk, input.count)
            try input[offset..<end].withUnsafeBytes { b in Result { () throws(ExecError) in try gz.write(b) } }.get()
            offset = end
        }
        try gz.finish()
        #expect(sink.finished)
        return sink.data
    }

    @Test("gunzip and Python read every configuration byte-exact", arguments: [
        (2, 6, 32 * 1024, 1000), (2, 1, 128 * 1024, 65536), (4, 9, 64 * 1024, 7), (2, 0, 32 * 1024, 100_000),
        (1, 6, 0, 4096), (3, -1, 40 * 1024, 333),
    ])
    func roundTrip(threads: Int, level: Int, blockSize: Int, chunk: Int) throws {
        let input = Self.sample(900_000)
        let gz = try compress(input, threads: threads, level: level, blockSize: blockSize, chunk: chunk)
        let gunzip = try Tool.run("/bin/gzip", ["-dc"], stdin: gz)
        #expect(gunzip.status == 0, "\(gunzip.stderr)")
        #expect(Array(gunzip.stdout) == input)
        let py = try Tool.run("/usr/bin/env", ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.decompress(sys.stdin.buffer.read()))"], stdin: gz)
        #expect(Array(py.stdout) == input)
    }

    @Test("empty input and exact block multiples", arguments: [0, 32 * 1024, 64 * 1024])
    func edges(size: Int) throws {
        let input = [UInt8](repeating: 7, count: size)
        let gz = try compress(input, threads: 2, level: 6, blockSize: 32 * 1024, chunk: 32 * 1024)
        let gunzip = try Tool.run("/bin/gzip", ["-dc"], stdin: gz)
        #expect(gunzip.status == 0)
        #expect(Array(gunzip.stdout) == input)
    }

    @Test("the header is Go's: no name, mtime 0, OS 255")
    func header() throws {
        let gz = try compress([1, 2, 3], threads: 2, level: 6, blockSize: 32 * 1024, chunk: 3)
        #expect(Array(gz.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
    }
}
