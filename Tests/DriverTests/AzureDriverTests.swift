import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Signing
import Testing
import TestSupport

/// The Azure driver end to end against the loopback fake, which checks every Shared Key signature and SAS
/// token strictly: files, trees, blocks, streams, ranges, deletes and bad locations.
@Suite("Azure driver against the Azure fake", .serialized)
struct AzureDriverTests {
    let fake: AzureFake
    let secrets: TemporarySecrets
    let scratch: ScratchDirectory

    init() throws {
        fake = try AzureFake()
        secrets = try TemporarySecrets(["azure/key": fake.accountKey + "\n", "bad/key": "AAAA" + fake.accountKey.dropFirst(4),
                                        "notbase64/key": "not a key!"])
        scratch = try ScratchDirectory("azure")
    }

    static func location(_ fake: AzureFake, endpoint: String? = nil, container: String = "argo", secret: String? = "azure") -> AzureArtifact {
        var l = AzureArtifact(endpoint: endpoint ?? fake.endpoint, container: container, blob: "unused")
        l.accountKeySecret = secret.map { SecretKeySelector(name: $0, key: "key") }
        return l
    }

    func driver(endpoint: String? = nil, container: String = "argo", secret: String? = "azure", partSizeMiB: Int? = nil,
                resolver: (any SecretResolver)? = nil) throws -> AzureDriver {
        var d = try AzureDriver(location: Self.location(fake, endpoint: endpoint, container: container, secret: secret),
                                secrets: resolver ?? secrets.resolver, partSizeMiB: partSizeMiB)
        d.retry = Backoff(steps: 3, duration: .milliseconds(10), factor: 1)
        return d
    }

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func pattern(_ count: Int, seed: Int = 1) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) ^ ($0 >> 11)) } }

    static func md5(_ bytes: [UInt8]) throws -> String { Digest.hex(try Digest.md5(bytes)) }

    @Test("Azurite-style path URL: save and load a file with Shared Key; BlobNotFound is NotFound, probed once, nothing left behind")
    func fileRoundTrip() throws {
        let d = try driver()
        try Self.write(scratch.path + "/hello.txt", Array("hello\n".utf8))
        try d.save(scratch.path + "/hello.txt", key: "wf/pod/hello.txt")
        let stored = try #require(try fake.blobs()["wf/pod/hello.txt"])
        #expect(stored["size"] as? Int == 6)
        #expect(stored["contentMD5"] as? String == Base64.encode(try Digest.md5(Array("hello\n".utf8))))
        try d.load(key: "wf/pod/hello.txt", to: scratch.path + "/back.txt")
        #expect(try String(contentsOfFile: scratch.path + "/back.txt", encoding: .utf8) == "hello\n")
        #expect(fake.requests().allSatisfy { $0["auth"] as? String == "sharedkey" && ($0["status"] as? Int ?? 0) < 300 })

        let before = fake.requests().count
        do {
            try d.load(key: "wf/pod/missing.txt", to: scratch.path + "/missing")
            Issue.record("a missing blob must fail")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.message.contains("BlobNotFound: The specified blob does not exist."))
            #expect(error.message.contains("azure://argo/wf/pod/missing.txt"))
        }
        #expect(fake.requests().count - before == 2, "GET, then the directory probe; no retries of a NotFound")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/missing"))
    }

    @Test("account URL style (<account>.<host>): the account comes from the host name")
    func accountURL() throws {
        let d = try driver(endpoint: fake.hostEndpoint)
        try d.saveStream(key: "host/style.txt") { (sink) throws(ExecError) in try sink.write(Array("host\n".utf8)) }
        let sink = MemorySink()
        try d.stream(key: "host/style.txt", into: sink)
        #expect(sink.bytes == Array("host\n".utf8))
        #expect(try AzureEndpoint(endpoint: "https://myacct.blob.core.windows.net", container: "c").accountName() == "myacct")
        #expect(try AzureEndpoint(endpoint: "https://localhost:1234/acct", container: "c").accountName() == "acct")
    }

    @Test("directories as prefixes: files under key/, no markers, isDirectory, a tree back, a sibling prefix left out")
    func trees() throws {
        let src = scratch.path + "/out"
        try Self.write(src + "/a.txt", Array("a\n".utf8))
        try Self.write(src + "/sub/b.txt", Array("b\n".utf8))
        try FileManager.default.createDirectory(atPath: src + "/empty", withIntermediateDirectories: true)
        let d = try driver()
        try d.save(src, key: "wf/out")
        try d.saveStream(key: "wf/out2/sibling.txt") { (sink) throws(ExecError) in try sink.write(Array("s".utf8)) }
        let keys = Set(try fake.blobs().keys.filter { $0.hasPrefix("wf/out/") })
        #expect(keys == ["wf/out/a.txt", "wf/out/sub/b.txt"], "Argo uploads no directory blobs")
        #expect(try d.isDirectory(key: "wf/out"))
        #expect(try d.isDirectory(key: "wf/out/"))
        #expect(try !d.isDirectory(key: "wf/out/a.txt"))
        #expect(try !d.isDirectory(key: "wf/ou"))
        #expect(try d.isDirectory(key: ""))
        try d.load(key: "wf/out", to: scratch.path + "/in")
        #expect(try String(contentsOfFile: scratch.path + "/in/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/in2"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: scratch.path + "/in").sorted() == ["a.txt", "sub", "sub/b.txt"])
        #expect(try d.list(prefix: "wf/out").map(\.name) == ["wf/out/a.txt", "wf/out/sub/b.txt", "wf/out2/sibling.txt"], "Argo's prefix, as given")
        #expect { try d.stream(key: "wf/out", into: MemorySink()) } throws: {
            ($0 as? ExecError)?.message == "Directory Stream capability currently unimplemented for Azure Blob"
        }
        // Listing pages follow NextMarker.
        for i in 0..<7 { try d.client.putBlob("paged/\(i)", body: .bytes([UInt8(i)])) }
        let first = try d.client.listBlobs(prefix: "paged/", maxResults: 3)
        #expect(first.blobs.count == 3 && first.next != nil)
        #expect(try d.list(prefix: "paged/").count == 7)
    }

    @Test("an empty blob with blobs under it is a directory (ADLS Gen2); an empty blob alone is an empty file")
    func emptyBlobs() throws {
        let d = try driver()
        try d.client.putBlob("adls/dir", body: .bytes([]))
        try d.client.putBlob("adls/dir/x.txt", body: .bytes(Array("x".utf8)))
        try d.client.putBlob("adls/empty.txt", body: .bytes([]))
        try d.load(key: "adls/dir", to: scratch.path + "/adls")
        #expect(try String(contentsOfFile: scratch.path + "/adls/x.txt", encoding: .utf8) == "x")
        try d.load(key: "adls/empty.txt", to: scratch.path + "/empty.txt")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/empty.txt")).isEmpty)
        #expect(try d.peek(key: "adls/empty.txt", count: 16).isEmpty)
    }

    @Test("a hostile blob name in a listed tree is refused and nothing is written outside the target")
    func hostileTreeName() throws {
        let d = try driver()
        try d.client.putBlob("evil/ok.txt", body: .bytes(Array("ok".utf8)))
        try d.client.putBlob("evil/../../escaped.txt", body: .bytes(Array("x".utf8)))
        #expect { try d.load(key: "evil", to: scratch.path + "/t/in") } throws: {
            ($0 as? ExecError)?.message.contains("would leave the download directory") == true
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/escaped.txt"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/t/in"))
    }

    @Test("blocks: a file above one block goes up as parallel Put Block calls plus Put Block List; a stream as it is produced")
    func blocks() throws {
        let d = try driver(partSizeMiB: 1)
        let data = Self.pattern(5 * 1_048_576 + 12_345, seed: 7)
        try Self.write(scratch.path + "/big.bin", data)
        try d.save(scratch.path + "/big.bin", key: "wf/big.bin")
        let puts = fake.requests().filter { $0["blob"] as? String == "wf/big.bin" && $0["method"] as? String == "PUT" }
        #expect(puts.filter { ($0["query"] as? [[String]])?.contains(["comp", "block"]) == true }.count == 6)
        #expect(puts.filter { ($0["query"] as? [[String]])?.contains(["comp", "blocklist"]) == true }.count == 1)
        let stored = try #require(try fake.blobs()["wf/big.bin"])
        #expect(stored["md5"] as? String == (try Self.md5(data)))
        #expect(stored["blocks"] as? Int == 6)
        #expect((try fake.state()["uncommitted"] as? [String: Int])?["wf/big.bin"] == nil)

        let streamed = Self.pattern(3 * 1_048_576 + 1, seed: 3)
        try d.saveStream(key: "wf/stream.bin") { (sink) throws(ExecError) in
            for offset in stride(from: 0, to: streamed.count, by: 65_536) {
                try sink.write(Array(streamed[offset..<min(offset + 65_536, streamed.count)]))
            }
        }
        #expect(try fake.blobs()["wf/stream.bin"]?["md5"] as? String == (try Self.md5(streamed)))
        #expect(try fake.blobs()["wf/stream.bin"]?["blocks"] as? Int == 4)
        let sink = MemorySink()
        try d.stream(key: "wf/stream.bin", into: sink)
        #expect(sink.bytes == streamed)
        // A producer that fails mid-stream commits nothing: no blob appears.
        #expect(throws: ExecError.self) {
            try d.saveStream(key: "wf/failed.bin") { (sink) throws(ExecError) in
                try sink.write(Self.pattern(2 * 1_048_576 + 5))
                throw ExecError(.internal, "producer failed")
            }
        }
        #expect(try fake.blobs()["wf/failed.bin"] == nil)
    }

    @Test("a 64 MiB file in 4 MiB blocks, 4 at a time, byte-exact both ways (timed)")
    func largeUpload() throws {
        var d = try driver(partSizeMiB: 4)
        d.concurrency = 4
        // A 1 MiB + 7 pattern tiled: every 4 MiB block differs, so a block out of place would show.
        let tile = Self.pattern(1_048_583, seed: 11)
        var data: [UInt8] = []
        data.reserveCapacity(64 * 1_048_576 + 3)
        while data.count < 64 * 1_048_576 + 3 { data += tile.prefix(64 * 1_048_576 + 3 - data.count) }
        try Self.write(scratch.path + "/large.bin", data)
        let start = Date()
        try d.save(scratch.path + "/large.bin", key: "wf/large.bin")
        let up = Date().timeIntervalSince(start)
        #expect(try fake.blobs()["wf/large.bin"]?["md5"] as? String == (try Self.md5(data)))
        let downStart = Date()
        try d.load(key: "wf/large.bin", to: scratch.path + "/large.back")
        let down = Date().timeIntervalSince(downStart)
        #expect(try Self.md5(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/large.back")))) == (try Self.md5(data)))
        print("azure large: 64 MiB up \(String(format: "%.2f", up)) s (17 blocks), down \(String(format: "%.2f", down)) s")
    }

    @Test("peek and ranges: x-ms-range for the first bytes; Argo's delete rules; a blob already gone is deleted")
    func peekAndDelete() throws {
        let d = try driver()
        try d.client.putBlob("r/data.bin", body: .bytes(Self.pattern(1000)))
        #expect(try d.peek(key: "r/data.bin", count: 10) == Array(Self.pattern(1000).prefix(10)))
        #expect(fake.requests().last?["range"] as? String == "bytes=0-9")
        #expect(try d.peek(key: "r/data.bin", count: 5000) == Self.pattern(1000))

        for name in ["del/one.txt", "del/dir/a", "del/dir/b/c", "del/dir2/keep", "del/pre/x", "del/pre/y"] {
            try d.client.putBlob(name, body: .bytes(Array(name.utf8)))
        }
        try d.delete(key: "del/one.txt")
        try d.delete(key: "del/one.txt")  // already gone
        try d.delete(key: "del/dir")  // a directory without the slash, as Argo decides it
        try d.delete(key: "del/pre/")  // a prefix
        #expect(Set(try fake.blobs().keys.filter { $0.hasPrefix("del/") }) == ["del/dir2/keep"])
        #expect { try d.delete(key: "") } throws: { ($0 as? ExecError)?.message.contains("refusing to delete") == true }
    }

    @Test("bad locations and credentials fail with an error naming the cause and no secret")
    func badInput() throws {
        try Self.write(scratch.path + "/f.txt", Array("f".utf8))
        let wrong = try driver(secret: "bad")
        let before = fake.requests().count
        do {
            try wrong.save(scratch.path + "/f.txt", key: "wf/f.txt")
            Issue.record("a wrong key must fail")
        } catch {
            #expect(error.code == .forbidden)
            #expect(error.message.contains("AuthenticationFailed"))
            #expect(error.message.contains("check the account key in accountKeySecret"))
            #expect(!error.isTransient)
            #expect(!error.description.contains(fake.accountKey.prefix(12)))
        }
        #expect(fake.requests().count - before == 1, "a 403 is not retried")
        #expect(try fake.blobs()["wf/f.txt"] == nil)

        let noContainer = try driver(container: "nope")
        do {
            try noContainer.save(scratch.path + "/f.txt", key: "wf/f.txt")
            Issue.record("a missing container must fail")
        } catch {
            #expect(error.message.contains("ContainerNotFound: The specified container does not exist."))
            #expect(error.code == .badRequest, "not NotFound: an optional input is not skipped over a wrong container")
        }
        #expect { try driver(secret: "notbase64") } throws: { ($0 as? ExecError)?.message.contains("decode account key") == true }
        #expect { try driver(secret: nil) } throws: {
            ($0 as? ExecError)?.message == "accountKey secret is required for Azure Blob Storage if useSDKCreds is false"
        }
        for endpoint in ["myacct.blob.core.windows.net", "ftp://host/acct", "http://", "http://host/a b", "http://host/acct?sv=x"] {
            #expect(throws: ExecError.self) { try driver(endpoint: endpoint) }
        }
        #expect { try driver(endpoint: "http://127.0.0.1:\(fake.port)") } throws: {
            ($0 as? ExecError)?.message == "unable to determine storage account name from http://127.0.0.1:\(fake.port)/argo"
        }
        // A connection refused is a network error naming the URL.
        #expect { try driver(endpoint: "http://127.0.0.1:1/acct").peek(key: "k", count: 1) } throws: {
            ($0 as? ExecError)?.code == .network
        }
    }

    @Test("SAS tokens from the SDK in accountKeySecret (with or without '?'): all operations; expired or read-only fail clearly, the token never shown")
    func sasTokens() throws {
        let full = try fake.containerSAS(permission: "rwdl")
        let expired = try fake.containerSAS(permission: "rwdl", minutes: -5)
        let readOnly = try fake.containerSAS(permission: "rl")
        let sas = try TemporarySecrets(["full/key": full, "q/key": "?" + full, "expired/key": expired, "ro/key": readOnly])
        let d = try driver(secret: "full", resolver: sas.resolver)
        try Self.write(scratch.path + "/s/a.txt", Array("a".utf8))
        try Self.write(scratch.path + "/s/b.txt", Self.pattern(3 * 1_048_576))
        var blocks = try driver(secret: "q", partSizeMiB: 1, resolver: sas.resolver)
        blocks.concurrency = 2
        try blocks.save(scratch.path + "/s", key: "sas/dir")
        try d.load(key: "sas/dir", to: scratch.path + "/s-back")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/s-back/b.txt")) == Data(Self.pattern(3 * 1_048_576)))
        #expect(try d.list(prefix: "sas/").count == 2)
        try d.delete(key: "sas/dir")
        #expect(try d.list(prefix: "sas/").isEmpty)
        #expect(fake.requests().filter { $0["auth"] as? String == "sas-service" }.count > 8)

        let signature = try #require(AzureSASToken(full).parameter("sig"))
        for (secret, code) in [("expired", "AuthenticationFailed"), ("ro", "AuthorizationPermissionMismatch")] {
            let denied = try driver(secret: secret, resolver: sas.resolver)
            do {
                try denied.save(scratch.path + "/s/a.txt", key: "sas/denied.txt")
                Issue.record("\(secret) must fail")
            } catch {
                #expect(error.code == .forbidden)
                #expect(error.message.contains(code), "\(error)")
                #expect(error.message.contains("check the SAS token"))
                #expect(!error.description.contains("sig="))
            }
        }
        // A transport failure's message carries the URL, but never the token.
        var unreachable = Self.location(fake, endpoint: "http://127.0.0.1:1/acct", secret: "full")
        unreachable.blob = "k"
        var down = try AzureDriver(location: unreachable, secrets: sas.resolver)
        down.retry = Backoff(steps: 1, duration: .milliseconds(1), factor: 1)
        #expect { try down.peek(key: "k", count: 1) } throws: {
            let text = "\($0)"
            return text.contains("127.0.0.1:1/acct/argo/k") && !text.contains(signature) && !text.contains("sig=")
        }
        #expect(AzureSASToken.looksLikeSAS(full) && AzureSASToken.looksLikeSAS("?sv=1&sig=x") && !AzureSASToken.looksLikeSAS(fake.accountKey))
    }
}
