import Core
import Digest
@testable import Drivers
import Foundation
import Logging
import Model
import Signing
import Testing
import TestSupport

/// Secrets laid out as `<dir>/<name>/<key>` files, removed with the value.
final class TemporarySecrets {
    let directory: String
    var resolver: SecretFiles { SecretFiles(directory: directory) }

    init(_ files: [String: String]) throws {
        directory = NSTemporaryDirectory() + "argoexec-secrets-\(UUID().uuidString)"
        for (path, value) in files {
            let url = URL(fileURLWithPath: directory + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(value.utf8).write(to: url)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

extension AWSEnvironment {
    static func keys(_ credentials: AWSCredentials) -> AWSEnvironment {
        var env = AWSEnvironment()
        env.accessKeyID = credentials.accessKeyID
        env.secretAccessKey = credentials.secretAccessKey
        env.instanceMetadataDisabled = true
        return env
    }
}

@Suite("S3 credentials, regions, SSE-C and streamed uploads against moto_server", .serialized)
struct S3CredentialTests {
    static func location(_ moto: MotoServer, bucket: String = "argo") -> S3Artifact {
        var location = S3Artifact(endpoint: String(moto.endpoint.split(separator: "/").last ?? ""), bucket: bucket)
        location.insecure = moto.caFile == nil
        location.region = "us-east-1"
        return location
    }

    static func roundTrip(_ driver: S3Driver, key: String, size: Int = 10_000) throws {
        let scratch = try ScratchDirectory("rt")
        let dir = scratch.path
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/in"))
        try driver.save(dir + "/in", key: key)
        try driver.load(key: key, to: dir + "/out")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/out"))) == bytes)
    }

    /// moto answers 500 to the (correctly unsigned) AssumeRoleWithWebIdentity once its signature checking
    /// is on, so this one runs with checking off; `assumeRole` covers temporary credentials under checking.
    @Test("useSDKCreds with IRSA: AssumeRoleWithWebIdentity through moto's STS, then S3 with the session")
    func webIdentity() throws {
        let moto = try MotoServer(signatureChecking: false)
        let secrets = try TemporarySecrets(["token": "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl\n"])
        var env = AWSEnvironment()
        env.webIdentityTokenFile = secrets.directory + "/token"
        env.roleARN = moto.roleARN
        env.stsEndpoint = moto.endpoint
        var location = Self.location(moto)
        location.useSDKCreds = true
        location.createBucketIfNotPresent = CreateS3BucketOptions()
        let driver = try S3Driver(location: location, secrets: secrets.resolver, environment: env)
        let sink = LogSink.memory()
        var logger = Logger(label: "t") { _ in ArgoLogHandler(format: .text, style: .slog, level: .debug, sink: sink) }
        logger.logLevel = .debug
        driver.client.config.credentials.attach(logger)
        #expect(try driver.client.config.credentials.credentials().sessionToken != nil)
        #expect(sink.lines.contains { $0.contains(#"msg="fetched temporary AWS credentials" argo=true expires="#) && $0.contains("source=\"web identity\"") },
                "credential refreshes are visible at debug level: \(sink.lines)")
        try Self.roundTrip(driver, key: "irsa/object.bin")
    }

    @Test("roleARN: AssumeRole signed with the default chain's keys")
    func assumeRole() throws {
        let moto = try MotoServer()
        var env = AWSEnvironment.keys(AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey))
        env.stsEndpoint = moto.endpoint
        var location = Self.location(moto)
        location.roleARN = moto.roleARN
        location.createBucketIfNotPresent = CreateS3BucketOptions()
        let driver = try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: env)
        let assumed = try driver.client.config.credentials.credentials()
        #expect(assumed.accessKeyID != moto.accessKey)
        try Self.roundTrip(driver, key: "assumed/object.bin")
    }

    @Test("wrong STS role: a clear error naming the role, no hang")
    func badRole() throws {
        let moto = try MotoServer()
        var env = AWSEnvironment.keys(AWSCredentials(accessKeyID: "AKIANOTAKEY", secretAccessKey: "nope"))
        env.stsEndpoint = moto.endpoint
        var location = Self.location(moto)
        location.roleARN = "arn:aws:iam::123456789012:role/missing"
        let driver = try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: env)
        do {
            _ = try driver.client.config.credentials.credentials()
            Issue.record("AssumeRole with unknown keys succeeded")
        } catch {
            #expect(error.message.contains("AssumeRole"))
            #expect(error.message.contains("role/missing"))
        }
    }

    @Test("region discovery: GetBucketLocation of a bucket made in us-west-2; AWS hostnames parsed")
    func regionDiscovery() throws {
        let moto = try MotoServer()
        let keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        try S3Client(.init(endpoint: String(moto.endpoint.dropFirst(7)), region: "us-west-2", secure: false, credentials: keys))
            .createBucket("western")
        var location = Self.location(moto, bucket: "western")
        location.region = nil
        location.useSDKCreds = true
        let driver = try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: .keys(keys))
        #expect(driver.client.config.region == "us-west-2")
        try Self.roundTrip(driver, key: "west.bin")
        #expect(S3Driver.regionFromHostname("s3.eu-west-2.amazonaws.com") == "eu-west-2")
        #expect(S3Driver.regionFromHostname("s3-us-west-1.amazonaws.com:443") == "us-west-1")
        #expect(S3Driver.regionFromHostname("s3.cn-north-1.amazonaws.com.cn") == "cn-north-1")
        #expect(S3Driver.regionFromHostname("s3.amazonaws.com") == nil)
        #expect(S3Driver.regionFromHostname("minio:9000") == nil)
    }

    @Test("SSE-C over TLS: caSecret replaces the trust store, objects round-trip with per-object keys")
    func customerKeyOverTLS() throws {
        let moto = try MotoServer(tls: true)
        let ca = try String(contentsOfFile: try #require(moto.caFile), encoding: .utf8)
        let secrets = try TemporarySecrets(["ca/ca.pem": ca, "sse/key": "correct horse battery staple"])
        var location = Self.location(moto)
        location.useSDKCreds = true
        location.caSecret = SecretKeySelector(name: "ca", key: "ca.pem")
        location.createBucketIfNotPresent = CreateS3BucketOptions()
        location.encryptionOptions = S3EncryptionOptions()
        location.encryptionOptions?.enableEncryption = true
        location.encryptionOptions?.serverSideCustomerKeySecret = SecretKeySelector(name: "sse", key: "key")
        let keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        let driver = try S3Driver(location: location, secrets: secrets.resolver, environment: .keys(keys))
        try Self.roundTrip(driver, key: "sse-c/object.bin")
        // Without the CA the server's certificate is refused: TLS is verified.
        location.caSecret = nil
        location.encryptionOptions = nil
        let untrusted = try S3Driver(location: location, secrets: secrets.resolver, environment: .keys(keys))
        #expect(throws: ExecError.self) { try untrusted.client.headObject(bucket: "argo", key: "sse-c/object.bin") }
    }

    @Test("expired temporary credentials are fetched again and the request re-sent")
    func expiredTokenRefresh() throws {
        let moto = try MotoServer(signatureChecking: false)
        let keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        try S3Client(.init(endpoint: String(moto.endpoint.dropFirst(7)), secure: false, credentials: keys)).createBucket("argo")
        let endpoint = try CredentialsEndpoint(accessKey: moto.accessKey, secretKey: moto.secretKey)
        let proxy = try FaultProxy(upstream: moto.endpoint, schedule: ["expired"] + Array(repeating: "ok", count: 20))
        var env = AWSEnvironment()
        env.containerCredentialsFullURI = endpoint.url
        env.containerAuthorizationToken = "Bearer pod-identity"
        var location = S3Artifact(endpoint: proxy.endpoint, bucket: "argo")
        location.insecure = true
        location.region = "us-east-1"
        location.useSDKCreds = true
        let driver = try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: env)
        try Self.roundTrip(driver, key: "refreshed.bin")
        #expect(endpoint.hits == 2)
        #expect(endpoint.lastAuthorization == "Bearer pod-identity")
    }

    @Test("streamed upload: 23 MiB in growing parts without a file, a small stream as one PUT, a failed producer leaves nothing")
    func streamedUpload() throws {
        let moto = try MotoServer()
        let keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        var location = Self.location(moto)
        location.useSDKCreds = true
        location.createBucketIfNotPresent = CreateS3BucketOptions()
        let driver = try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: .keys(keys))
        for size in [23 << 20, 1000] {
            let hasher = try Hasher(.sha256)
            try driver.saveStream(key: "stream/\(size)") { (sink) throws(ExecError) in
                var chunk = [UInt8](repeating: 0, count: 65_536)
                var written = 0
                while written < size {
                    for i in 0..<chunk.count { chunk[i] = UInt8(truncatingIfNeeded: (written + i) &* 2_654_435_761 >> 13) }
                    let n = min(chunk.count, size - written)
                    try sink.write(Array(chunk.prefix(n)))
                    try hasher.update(chunk.prefix(n))
                    written += n
                }
                try sink.finish()
            }
            let out = NSTemporaryDirectory() + "argoexec-stream-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: out) }
            try driver.load(key: "stream/\(size)", to: out)
            let back = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
            #expect(back.count == size)
            #expect(Digest.hex(try Digest.sha256(back)) == Digest.hex(try hasher.finish()))
        }
        do {
            try driver.saveStream(key: "stream/failed") { (sink) throws(ExecError) in
                try sink.write([UInt8](repeating: 7, count: 12 << 20))
                throw ExecError(.internal, "producer gave up")
            }
            Issue.record("a failed producer reported success")
        } catch {
            #expect(error.message == "producer gave up")
        }
        #expect(throws: ExecError.self) { try driver.client.headObject(bucket: "argo", key: "stream/failed") }
        let uploads = MemorySink()
        _ = try driver.client.send("GET", bucket: "argo", key: "", query: [("uploads", "")], into: uploads)
        #expect(!String(decoding: uploads.bytes, as: UTF8.self).contains("<UploadId>"))
    }
}
