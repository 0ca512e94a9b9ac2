import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Testing
import TestSupport

/// Faults injected by the fake (503, a connection dropped or stalled mid-body) and by a TCP proxy in front of
/// it: every transfer is retried or resumed on its own and ends byte-exact, and nothing partial is saved.
@Suite("Azure transfers under faults", .serialized)
struct AzureFaultTests {
    let fake: AzureFake
    let secrets: TemporarySecrets
    let scratch: ScratchDirectory

    init() throws {
        fake = try AzureFake()
        secrets = try TemporarySecrets(["azure/key": fake.accountKey])
        scratch = try ScratchDirectory("azure-faults")
    }

    func driver(endpoint: String? = nil, partSizeMiB: Int? = nil) throws -> AzureDriver {
        var d = try AzureDriver(location: AzureDriverTests.location(fake, endpoint: endpoint), secrets: secrets.resolver, partSizeMiB: partSizeMiB)
        d.retry = Backoff(steps: 4, duration: .milliseconds(20), factor: 1.5)
        return d
    }

    @Test("503 ServerBusy twice, then OK; a dropped and a stalled download resume with x-ms-range and If-Match, byte-exact")
    func injected() throws {
        let d = try driver().with { $0.client = $0.client.with { $0.lowSpeedSeconds = 1 } }
        let data = AzureDriverTests.pattern(3 * 1_048_576 + 17, seed: 5)
        try AzureDriverTests.write(scratch.path + "/f.bin", data)
        try fake.fault(count: 2, method: "PUT", status: 503, code: "ServerBusy")
        try d.save(scratch.path + "/f.bin", key: "wf/f.bin")
        #expect(fake.requests().filter { $0["method"] as? String == "PUT" && $0["blob"] as? String == "wf/f.bin" }.count == 3)

        for fault in ["drop", "stall"] {
            if fault == "drop" { try fake.fault(count: 1, method: "GET", blob: "wf/f.bin", drop: true) }
            if fault == "stall" { try fake.fault(count: 1, method: "GET", blob: "wf/f.bin", stall: 4) }
            let before = fake.requests().count
            try d.load(key: "wf/f.bin", to: scratch.path + "/back-\(fault)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/back-\(fault)")) == Data(data), "\(fault)")
            let gets = fake.requests().dropFirst(before).filter { $0["method"] as? String == "GET" }
            let resumed = try #require(gets.last)
            #expect((resumed["range"] as? String)?.hasPrefix("bytes=") == true && resumed["range"] as? String != "bytes=0-", "\(fault)")
            #expect((resumed["ifMatch"] as? String)?.hasPrefix("\"0x") == true, "\(fault)")
        }

        // A commit refused for good: no blob, the error is not retried, and the earlier blob is intact.
        let blocks = try driver(partSizeMiB: 1)
        try fake.fault(count: 5, method: "PUT", query: "comp", status: 403, code: "AuthorizationFailure")
        #expect { try blocks.save(scratch.path + "/f.bin", key: "wf/refused.bin") } throws: {
            ($0 as? ExecError)?.message.contains("AuthorizationFailure") == true
        }
        #expect(try fake.blobs()["wf/refused.bin"] == nil)
        #expect(try fake.blobs()["wf/f.bin"]?["size"] as? Int == data.count)
    }

    @Test("past 8 MiB the MD5 is checked only when the blob has one: a Put Blob's is, a block list's (none) is not hashed")
    func md5OnlyWhereStored() throws {
        let d = try driver(partSizeMiB: 4)
        let data = AzureDriverTests.pattern(10 * 1_048_576 + 3, seed: 9)
        try AzureDriverTests.write(scratch.path + "/ten.bin", data)
        try d.save(scratch.path + "/ten.bin", key: "wf/blocks.bin")  // Put Block List: no MD5 stored
        try d.client.putBlob("wf/whole.bin", body: .bytes(data))     // Put Blob: the service keeps its MD5
        for key in ["wf/blocks.bin", "wf/whole.bin"] {
            let before = fake.requests().count
            try d.load(key: key, to: scratch.path + "/back-" + key.dropFirst(3))
            #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/back-" + key.dropFirst(3))) == Data(data), "\(key)")
            // One GET, and one HEAD asking whether there is an MD5 to hash for.
            let methods = fake.requests().dropFirst(before).compactMap { $0["method"] as? String }
            #expect(methods == ["GET", "HEAD"], "\(key) \(methods)")
        }
        // A blob with an MD5 is still hashed past 8 MiB: replaced during a dropped read, the mix is refused.
        try fake.fault(count: 1, method: "GET", blob: "wf/whole.bin", drop: true, replace: true)
        #expect { try d.load(key: "wf/whole.bin", to: scratch.path + "/mixed.bin") } throws: {
            ($0 as? ExecError)?.message.contains("MD5 mismatch") == true
        }
    }

    @Test("a blob replaced between a dropped read and its resume fails instead of mixing two versions")
    func replacedMidRead() throws {
        let d = try driver()
        try d.client.putBlob("wf/v.bin", body: .bytes(AzureDriverTests.pattern(400_000, seed: 1)))
        try fake.fault(count: 1, method: "GET", blob: "wf/v.bin", drop: true, replace: true)
        #expect { try d.load(key: "wf/v.bin", to: scratch.path + "/v.bin") } throws: {
            ($0 as? ExecError)?.message.contains("MD5 mismatch") == true
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/v.bin"))
        // Replaced while a resume is pinned to the old ETag: 412 ConditionNotMet, not retried.
        try d.client.putBlob("wf/w.bin", body: .bytes(AzureDriverTests.pattern(400_000, seed: 2)))
        try fake.fault(count: 1, method: "GET", blob: "wf/w.bin", drop: true)
        try fake.fault(count: 1, method: "HEAD", blob: "wf/w.bin", replace: true)
        #expect { try d.stream(key: "wf/w.bin", into: MemorySink()) } throws: { ($0 as? ExecError)?.status == 412 }
    }

    @Test("40 transfers through a proxy that drops, answers 503 or stalls every tenth connection end byte-exact")
    func throughProxy() throws {
        var schedule = [String](repeating: "ok", count: 30)
        schedule[9] = "drop"
        schedule[19] = "503"
        schedule[29] = "stall"
        let upstream = try AzureFake(closeConnections: true)
        let proxy = try FaultProxy(upstream: upstream.base, schedule: schedule)
        defer { _ = proxy }
        var d = try AzureDriver(location: AzureDriverTests.location(upstream, endpoint: "http://\(proxy.endpoint)/\(upstream.account)"),
                                secrets: secrets.resolver)
        d.retry = Backoff(steps: 4, duration: .milliseconds(20), factor: 1.5)
        d.client = d.client.with { $0.lowSpeedSeconds = 1 }
        let start = Date()
        var digests: [String] = []
        for i in 0..<20 {
            let bytes = (0..<(150_000 + i * 997)).map { _ in UInt8.random(in: 0...255) }
            try AzureDriverTests.write(scratch.path + "/up-\(i)", bytes)
            digests.append(try AzureDriverTests.md5(bytes))
            try d.save(scratch.path + "/up-\(i)", key: "proxied/\(i).bin")
        }
        for i in 0..<20 {
            try d.load(key: "proxied/\(i).bin", to: scratch.path + "/down-\(i)")
            #expect(try AzureDriverTests.md5(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/down-\(i)")))) == digests[i])
        }
        print("azure proxy: 40 transfers with faults in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        let stored = try upstream.blobs()
        #expect((0..<20).allSatisfy { stored["proxied/\($0).bin"]?["md5"] as? String == digests[$0] })
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).count == 40, "no temporary files left")
    }
}

extension AzureDriver {
    /// The driver with `change` applied (tests tune the client).
    func with(_ change: (inout AzureDriver) -> Void) -> AzureDriver {
        var copy = self
        change(&copy)
        return copy
    }
}
