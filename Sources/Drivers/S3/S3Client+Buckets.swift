import Core
import Digest
import Signing
import Transport

/// Bucket-level calls and the bucket's region: GetBucketLocation as minio-go v7.2.1 sends and reads it
/// (`bucket-cache.go`), the process-wide cache in front of it, and the region-mismatch answers minio-go
/// follows (`api.go` `executeMethod`).
extension S3Client {
    /// GetBucketLocation, always to the configured endpoint and signed for us-east-1 (`getBucketLocationRequest`).
    /// Read as `processBucketLocationResponse` reads it: an empty constraint is us-east-1, `EU` eu-west-1;
    /// a denied or wrongly signed request gives the region in its error, else us-east-1 (the policy may allow
    /// the object calls without allowing this one); `NotImplemented` from Snowball / Cloudflare R2 names
    /// theirs; any other error is thrown.
    public func bucketRegion(_ bucket: String) throws(ExecError) -> String {
        let body = MemorySink()
        let r = try exchange("GET", config.addressing.locationTarget(bucket: bucket), region: "us-east-1",
                             query: [("location", "")], into: body)
        if r.status != 200 {
            // A body-less 403 reads as AccessDenied, as in minio-go's httpRespToErrorResponse.
            switch XMLScanner(r.errorBody).first("Code") ?? (r.status == 403 ? "AccessDenied" : nil) {
            case "AuthorizationHeaderMalformed", "InvalidRegion", "AccessDenied":
                return Self.errorRegion(r) ?? "us-east-1"
            case "NotImplemented" where r.header("server") == "AmazonSnowball": return "snowball"
            case "NotImplemented" where r.header("server") == "cloudflare": return "us-east-1"
            default: try expect(r, [200], "GetBucketLocation", bucket, "")
            }
        }
        switch XMLScanner(body.bytes).first("LocationConstraint") ?? "" {
        case "": return "us-east-1"
        case "EU": return "eu-west-1"
        case let region: return region
        }
    }

    /// The bucket's region from the process-wide cache, else from GetBucketLocation. An answer is cached;
    /// a failure is not (us-east-1 is used this time, and a later request's region error corrects it), except
    /// an error answer that will not change (a store without GetBucketLocation), so it is not asked again.
    public func lookUpRegion(_ bucket: String) -> String {
        BucketRegionCache.shared.resolve(BucketRegionCache.key(config.addressing, bucket: bucket)) {
            do throws(ExecError) {
                return (try bucketRegion(bucket), true)
            } catch {
                return ("us-east-1", !error.isTransient && error.code != .notFound && error.status != nil)
            }
        }
    }

    /// Creates the bucket in `config.region` (minio-go's `MakeBucket`: path style, to that region's endpoint on
    /// AWS); "already owned by you" counts as success (createBucketIfNotPresent).
    public func createBucket(_ bucket: String) throws(ExecError) {
        let region = config.region.isEmpty ? "us-east-1" : config.region
        var body: HTTPRequest.Body = .none
        var hash = SigV4Signer.emptyPayloadHash
        if region != "us-east-1" {
            // Outside us-east-1 S3 needs the region in the body (minio-go's MakeBucket sends the same).
            let xml = Array("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>".utf8)
            body = .bytes(xml)
            hash = Digest.hex(try Digest.sha256(xml))
        }
        let r = try send("PUT", bucket: bucket, key: "", body: body, payloadHash: hash, location: region)
        if r.status == 409, XMLScanner(r.errorBody).first("Code") == "BucketAlreadyOwnedByYou" { return }
        try expect(r, [200], "CreateBucket", bucket, "")
        // minio-go's doMakeBucket caches the region of a bucket it made.
        if config.regionFromLookup { BucketRegionCache.shared.store(region, for: BucketRegionCache.key(config.addressing, bucket: bucket)) }
    }

    /// The region to retry in when `response` says the bucket lives elsewhere than `used`: minio-go's codes
    /// (AuthorizationHeaderMalformed, InvalidRegion, AccessDenied) with a `<Region>` or `x-amz-bucket-region`;
    /// also, beyond minio-go (as botocore does), a 301 PermanentRedirect and a body-less HEAD answer that name
    /// the region in `x-amz-bucket-region` (docs/s3.md).
    static func regionCorrection(_ response: HTTPResponse, used: String) -> String? {
        guard [301, 400, 403].contains(response.status) else { return nil }
        let code = XMLScanner(response.errorBody).first("Code")
        guard code == nil || regionErrorCodes.contains(code ?? "") else { return nil }
        guard let region = errorRegion(response), region != used else { return nil }
        return region
    }

    static let regionErrorCodes: Set<String> = ["AuthorizationHeaderMalformed", "InvalidRegion", "AccessDenied", "PermanentRedirect"]

    /// `<Region>` of an error, else the `x-amz-bucket-region` header (`httpRespToErrorResponse`).
    static func errorRegion(_ response: HTTPResponse) -> String? {
        let region = XMLScanner(response.errorBody).first("Region") ?? response.header("x-amz-bucket-region") ?? ""
        return region.isEmpty ? nil : region
    }
}
