import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Signing
import Testing
import TestSupport

/// Nothing lost: 100 transfers through a proxy that breaks every tenth connection (dropped mid-response,
/// 503 SlowDown, stalled), each retried on its own; every object and every download ends byte-exact.
@Suite("Transfers through a fault-injecting proxy", .serialized)
struct FaultInjectionTests {
    @Test("50 uploads and 50 downloads with 10% faults end byte-exact")
    func hundredTransfers() throws {
        var schedule = [String](repeating: "ok", count: 30)
        schedule[9] = "drop"
        schedule[19] = "503"
        schedule[29] = "stall"
        let (moto, proxy, driver) = try Self.proxiedDriver(schedule) {
            $0.client = $0.client.with { $0.lowSpeedSeconds = 1 }
            $0.retry = Backoff(steps: 5, duration: .milliseconds(20), factor: 1.5, jitter: 0.5)
        }
        defer { _ = proxy }
        let credentials = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("argoexec-faults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var digests: [String] = []
        for i in 0..<50 {
            let bytes = (0..<(150_000 + i * 997)).map { _ in UInt8.random(in: 0...255) }
            let file = dir.appendingPathComponent("up-\(i)").path
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            digests.append(Digest.hex(try Digest.sha256(bytes)))
            try driver.save(file, key: "objects/\(i).bin")
        }
        for i in 0..<50 {
            let file = dir.appendingPathComponent("down-\(i)").path
            try driver.load(key: "objects/\(i).bin", to: file)
            let back = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(Digest.hex(try Digest.sha256(Array(back))) == digests[i], "object \(i)")
        }
        // Every object stored is whole, and nothing else was left behind.
        var plain = S3Artifact(endpoint: String(moto.endpoint.dropFirst("http://".count)), bucket: "argo")
        plain.insecure = true
        plain.useSDKCreds = true
        let direct = try S3Driver(location: plain, secrets: SecretFiles(directory: "/nonexistent"), environment: .keys(credentials))
        let listed = try direct.list(prefix: "objects/")
        #expect(listed.count == 50)
        #expect(listed.allSatisfy { $0.size >= 150_000 })
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)).count == 100, "no temporary files left")
    }

    @Test("a body trickling at 5 bytes/s is abandoned after the low-speed window and the download resumes byte-exact")
    func trickle() throws {
        let (moto, proxy, driver) = try Self.proxiedDriver(["ok", "trickle", "ok"]) { $0.client = $0.client.with { $0.lowSpeedSeconds = 2 } }
        defer { _ = (moto, proxy) }
        let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255) }
        let sink = MemorySink()
        let start = Date()
        // Connection 1 uploads; connection 2 trickles the download (200 KB at 5 bytes/s would take 11 hours);
        // connection 3 resumes it.
        try driver.saveStream(key: "slow.bin") { (s) throws(ExecError) in try s.write(bytes) }
        try driver.stream(key: "slow.bin", into: sink)
        #expect(sink.bytes == bytes)
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test("a 200 without Content-Length that closes early is not the whole object: the size from HEAD says so and the rest is resumed")
    func truncatedWithoutLength() throws {
        // 1: upload; 2: the GET cut without a length; 3: HEAD; 4: the resumed ranged GET.
        let (moto, proxy, driver) = try Self.proxiedDriver(["ok", "cut-nolength", "ok", "ok"]) { _ in }
        defer { _ = (moto, proxy) }
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255) }
        try driver.saveStream(key: "cut.bin") { (s) throws(ExecError) in try s.write(bytes) }
        let sink = MemorySink()
        try driver.stream(key: "cut.bin", into: sink)
        #expect(sink.bytes.count == bytes.count)
        #expect(sink.bytes == bytes)
    }

    /// moto behind a fault proxy with `schedule`, bucket `argo`, and an S3 driver through the proxy (region
    /// set, so no GetBucketLocation takes a slot of the schedule), adjusted by `configure`.
    static func proxiedDriver(_ schedule: [String], _ configure: (inout S3Driver) -> Void) throws -> (MotoServer, FaultProxy, S3Driver) {
        let moto = try MotoServer(signatureChecking: false)
        let proxy = try FaultProxy(upstream: moto.endpoint, schedule: schedule)
        let credentials = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        try S3Client(.init(endpoint: String(moto.endpoint.dropFirst("http://".count)), secure: false, credentials: credentials)).createBucket("argo")
        var viaProxy = S3Artifact(endpoint: proxy.endpoint, bucket: "argo")
        viaProxy.insecure = true
        viaProxy.useSDKCreds = true
        viaProxy.region = "us-east-1"
        var driver = try S3Driver(location: viaProxy, secrets: SecretFiles(directory: "/nonexistent"), environment: .keys(credentials))
        driver.retry = Backoff(steps: 3, duration: .milliseconds(20), factor: 1.5, jitter: 0)
        configure(&driver)
        return (moto, proxy, driver)
    }
}
