import Core
@testable import Drivers
import Foundation
import Synchronization
import Model
import Signing
import Testing
import TestSupport

/// The bucket's region when a location names none: asked once per process and bucket however many drivers
/// (artifacts) there are, and corrected once when S3 (or MinIO) says it is another. moto behind
/// S3RecordingProxy, used as the endpoint itself (path style, 127.0.0.1): the proxy answers GetBucketLocation
/// and refuses requests signed for another region as S3 and MinIO do.
@Suite("S3 bucket region: one GetBucketLocation per process and bucket, region errors followed", .serialized)
struct S3RegionLookupTests {
    static func driver(_ proxy: S3RecordingProxy, _ moto: MotoServer, bucket: String) throws -> S3Driver {
        try driver(endpoint: proxy.endpoint, keys: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey), bucket: bucket)
    }

    static func driver(endpoint: String, keys: AWSCredentials, bucket: String) throws -> S3Driver {
        var location = S3Artifact(endpoint: endpoint, bucket: bucket)
        location.insecure = true
        location.useSDKCreds = true
        return try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: .keys(keys))
    }

    static func isLocation(_ r: S3RecordingProxy.Request) -> Bool { r.url.hasSuffix("?location=") }

    static func makeBucket(_ moto: MotoServer, _ bucket: String, region: String) throws -> S3Client {
        let keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        let client = S3Client(.init(endpoint: String(moto.endpoint.dropFirst("http://".count)), region: region, secure: false, credentials: keys))
        try client.createBucket(bucket)
        return client
    }

    @Test("six drivers made in parallel: one GetBucketLocation, every request path style and signed for us-west-2")
    func oneLookupPerBucket() throws {
        let moto = try MotoServer()
        _ = try Self.makeBucket(moto, "western", region: "us-west-2")
        let proxy = try S3RecordingProxy(upstream: moto.endpoint, buckets: ["western": "us-west-2"], anyHost: true)
        let failures = Mutex<[String]>([])
        let endpoint = proxy.endpoint, keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            do {
                let driver = try Self.driver(endpoint: endpoint, keys: keys, bucket: "western")
                #expect(driver.client.config.region == "us-west-2")
                try S3CredentialTests.roundTrip(driver, key: "many/\(i).bin", size: 1000)
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let requests = proxy.requests()
        #expect(requests.filter(Self.isLocation).map(\.url) == [proxy.url + "/western?location="])
        let objects = requests.filter { !Self.isLocation($0) }
        #expect(objects.count >= 12)
        for r in objects {
            #expect(r.host == proxy.endpoint && r.url.hasPrefix(proxy.url + "/western/") && r.region == "us-west-2" && r.status < 300,
                    "\(r)")
        }
    }

    @Test("GetBucketLocation denied: us-east-1 assumed, the first request's region error (a body-less HEAD) followed once")
    func deniedLookupCorrected() throws {
        let moto = try MotoServer()
        let direct = try Self.makeBucket(moto, "hidden", region: "eu-west-1")
        try direct.putObject(bucket: "hidden", key: "seed.txt", bytes: Array("seed\n".utf8))
        let proxy = try S3RecordingProxy(upstream: moto.endpoint, buckets: ["hidden": "eu-west-1"], denyLocation: true, anyHost: true)
        let first = try Self.driver(proxy, moto, bucket: "hidden")
        #expect(first.client.config.region == "us-east-1")
        #expect(try first.client.headObject(bucket: "hidden", key: "seed.txt") == 5)
        let scratch = try ScratchDirectory("denied")
        try first.load(key: "seed.txt", to: scratch.path + "/seed.txt")
        #expect(try String(contentsOfFile: scratch.path + "/seed.txt", encoding: .utf8) == "seed\n")
        try S3CredentialTests.roundTrip(first, key: "after.bin", size: 1000)
        let second = try Self.driver(proxy, moto, bucket: "hidden")
        #expect(second.client.config.region == "eu-west-1")
        try S3CredentialTests.roundTrip(second, key: "second.bin", size: 1000)

        let requests = proxy.requests()
        #expect(requests.filter(Self.isLocation).map(\.status) == [403])
        let refused = requests.filter { $0.status == 400 }
        #expect(refused.map(\.method) == ["HEAD"])
        #expect(refused.map(\.region) == ["us-east-1"])
        let rest = requests.filter { !Self.isLocation($0) && $0.status != 400 }
        #expect(!rest.isEmpty && rest.allSatisfy { $0.region == "eu-west-1" && $0.status < 300 })
    }

    @Test("a region given by the location: no GetBucketLocation")
    func noLookupWhenKnown() throws {
        let moto = try MotoServer()
        _ = try Self.makeBucket(moto, "named", region: "ap-south-1")
        let proxy = try S3RecordingProxy(upstream: moto.endpoint, buckets: ["named": "ap-south-1"], anyHost: true)
        var location = S3Artifact(endpoint: proxy.endpoint, bucket: "named")
        location.insecure = true
        location.useSDKCreds = true
        location.region = "ap-south-1"
        let keys = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)
        let driver = try S3Driver(location: location, secrets: SecretFiles(directory: "/nonexistent"), environment: .keys(keys))
        try S3CredentialTests.roundTrip(driver, key: "k.bin", size: 100)
        #expect(!proxy.requests().contains(where: Self.isLocation))
        #expect(!driver.client.config.regionFromLookup)
    }
}
