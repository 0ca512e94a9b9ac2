import Core
@testable import Drivers
import Foundation
import Synchronization
import Testing
@testable import Transport

/// The host, path and region S3 requests get, case by case, as minio-go v7.2.1 gives them for Argo
/// (docs/s3.md has the same table): no network here; the real peers are in S3RegionLookupTests and
/// CLITests/S3AddressingCommandTests.
@Suite("S3 addressing: hosts, styles and regions as minio-go chooses them")
struct S3AddressingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var endpoint: String
        var secure = true
        var bucket = "argo"
        var style: String?
        var region: String?
        /// What GetBucketLocation answers, when it is asked.
        var located = "eu-west-1"
        /// The GetBucketLocation URL, nil when the region is known without asking.
        var lookup: String?
        var object: String
        var signing: String
        var testDescription: String { "\(endpoint) \(bucket) \(style ?? "auto") \(region ?? "-")" + (secure ? "" : " http") }
    }

    static let cases: [Case] = [
        Case(endpoint: "s3.amazonaws.com", region: "us-east-1",
             object: "https://argo.s3.dualstack.us-east-1.amazonaws.com/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "s3.amazonaws.com", region: "eu-west-1",
             object: "https://argo.s3.dualstack.eu-west-1.amazonaws.com/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3.amazonaws.com", lookup: "https://argo.s3.amazonaws.com/",
             object: "https://argo.s3.dualstack.eu-west-1.amazonaws.com/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3.amazonaws.com:443", located: "us-east-1", lookup: "https://argo.s3.amazonaws.com/",
             object: "https://argo.s3.dualstack.us-east-1.amazonaws.com/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "s3.eu-west-1.amazonaws.com", object: "https://argo.s3.dualstack.eu-west-1.amazonaws.com/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3-eu-west-1.amazonaws.com", object: "https://argo.s3.dualstack.eu-west-1.amazonaws.com/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3-external-1.amazonaws.com", located: "us-east-1", lookup: "https://argo.s3-external-1.amazonaws.com/",
             object: "https://argo.s3.dualstack.us-east-1.amazonaws.com/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "s3.dualstack.ap-south-1.amazonaws.com", object: "https://argo.s3.dualstack.ap-south-1.amazonaws.com/k/o.tgz", signing: "ap-south-1"),
        Case(endpoint: "s3-fips.us-east-2.amazonaws.com", object: "https://argo.s3-fips.us-east-2.amazonaws.com/k/o.tgz", signing: "us-east-2"),
        Case(endpoint: "s3-fips.dualstack.us-gov-west-1.amazonaws.com",
             object: "https://argo.s3-fips.dualstack.us-gov-west-1.amazonaws.com/k/o.tgz", signing: "us-gov-west-1"),
        Case(endpoint: "s3-us-gov-west-1.amazonaws.com", object: "https://argo.s3.dualstack.us-gov-west-1.amazonaws.com/k/o.tgz", signing: "us-gov-west-1"),
        Case(endpoint: "s3.cn-north-1.amazonaws.com.cn", object: "https://argo.s3.dualstack.cn-north-1.amazonaws.com.cn/k/o.tgz", signing: "cn-north-1"),
        Case(endpoint: "s3.amazonaws.com", region: "cn-northwest-1",
             object: "https://argo.s3.dualstack.cn-northwest-1.amazonaws.com.cn/k/o.tgz", signing: "cn-northwest-1"),
        // A region minio-go's table lacks: its own endpoint here (minio-go would use us-east-1's).
        Case(endpoint: "s3.amazonaws.com", region: "xx-new-1", object: "https://argo.s3.dualstack.xx-new-1.amazonaws.com/k/o.tgz", signing: "xx-new-1"),
        Case(endpoint: "s3.amazonaws.com", bucket: "my.bucket", lookup: "https://s3.amazonaws.com/my.bucket",
             object: "https://s3.dualstack.eu-west-1.amazonaws.com/my.bucket/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3.amazonaws.com", secure: false, bucket: "my.bucket", lookup: "http://my.bucket.s3.amazonaws.com/",
             object: "http://my.bucket.s3.dualstack.eu-west-1.amazonaws.com/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3.amazonaws.com", bucket: "my.bucket", style: "virtual-hosted", region: "eu-west-1",
             object: "https://my.bucket.s3.dualstack.eu-west-1.amazonaws.com/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "s3.amazonaws.com", style: "path", region: "eu-west-1",
             object: "https://s3.dualstack.eu-west-1.amazonaws.com/argo/k/o.tgz", signing: "eu-west-1"),
        Case(endpoint: "127.0.0.1:9000", secure: false, located: "us-east-1", lookup: "http://127.0.0.1:9000/argo",
             object: "http://127.0.0.1:9000/argo/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "127.0.0.1:9000", secure: false, style: "virtual-hosted", region: "us-east-1",
             object: "http://argo.127.0.0.1:9000/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "[::1]:9000", secure: false, region: "us-east-1", object: "http://[::1]:9000/argo/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "minio.example.com", located: "us-east-1", lookup: "https://minio.example.com/argo",
             object: "https://minio.example.com/argo/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "minio.example.com:443", region: "us-west-2", object: "https://minio.example.com/argo/k/o.tgz", signing: "us-west-2"),
        Case(endpoint: "minio.example.com:80", region: "us-west-2", object: "https://minio.example.com:80/argo/k/o.tgz", signing: "us-west-2"),
        Case(endpoint: "minio.example.com", style: "virtual-hosted", region: "us-east-1",
             object: "https://argo.minio.example.com/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "minio.example.com", style: "Virtual-Hosted", region: "us-east-1",  // Argo matches exactly: auto
             object: "https://minio.example.com/argo/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "storage.googleapis.com", located: "us-east1", lookup: "https://argo.storage.googleapis.com/",
             object: "https://argo.storage.googleapis.com/k/o.tgz", signing: "us-east1"),
        Case(endpoint: "oss-cn-hangzhou.aliyuncs.com", region: "cn-hangzhou",
             object: "https://argo.oss-cn-hangzhou.aliyuncs.com/k/o.tgz", signing: "cn-hangzhou"),
        Case(endpoint: "bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com",
             object: "https://argo.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com/k/o.tgz", signing: "us-east-1"),
        Case(endpoint: "op-01ac5d28a6a232904.s3-outposts.us-west-2.amazonaws.com",
             object: "https://op-01ac5d28a6a232904.s3-outposts.us-west-2.amazonaws.com/argo/k/o.tgz", signing: "us-west-2"),
        Case(endpoint: "my-elb-1.us-east-1.elb.amazonaws.com", located: "us-east-1", lookup: "https://my-elb-1.us-east-1.elb.amazonaws.com/argo",
             object: "https://my-elb-1.us-east-1.elb.amazonaws.com/argo/k/o.tgz", signing: "us-east-1"),
    ]

    static func url(_ a: S3Addressing, _ t: S3Addressing.Target) -> String { a.scheme + "://" + t.host + t.path }

    @Test("object requests and GetBucketLocation", arguments: cases)
    func route(_ c: Case) {
        let a = S3Addressing(endpoint: c.endpoint, secure: c.secure, style: S3Addressing.Style(c.style))
        // S3Driver.resolveRegion: the location's region, else the endpoint's, else GetBucketLocation.
        let lookup = (c.region ?? a.endpointRegion) == nil ? Self.url(a, a.locationTarget(bucket: c.bucket)) : nil
        let signing = c.region ?? a.endpointRegion ?? c.located
        #expect(lookup == c.lookup)
        #expect(signing == c.signing)
        #expect(Self.url(a, a.target(bucket: c.bucket, key: "k/o.tgz", location: signing)) == c.object)
    }

    @Test("CreateBucket goes path style to the region's endpoint; listing a bucket is virtual-hosted")
    func bucketCalls() {
        let a = S3Addressing(endpoint: "s3.amazonaws.com", secure: true, style: .auto)
        #expect(Self.url(a, a.target(bucket: "argo", key: "", location: "eu-west-1", makeBucket: true))
            == "https://s3.dualstack.eu-west-1.amazonaws.com/argo")
        #expect(Self.url(a, a.target(bucket: "argo", key: "", location: "eu-west-1")) == "https://argo.s3.dualstack.eu-west-1.amazonaws.com/")
        let minio = S3Addressing(endpoint: "minio:9000", secure: false, style: .auto)
        #expect(Self.url(minio, minio.target(bucket: "argo", key: "", location: "us-east-1")) == "http://minio:9000/argo")
    }

    @Test("region-mismatch answers: which ones name a region to retry in")
    func regionCorrections() {
        func answer(_ status: Int, _ body: String, _ headers: [(String, String)] = []) -> HTTPResponse {
            HTTPResponse(status: status, headers: headers, errorBody: Array(body.utf8))
        }
        let malformed = "<Error><Code>AuthorizationHeaderMalformed</Code><Region>eu-west-1</Region></Error>"
        #expect(S3Client.regionCorrection(answer(400, malformed), used: "us-east-1") == "eu-west-1")
        #expect(S3Client.regionCorrection(answer(400, malformed), used: "eu-west-1") == nil)
        #expect(S3Client.regionCorrection(answer(400, "<Error><Code>InvalidRegion</Code></Error>", [("x-amz-bucket-region", "ap-south-1")]),
                                          used: "us-east-1") == "ap-south-1")
        #expect(S3Client.regionCorrection(answer(301, "<Error><Code>PermanentRedirect</Code></Error>", [("x-amz-bucket-region", "eu-west-1")]),
                                          used: "us-east-1") == "eu-west-1")
        #expect(S3Client.regionCorrection(answer(400, "", [("X-Amz-Bucket-Region", "eu-west-1")]), used: "us-east-1") == "eu-west-1")  // HEAD
        #expect(S3Client.regionCorrection(answer(403, "<Error><Code>AccessDenied</Code><Region>eu-west-1</Region></Error>"),
                                          used: "us-east-1") == "eu-west-1")
        #expect(S3Client.regionCorrection(answer(400, "<Error><Code>InvalidArgument</Code><Region>eu-west-1</Region></Error>"),
                                          used: "us-east-1") == nil)
        #expect(S3Client.regionCorrection(answer(404, "<Error><Code>NoSuchKey</Code></Error>", [("x-amz-bucket-region", "eu-west-1")]),
                                          used: "us-east-1") == nil)
        #expect(S3Client.regionCorrection(answer(403, "<Error><Code>AccessDenied</Code></Error>"), used: "us-east-1") == nil)
    }

    @Test("the region cache: one lookup for concurrent callers, failures asked again")
    func cacheSingleFlight() {
        let cache = BucketRegionCache()
        let lookups = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let region = cache.resolve("http://s3.example/argo") {
                lookups.withLock { $0 += 1 }
                Thread.sleep(forTimeInterval: 0.05)
                return ("eu-west-1", true)
            }
            #expect(region == "eu-west-1")
        }
        #expect(lookups.withLock { $0 } == 1)
        #expect(cache.resolve("http://s3.example/other") { ("us-east-1", false) } == "us-east-1")
        #expect(cache.region(for: "http://s3.example/other") == nil)
        #expect(cache.resolve("http://s3.example/other") { ("ap-south-1", true) } == "ap-south-1")
        cache.store("eu-central-1", for: "http://s3.example/argo")
        #expect(cache.region(for: "http://s3.example/argo") == "eu-central-1")
    }
}
