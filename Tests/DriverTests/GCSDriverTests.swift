import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Signing
import Testing
import TestSupport

/// The GCS driver against fake-gcs-server, with objects seeded and read back by Google's official Python
/// SDK; authentication through the recording proxy and the loopback token server.
@Suite("GCS driver against fake-gcs-server and Google's SDK", .serialized)
struct GCSDriverTests {
    let server: GCSServer
    let scratch: ScratchDirectory
    static let bucket = "argo-gcs"

    init() throws {
        server = try GCSServer(buckets: [Self.bucket])
        scratch = try ScratchDirectory("gcs")
    }

    /// A driver on the emulator (anonymous, as Google's client is there).
    func driver(emulator: String? = nil, bucket: String = Self.bucket, partSizeMiB: Int? = nil) throws -> GCSDriver {
        var env = GCSEnvironment()
        env.emulatorHost = emulator ?? server.endpoint
        var d = try GCSDriver(location: GCSArtifact(bucket: bucket), secrets: SecretFiles(directory: "/nonexistent"), environment: env,
                              partSizeMiB: partSizeMiB)
        d.retry = Backoff(steps: 5, duration: .milliseconds(20), factor: 1.5)
        return d
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Random bytes from the kernel (generating 40 MiB byte by byte is slow in a debug build).
    static func random(_ count: Int) throws -> [UInt8] {
        let handle = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        defer { try? handle.close() }
        return Array(try #require(try handle.read(upToCount: count)))
    }

    /// Writes `bytes` into `sink` in pieces of `piece` bytes, as a packer would.
    static func feed(_ bytes: [UInt8], to sink: any ByteSink, piece: Int) throws(ExecError) {
        var offset = 0
        while offset < bytes.count {
            let n = min(piece, bytes.count - offset)
            try sink.write(Array(bytes[offset..<(offset + n)]))
            offset += n
        }
    }

    static func pattern(_ count: Int, seed: Int = 1) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) ^ ($0 >> 11)) } }

    @Test("a file: saved to clean(key), read back by the SDK with a sniffed Content-Type; load, stream, peek; NotFound names the key")
    func fileRoundTrip() throws {
        let d = try driver()
        try write(scratch.path + "/hello.txt", Array("hello world\n".utf8))
        try d.save(scratch.path + "/hello.txt", key: "wf/./pod//hello.txt")
        #expect(try server.get(Self.bucket, "wf/pod/hello.txt") == Array("hello world\n".utf8))
        #expect(try server.objects(Self.bucket)["wf/pod/hello.txt"]?.contentType == "text/plain; charset=utf-8")
        try d.load(key: "wf/pod/hello.txt", to: scratch.path + "/back.txt")
        #expect(try read(scratch.path + "/back.txt") == Array("hello world\n".utf8))
        #expect(try d.peek(key: "wf/pod/hello.txt", count: 5) == Array("hello".utf8))
        try server.put(Self.bucket, "wf/empty", [], directory: scratch.path)
        #expect(try d.peek(key: "wf/empty", count: 5) == [])
        do {
            try d.load(key: "wf/pod/missing.txt", to: scratch.path + "/missing")
            Issue.record("a missing key must fail")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.message == "no results for key: wf/pod/missing.txt")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/missing"))
    }

    @Test("a tree: every regular file under key/ in parallel (symlinks skipped); loaded back whole; console folders and key-prefixed siblings left out")
    func trees() throws {
        let d = try driver()
        let src = scratch.path + "/out"
        try write(src + "/a.txt", Array("a\n".utf8))
        try write(src + "/sub/b.bin", Self.pattern(70_000))
        try write(src + "/sub/deeper/c.tgz", [0x1F, 0x8B, 0x08, 0, 1, 2])
        try FileManager.default.createDirectory(atPath: src + "/empty", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: src + "/link", withDestinationPath: "/etc/passwd")
        try d.save(src, key: "wf/tree/")
        let stored = try server.objects(Self.bucket, prefix: "wf/tree")
        #expect(Set(stored.keys) == ["wf/tree/a.txt", "wf/tree/sub/b.bin", "wf/tree/sub/deeper/c.tgz"])
        #expect(stored["wf/tree/sub/deeper/c.tgz"]?.contentType == "application/x-gzip")
        #expect(stored["wf/tree/sub/b.bin"]?.contentType == "application/octet-stream")
        try server.put(Self.bucket, "wf/tree/sub/", [], directory: scratch.path)  // a console "folder"
        try server.put(Self.bucket, "wf/treetop.txt", Array("sibling".utf8), directory: scratch.path)
        #expect(try d.isDirectory(key: "wf/tree"))
        #expect(try !d.isDirectory(key: "wf/tree/a.txt"))
        #expect(try d.isDirectory(key: ""))
        try d.load(key: "wf/tree", to: scratch.path + "/in")
        #expect(try read(scratch.path + "/in/sub/b.bin") == Self.pattern(70_000))
        #expect(try read(scratch.path + "/in/a.txt") == Array("a\n".utf8))
        let top = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/in").sorted()
        #expect(top == ["a.txt", "sub"])
        // Argo's ListObjects: the textual prefix (siblings too), folders left out; an exact name is the whole answer.
        #expect(Set(try d.list(prefix: "wf/tree").map(\.name)) == ["wf/tree/a.txt", "wf/tree/sub/b.bin", "wf/tree/sub/deeper/c.tgz", "wf/treetop.txt"])
        #expect(try d.list(prefix: "wf/tree/a.txt").map(\.name) == ["wf/tree/a.txt"])
    }

    @Test("40 MiB through a resumable session in 1 MiB chunks, byte-exact by the SDK and streamed back")
    func largeResumable() throws {
        let d = try driver(partSizeMiB: 1)
        let bytes = try Self.random(40 << 20)
        try write(scratch.path + "/big.bin", bytes)
        let start = Date()
        try d.save(scratch.path + "/big.bin", key: "big/big.bin")
        let seconds = Date().timeIntervalSince(start)
        print("GCS resumable upload of 40 MiB in 1 MiB chunks: \(String(format: "%.2f", seconds)) s")
        let back = try #require(try server.get(Self.bucket, "big/big.bin"))
        #expect(back.count == bytes.count)
        #expect(Digest.hex(try Digest.sha256(back)) == Digest.hex(try Digest.sha256(bytes)))
        let sink = MemorySink(limit: 64 << 20)
        try d.stream(key: "big/big.bin", into: sink)
        #expect(sink.bytes == bytes)
    }

    @Test("saveStream: small writes through a resumable session of 256 KiB chunks; one that ends in its first chunk is one request; a failing producer leaves nothing")
    func saveStream() throws {
        var d = try driver()
        d.chunkSize = 256 << 10
        let bytes = Self.pattern(3_000_000, seed: 7)
        try d.saveStream(key: "stream/a.bin") { (sink) throws(ExecError) in try Self.feed(bytes, to: sink, piece: 10_007) }
        #expect(try server.get(Self.bucket, "stream/a.bin") == bytes)
        // Exactly 1 MiB: four full chunks, the last one sent with the total.
        let exact = Self.pattern(1 << 20, seed: 3)
        try d.saveStream(key: "stream/exact.bin") { (sink) throws(ExecError) in try sink.write(exact) }
        #expect(try server.get(Self.bucket, "stream/exact.bin") == exact)
        try d.saveStream(key: "stream/small.txt") { (sink) throws(ExecError) in try sink.write(Array("tiny\n".utf8)) }
        #expect(try server.get(Self.bucket, "stream/small.txt") == Array("tiny\n".utf8))
        #expect {
            try d.saveStream(key: "stream/broken.bin") { (sink) throws(ExecError) in
                try sink.write(Self.pattern(600_000))
                throw ExecError(.internal, "producer failed")
            }
        } throws: { ($0 as? ExecError)?.message == "producer failed" }
        #expect(try server.get(Self.bucket, "stream/broken.bin") == nil)
    }

    @Test("delete: an object, a prefix ending in /, one already gone; listing and isDirectory agree afterwards")
    func deletes() throws {
        let d = try driver()
        for name in ["del/a", "del/dir/b", "del/dir/c/d", "keep/e"] { try server.put(Self.bucket, name, Array(name.utf8), directory: scratch.path) }
        try d.delete(key: "del/a")
        try d.delete(key: "del/a")  // gone already: deleted
        #expect(try server.get(Self.bucket, "del/a") == nil)
        try d.delete(key: "del/dir/")
        #expect(try server.objects(Self.bucket, prefix: "del/").isEmpty)
        #expect(try !d.isDirectory(key: "del/dir"))
        #expect(try d.list(prefix: "keep/").map(\.name) == ["keep/e"])
        // Paging: more names than one page.
        for i in 0..<5 { try server.put(Self.bucket, "page/\(i)", [UInt8(i)], directory: scratch.path) }
        var page = try d.client.list(bucket: Self.bucket, prefix: "page/", maxResults: 2)
        var names = page.objects.map(\.name)
        while let token = page.next {
            page = try d.client.list(bucket: Self.bucket, prefix: "page/", pageToken: token, maxResults: 2)
            names += page.objects.map(\.name)
        }
        #expect(names == (0..<5).map { "page/\($0)" })
    }

    @Test("a missing bucket: loads fail naming the bucket (never a skippable NotFound), saves fail as bad requests")
    func missingBucket() throws {
        let d = try driver(bucket: "no-such-bucket")
        try write(scratch.path + "/f", Array("x".utf8))
        #expect { try d.load(key: "k", to: scratch.path + "/g") } throws: { error in
            let e = error as? ExecError
            return e?.code == .badRequest && e?.message.contains("bucket doesn't exist: gs://no-such-bucket") == true
        }
        #expect { try d.save(scratch.path + "/f", key: "k") } throws: { error in
            let e = error as? ExecError
            return e?.code == .badRequest && e?.message.contains("gs://no-such-bucket/k") == true && e?.isTransient == false
        }
        #expect { try GCSDriver(location: GCSArtifact(key: "k"), secrets: SecretFiles(directory: "/nonexistent")) } throws: {
            ($0 as? ExecError)?.message == "gcs location needs a bucket"
        }
    }

    @Test("service-account key through the proxy: the token the token server issued is what every request carries; refused keys and answers name their cause")
    func authenticated() throws {
        let tokens = try GCPTokenServer()
        let proxy = try GCSProxy(upstream: server)
        let secrets = try TemporarySecrets(["gcs/key.json": try tokens.serviceAccountJSON(), "bad/key.json": "{not json " + tokens.privateKeyPEM])
        var env = GCSEnvironment()
        env.endpoint = proxy.endpoint
        var location = GCSArtifact(bucket: Self.bucket)
        location.serviceAccountKeySecret = SecretKeySelector(name: "gcs", key: "key.json")
        var d = try GCSDriver(location: location, secrets: secrets.resolver, environment: env)
        d.retry = Backoff(steps: 3, duration: .milliseconds(10), factor: 1)
        try write(scratch.path + "/auth.txt", Array("authenticated\n".utf8))
        try d.save(scratch.path + "/auth.txt", key: "auth/a.txt")
        #expect(try d.peek(key: "auth/a.txt", count: 4) == Array("auth".utf8))
        #expect(tokens.issued == ["tok-1"])
        #expect(proxy.requests().allSatisfy { $0["authorization"] as? String == "Bearer tok-1" })
        #expect(try server.get(Self.bucket, "auth/a.txt") == Array("authenticated\n".utf8))

        // 403 from the service: Forbidden, not retried, nothing saved.
        try proxy.schedule(["403"])
        let before = proxy.requests().count
        do {
            try d.save(scratch.path + "/auth.txt", key: "auth/denied.txt")
            Issue.record("403 must fail")
        } catch {
            #expect(error.code == .forbidden)
            #expect(error.message.contains("does not have storage.objects access"))
            #expect(!error.description.contains("tok-1"))
        }
        #expect(proxy.requests().count - before == 1)
        #expect(try server.get(Self.bucket, "auth/denied.txt") == nil)

        // The token server refuses: the error names invalid_grant, never the assertion or a token.
        try tokens.mode("deny")
        var refused = try GCSDriver(location: location, secrets: secrets.resolver, environment: env)
        refused.retry = d.retry
        #expect { try refused.peek(key: "auth/a.txt", count: 1) } throws: { error in
            let text = "\(error)"
            return text.contains("invalid_grant") && !text.contains("eyJ") && !text.contains("tok-")
        }
        // A malformed key secret: named, not quoted.
        location.serviceAccountKeySecret = SecretKeySelector(name: "bad", key: "key.json")
        #expect { try GCSDriver(location: location, secrets: secrets.resolver, environment: env) } throws: { error in
            let text = "\(error)"
            return text.contains("not a JSON credentials object") && !text.contains("PRIVATE KEY")
        }
        // An emulator and a key together: Argo's client refuses the combination.
        env.emulatorHost = server.endpoint
        location.serviceAccountKeySecret = SecretKeySelector(name: "gcs", key: "key.json")
        #expect { try GCSDriver(location: location, secrets: secrets.resolver, environment: env) } throws: {
            ($0 as? ExecError)?.message.contains("WithoutAuthentication is incompatible") == true
        }
    }
}
