import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Signing
import Testing
import TestSupport

/// The OSS driver end to end against the loopback fake, which checks every V1/V4 signature strictly.
@Suite("OSS driver against the OSS fake", .serialized)
struct OSSDriverTests {
    let fake: OSSFake
    let secrets: TemporarySecrets
    let scratch: ScratchDirectory

    init() throws {
        fake = try OSSFake(oidc: (role: "acs:ram::1:role/argo", provider: "acs:ram::1:oidc-provider/ack", token: "oidc-jwt"))
        secrets = try TemporarySecrets(["oss/ak": fake.accessKey + "\n", "oss/sk": fake.secretKey, "sts/ak": fake.stsAccessKey,
                                        "sts/sk": fake.stsSecretKey])
        scratch = try ScratchDirectory("oss")
    }

    func location(_ key: String, endpoint: String? = nil, secret: String = "oss", bucket: String = "argo-oss") -> OSSArtifact {
        var l = OSSArtifact(endpoint: endpoint ?? fake.endpoint, bucket: bucket, key: key)
        l.accessKeySecret = SecretKeySelector(name: secret, key: "ak")
        l.secretKeySecret = SecretKeySelector(name: secret, key: "sk")
        return l
    }

    func driver(_ location: OSSArtifact, env: AlibabaEnvironment = AlibabaEnvironment(), partSizeMiB: Int? = nil) throws -> OSSDriver {
        var d = try OSSDriver(location: location, secrets: secrets.resolver, environment: env, partSizeMiB: partSizeMiB)
        d.retry = Backoff(steps: 3, duration: .milliseconds(10), factor: 1)
        return d
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func pattern(_ count: Int, seed: Int = 1) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) ^ ($0 >> 11)) } }

    @Test("V1, path style: save and load a file; Content-Type from the key; CRC-64 agrees; NotFound is NotFound")
    func fileRoundTripV1() throws {
        let d = try driver(location("wf/pod/hello.txt"))
        try write(scratch.path + "/hello.txt", Array("hello\n".utf8))
        try d.save(scratch.path + "/hello.txt", key: "wf/pod/hello.txt")
        let stored = try #require(try fake.objects()["wf/pod/hello.txt"])
        #expect(stored["contentType"] as? String == "text/plain")
        #expect(stored["crc64"] as? UInt64 == CRC64.checksum(Array("hello\n".utf8)))
        try d.load(key: "wf/pod/hello.txt", to: scratch.path + "/back.txt")
        #expect(try String(contentsOfFile: scratch.path + "/back.txt", encoding: .utf8) == "hello\n")
        #expect(fake.requests().allSatisfy { ($0["auth"] as? String) == "v1" })

        let before = fake.requests().count
        #expect(throws: ExecError.self) { try d.load(key: "wf/pod/missing.txt", to: scratch.path + "/missing") }
        do { try d.load(key: "wf/pod/missing.txt", to: scratch.path + "/missing") } catch {
            #expect(error.code == .notFound)
            #expect(error.message.contains("NoSuchKey"))
        }
        // GET, then the directory probe; no retries of a NotFound, and no file left behind.
        #expect(fake.requests().count - before == 4)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/missing"))
    }

    @Test("V4 signing and virtual-hosted addressing (bucket.localhost), region from ARGOEXEC_OSS_REGION")
    func v4VirtualHosted() throws {
        var env = AlibabaEnvironment()
        env.signatureV4 = true
        env.region = fake.region
        let d = try driver(location("wf/v4/data.bin", endpoint: fake.hostEndpoint), env: env)
        #expect(d.client.config.virtualHosted)
        let data = Self.pattern(300_000)
        try write(scratch.path + "/data.bin", data)
        try d.save(scratch.path + "/data.bin", key: "wf/v4/data.bin")
        let sink = MemorySink()
        try d.stream(key: "wf/v4/data.bin", into: sink)
        #expect(sink.bytes == data)
        #expect(fake.requests().allSatisfy { ($0["auth"] as? String) == "v4" })
        // A wrong region is refused by the server's scope check, as OSS does.
        env.region = "cn-beijing"
        let wrong = try driver(location("wf/v4/data.bin", endpoint: fake.hostEndpoint), env: env)
        #expect { try wrong.peek(key: "wf/v4/data.bin", count: 4) } throws: { ($0 as? ExecError)?.code == .forbidden }
        // No region at all: a clear configuration error before any request.
        env.region = nil
        #expect { try driver(location("k", endpoint: fake.endpoint), env: env) } throws: {
            ($0 as? ExecError)?.message.contains("ARGOEXEC_OSS_REGION") == true
        }
        #expect(AlibabaEnvironment.region(fromEndpoint: "oss-cn-shanghai-internal.aliyuncs.com") == "cn-shanghai")
    }

    @Test("wrong secret: Forbidden naming SignatureDoesNotMatch, not retried; STS keys need their security token")
    func credentialsErrors() throws {
        let bad = try TemporarySecrets(["oss/ak": fake.accessKey, "oss/sk": "not-the-secret"])
        var d = try OSSDriver(location: location("k"), secrets: bad.resolver)
        d.retry = Backoff(steps: 3, duration: .milliseconds(10), factor: 1)
        let before = fake.requests().count
        do {
            _ = try d.peek(key: "k", count: 1)
            Issue.record("a wrong secret must fail")
        } catch {
            #expect(error.code == .forbidden)
            #expect(error.message.contains("SignatureDoesNotMatch"))
            #expect(!error.isTransient)
        }
        #expect(fake.requests().count - before == 1)

        var withToken = location("wf/sts.txt", secret: "sts")
        withToken.securityToken = fake.stsToken
        try write(scratch.path + "/sts.txt", Array("sts\n".utf8))
        try driver(withToken).save(scratch.path + "/sts.txt", key: "wf/sts.txt")
        #expect(fake.requests().last?["token"] as? String == fake.stsToken)
        let noToken = try driver(location("wf/sts.txt", secret: "sts"))
        #expect { try noToken.peek(key: "wf/sts.txt", count: 1) } throws: { ($0 as? ExecError)?.message.contains("InvalidSecurityToken") == true }
    }

    @Test("directories: markers for every directory (root included), files below, and back as a tree with empty directories")
    func directoryMarkers() throws {
        let src = scratch.path + "/out"
        try write(src + "/a.txt", Array("a\n".utf8))
        try write(src + "/sub/b.txt", Array("b\n".utf8))
        try FileManager.default.createDirectory(atPath: src + "/empty", withIntermediateDirectories: true)
        let d = try driver(location("wf/pod/out"))
        try d.save(src, key: "wf/pod/out")
        let keys = Set(try fake.objects().keys.filter { $0.hasPrefix("wf/pod/out") })
        #expect(keys == ["wf/pod/out/", "wf/pod/out/a.txt", "wf/pod/out/empty/", "wf/pod/out/sub/", "wf/pod/out/sub/b.txt"])
        #expect(try fake.objects()["wf/pod/out/empty/"]?["size"] as? Int == 0)
        #expect(try d.isDirectory(key: "wf/pod/out"))
        #expect(try !d.isDirectory(key: "wf/pod/out/a.txt"))
        try d.load(key: "wf/pod/out", to: scratch.path + "/in")
        #expect(try String(contentsOfFile: scratch.path + "/in/sub/b.txt", encoding: .utf8) == "b\n")
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/in/empty", isDirectory: &isDir) && isDir.boolValue)
        #expect(try d.list(prefix: "wf/pod/out/").map(\.key).count == 5)
    }

    @Test("a hostile key in a listed tree is refused and nothing is written outside the target")
    func hostileTreeKey() throws {
        let d = try driver(location("evil"))
        try d.client.putObject(bucket: "argo-oss", key: "evil/ok.txt", body: .bytes(Array("ok".utf8)))
        try d.client.putObject(bucket: "argo-oss", key: "evil/../../escaped.txt", body: .bytes(Array("x".utf8)))
        #expect(try fake.objects()["evil/../../escaped.txt"] != nil)
        #expect { try d.load(key: "evil", to: scratch.path + "/t/in") } throws: {
            ($0 as? ExecError)?.message.contains("would leave the download directory") == true
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/escaped.txt"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/t/escaped.txt"))
    }

    @Test("multipart: parallel parts from a file and from a stream, every part CRC-checked, nothing left open")
    func multipart() throws {
        let d = try driver(location("big"), partSizeMiB: 1)
        let data = Self.pattern(5 * 1_048_576 + 12_345, seed: 7)
        try write(scratch.path + "/big.bin", data)
        try d.save(scratch.path + "/big.bin", key: "wf/big.bin")
        let parts = fake.requests().filter { ($0["query"] as? [[String]])?.contains { $0.first == "partNumber" } == true }
        #expect(parts.count == 6)
        #expect(try fake.objects()["wf/big.bin"]?["md5"] as? String == Digest.hex(try Digest.md5(data)))

        let streamed = Self.pattern(12 * 1_048_576 + 1, seed: 3)
        try d.saveStream(key: "wf/stream.bin") { (sink) throws(ExecError) in
            for offset in stride(from: 0, to: streamed.count, by: 65_536) {
                try sink.write(Array(streamed[offset..<min(offset + 65_536, streamed.count)]))
            }
        }
        #expect(try fake.objects()["wf/stream.bin"]?["md5"] as? String == Digest.hex(try Digest.md5(streamed)))
        try d.saveStream(key: "wf/small.bin") { (sink) throws(ExecError) in try sink.write(Array("small".utf8)) }
        #expect(try fake.objects()["wf/small.bin"]?["size"] as? Int == 5)
        // A producer that fails mid-stream leaves no object and no open upload.
        #expect(throws: ExecError.self) {
            try d.saveStream(key: "wf/failed.bin") { (sink) throws(ExecError) in
                try sink.write(Self.pattern(6 * 1_048_576))
                throw ExecError(.internal, "producer failed")
            }
        }
        #expect(try fake.objects()["wf/failed.bin"] == nil)
        #expect(try fake.state()["uploads"] as? Int == 0)
    }

    @Test("transient answers and dropped connections are retried; a CRC mismatch on upload is sent again, on download reported")
    func faults() throws {
        let d = try driver(location("f"))
        try write(scratch.path + "/f.txt", Array("fault\n".utf8))
        try fake.fault(count: 2, method: "PUT", status: 503, code: "ServiceUnavailable")
        try d.save(scratch.path + "/f.txt", key: "wf/f.txt")
        #expect(fake.requests().filter { $0["method"] as? String == "PUT" && $0["key"] as? String == "wf/f.txt" }.count == 3)

        try fake.fault(count: 1, method: "GET", drop: true)
        let sink = MemorySink()
        try d.stream(key: "wf/f.txt", into: sink)
        #expect(sink.bytes == Array("fault\n".utf8))

        try fake.fault(count: 1, method: "PUT", key: "wf/crc.txt", badCrc: true)
        try d.save(scratch.path + "/f.txt", key: "wf/crc.txt")
        #expect(fake.requests().filter { $0["method"] as? String == "PUT" && $0["key"] as? String == "wf/crc.txt" }.count == 2)

        try fake.fault(count: 1, method: "GET", key: "wf/f.txt", badCrc: true)
        #expect { try d.load(key: "wf/f.txt", to: scratch.path + "/crc-out") } throws: {
            ($0 as? ExecError)?.message.contains("CRC-64 mismatch") == true
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/crc-out"))

        try fake.fault(count: 5, method: "GET", status: 403, code: "AccessDenied")
        #expect { try d.peek(key: "wf/f.txt", count: 1) } throws: { ($0 as? ExecError)?.code == .forbidden }
    }

    @Test("createBucketIfNotPresent, the lifecycle rule (replacing the bucket's), ARGO_TRACE bucket logging")
    func bucketSettings() throws {
        var l = location("wf/new.txt", bucket: "fresh-bucket")
        l.createBucketIfNotPresent = true
        var rule = OSSLifecycleRule()
        rule.markInfrequentAccessAfterDays = 7
        rule.markDeletionAfterDays = 30
        l.lifecycleRule = rule
        var d = try OSSDriver(location: l, secrets: secrets.resolver, trace: true)
        d.retry = Backoff(steps: 2, duration: .milliseconds(10), factor: 1)
        try write(scratch.path + "/new.txt", Array("new\n".utf8))
        try d.save(scratch.path + "/new.txt", key: "wf/new.txt")
        let bucket = try #require((try fake.state()["buckets"] as? [String: [String: Any]])?["fresh-bucket"])
        #expect((bucket["objects"] as? [String: Any])?["wf/new.txt"] != nil)
        let lifecycle = try #require(bucket["lifecycle"] as? String)
        let id = Digest.hex(try Digest.sha256(Array("wf/new.txt".utf8)))
        #expect(lifecycle.contains("<ID>\(id)</ID><Prefix>wf/new.txt</Prefix><Status>Enabled</Status><Expiration><Days>30</Days></Expiration>"))
        #expect(lifecycle.contains("<Transition><Days>7</Days><StorageClass>IA</StorageClass></Transition>"))
        #expect(lifecycle.contains("<AbortMultipartUpload><Days>30</Days></AbortMultipartUpload>"))
        #expect((bucket["logging"] as? String)?.contains("<TargetPrefix>bucket-log-</TargetPrefix>") == true)
        // A second save finds the bucket (ListBuckets) and does not create it again.
        try d.save(scratch.path + "/new.txt", key: "wf/new.txt")
        #expect(fake.requests().filter { $0["method"] as? String == "PUT" && $0["bucket"] as? String == "fresh-bucket" && ($0["key"] as? String)?.isEmpty == true
            && ($0["query"] as? [[String]])?.isEmpty == true }.count == 1)

        rule.markInfrequentAccessAfterDays = 40
        l.lifecycleRule = rule
        let invalid = try driver(l)
        #expect { try invalid.save(scratch.path + "/new.txt", key: "wf/new.txt") } throws: {
            ($0 as? ExecError)?.message.contains("cannot be larger than markDeletionAfterDays") == true
        }
    }

    @Test("useSDKCreds: environment keys, RRSA/OIDC through AssumeRoleWithOIDC, a credentials URI; nothing set is a clear error")
    func sdkCredentials() throws {
        var l = OSSArtifact(endpoint: fake.endpoint, bucket: "argo-oss", key: "wf/sdk.txt")
        l.useSDKCreds = true
        l.securityToken = "ignored-with-sdk-creds"
        try write(scratch.path + "/sdk.txt", Array("sdk\n".utf8))

        var keys = AlibabaEnvironment()
        keys.accessKeyID = fake.stsAccessKey
        keys.accessKeySecret = fake.stsSecretKey
        keys.securityToken = fake.stsToken
        try driver(l, env: keys).save(scratch.path + "/sdk.txt", key: "wf/sdk.txt")

        var oidc = AlibabaEnvironment()
        oidc.roleARN = "acs:ram::1:role/argo"
        oidc.oidcProviderARN = "acs:ram::1:oidc-provider/ack"
        oidc.oidcTokenFile = scratch.path + "/token"
        oidc.stsEndpoint = fake.endpoint
        try write(scratch.path + "/token", Array("oidc-jwt\n".utf8))
        try driver(l, env: oidc).save(scratch.path + "/sdk.txt", key: "wf/oidc.txt")
        #expect(fake.requests().contains { $0["auth"] as? String == "sts" && $0["status"] as? Int == 200 })
        #expect((fake.requests().last?["token"] as? String)?.hasPrefix("sts-") == true)

        try write(scratch.path + "/token", Array("someone-else".utf8))
        #expect { try driver(l, env: oidc).peek(key: "wf/oidc.txt", count: 1) } throws: {
            ($0 as? ExecError)?.message.contains("AuthenticationFail.OIDCToken.Invalid") == true
        }

        var uri = AlibabaEnvironment()
        uri.credentialsURI = fake.endpoint + "/credentials"
        let viaURI = try driver(l, env: uri)
        #expect(try viaURI.peek(key: "wf/oidc.txt", count: 3) == Array("sdk".utf8))

        #expect { try driver(l) } throws: { ($0 as? ExecError)?.message.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") == true }
    }
}
