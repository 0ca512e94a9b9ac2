import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Testing
import TestSupport

/// GCS transfers through `hack/gcs-proxy.py` breaking chosen requests (answer dropped after the service
/// acted, 503, stalled, body cut): resumable uploads ask the session what it holds and go on from there,
/// downloads resume with Range, and everything ends byte-exact as Google's SDK reads it.
@Suite("GCS transfers through a fault-injecting proxy", .serialized)
struct GCSFaultInjectionTests {
    let server: GCSServer
    let proxy: GCSProxy
    let scratch: ScratchDirectory
    static let bucket = "argo-gcs"

    init() throws {
        server = try GCSServer(buckets: [Self.bucket])
        proxy = try GCSProxy(upstream: server)
        scratch = try ScratchDirectory("gcs-faults")
    }

    func driver() throws -> GCSDriver {
        var env = GCSEnvironment()
        env.emulatorHost = proxy.endpoint
        var d = try GCSDriver(location: GCSArtifact(bucket: Self.bucket), secrets: SecretFiles(directory: "/nonexistent"), environment: env,
                              partSizeMiB: 1)
        d.retry = Backoff(steps: 6, duration: .milliseconds(20), factor: 1.5, jitter: 0.5)
        d.client.config.lowSpeedSeconds = 1
        return d
    }

    func sha(_ bytes: [UInt8]) throws -> String { Digest.hex(try Digest.sha256(bytes)) }

    @Test("an 8 MiB file in 1 MiB chunks: answers dropped after the chunk landed, 503, a stall; the session is asked and the upload goes on")
    func resumableUploadSurvives() throws {
        let d = try driver()
        let bytes = try GCSDriverTests.random(8 << 20)
        let file = scratch.path + "/up.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        // 0: session POST; 1: chunk 0; 2: chunk 1 (lands, answer dropped); 3: status query; 4: chunk 2 -> 503;
        // 5: query, then chunk 2 again: 6 stalls after it landed; 7: query; chunks 3-7 go through.
        try proxy.schedule(["ok", "ok", "drop", "ok", "503", "ok", "stall"])
        let start = Date()
        try d.save(file, key: "faults/up.bin")
        print("GCS 8 MiB upload with 3 faults: \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        let back = try #require(try server.get(Self.bucket, "faults/up.bin"))
        #expect(try sha(back) == (try sha(bytes)))
        let queries = proxy.requests().filter { ($0["range"] as? String)?.hasPrefix("bytes */") == true }
        #expect(queries.count == 3)
        // No chunk was sent twice in full after a query: every re-sent range starts where the session stood.
        let ranges = proxy.requests().compactMap { $0["range"] as? String }.filter { !$0.isEmpty && !$0.hasPrefix("bytes */") }
        #expect(ranges.count == 8 + 1)  // eight chunks; only the one answered 503 (it never landed) sent again
    }

    @Test("the final chunk's answer lost: the query finds the object complete; a streamed upload survives a drop and a 503")
    func finalChunkAndStream() throws {
        let d = try driver()
        let bytes = try GCSDriverTests.random(3 << 20)
        let file = scratch.path + "/final.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try proxy.schedule(["ok", "ok", "ok", "drop"])  // POST, chunks 0 and 1, final chunk 2 lands but its answer is lost
        try d.save(file, key: "faults/final.bin")
        #expect(try server.get(Self.bucket, "faults/final.bin") == bytes)

        let streamed = try GCSDriverTests.random(5 << 20 + 12_345)
        try proxy.schedule(["ok", "drop", "ok", "ok", "503"])
        try d.saveStream(key: "faults/stream.bin") { (sink) throws(ExecError) in try GCSDriverTests.feed(streamed, to: sink, piece: 65_536) }
        #expect(try server.get(Self.bucket, "faults/stream.bin") == streamed)
    }

    @Test("downloads: a body cut at 40%, a 503 and a stall are resumed with Range and end byte-exact (CRC-32C checked)")
    func downloadsResume() throws {
        let d = try driver()
        let bytes = try GCSDriverTests.random(6 << 20)
        try server.put(Self.bucket, "faults/down.bin", bytes, directory: scratch.path)
        try proxy.schedule(["cut", "503", "stall", "cut", "ok"])
        let sink = MemorySink(limit: 16 << 20)
        try d.stream(key: "faults/down.bin", into: sink)
        #expect(sink.bytes == bytes)
        let ranges = proxy.requests().compactMap { $0["get_range"] as? String }.filter { !$0.isEmpty }
        #expect(ranges.count == 4)
        #expect(ranges.allSatisfy { $0.hasPrefix("bytes=") && $0 != "bytes=0-" })
        // Load to a path: the same, through a temporary name.
        try proxy.schedule(["cut", "ok"])
        try d.load(key: "faults/down.bin", to: scratch.path + "/down.bin")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/down.bin"))) == bytes)
    }
}
