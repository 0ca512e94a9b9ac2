import ModelBase
import Core
import Digest

/// Alibaba OSS request signing (Argo's `workflow/artifacts/oss/oss.go`): V1 (`Authorization: OSS <ak>:<base64 HMAC-SHA1>`, what
/// Argo's SDK sends) and V4 (`OSS4-HMAC-SHA256`, HMAC-SHA256 with a region scope, which OSS requires in
/// regions and accounts where V1 is retired). Checked against fixed vectors and the official `oss2` SDK (docs/artifacts.md).
public struct OSSSigner: Sendable {
    public enum Version: Sendable, Equatable {
        case v1
        case v4(region: String)
    }

    public var version: Version

    public init(_ version: Version) { self.version = version }

    /// What is signed. `bucket` is empty for service-level requests (ListBuckets); `key` is the decoded
    /// object key (empty for bucket-level requests); `query` holds decoded names and values.
    public struct Request: Sendable {
        public var method: String
        public var bucket: String
        public var key: String
        public var query: [(String, String)]
        public var headers: [(String, String)]

        public init(method: String, bucket: String, key: String = "", query: [(String, String)] = [], headers: [(String, String)] = []) {
            self.method = method
            self.bucket = bucket
            self.key = key
            self.query = query
            self.headers = headers
        }
    }

    /// The headers to add to the request: the date, the security token, the V4 content hash, `Authorization`.
    public func sign(_ request: Request, credentials: OSSCredentials, at time: UTCTime) throws(ExecError) -> [(String, String)] {
        var added: [(String, String)] = []
        if let token = credentials.securityToken { added.append(("x-oss-security-token", token)) }
        switch version {
        case .v1:
            added.append(("Date", time.httpDate()))
            var signed = request
            signed.headers += added
            let mac = try Digest.hmac(.sha1, key: Array(credentials.accessKeySecret.utf8), message: Array(Self.stringToSignV1(signed).utf8))
            added.append(("Authorization", "OSS \(credentials.accessKeyID):\(Base64.encode(mac))"))
        case .v4(let region):
            let stamp = Self.compactDate(time)
            added += [("x-oss-date", stamp), ("x-oss-content-sha256", "UNSIGNED-PAYLOAD")]
            var signed = request
            signed.headers += added
            let scope = "\(stamp.prefix(8))/\(region)/oss/aliyun_v4_request"
            let canonical = Self.canonicalRequestV4(signed)
            let toSign = "OSS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(Digest.hex(try Digest.sha256(Array(canonical.utf8))))"
            var key = try Digest.hmac(.sha256, key: Array("aliyun_v4\(credentials.accessKeySecret)".utf8), message: Array(stamp.prefix(8).utf8))
            for part in [region, "oss", "aliyun_v4_request"] { key = try Digest.hmac(.sha256, key: key, message: Array(part.utf8)) }
            let signature = Digest.hex(try Digest.hmac(.sha256, key: key, message: Array(toSign.utf8)))
            added.append(("Authorization", "OSS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope),Signature=\(signature)"))
        }
        return added
    }

    // MARK: V1

    /// `VERB\nContent-MD5\nContent-Type\nDate\n<x-oss-* headers><resource>`.
    public static func stringToSignV1(_ request: Request) -> String {
        func header(_ name: String) -> String { request.headers.first { $0.0.lowercased() == name }?.1 ?? "" }
        let date = header("x-oss-date").isEmpty ? header("date") : header("x-oss-date")
        return [request.method, header("content-md5"), header("content-type"), date].joined(separator: "\n") + "\n"
            + canonicalOSSHeaders(request.headers) + resourceV1(request)
    }

    /// `/bucket/key` (key unescaped), `/bucket/` for the bucket, `/` for the service, plus the signed
    /// sub-resources sorted by name.
    static func resourceV1(_ request: Request) -> String {
        var resource = request.bucket.isEmpty ? "/" : "/\(request.bucket)/\(request.key)"
        let sub = request.query.filter { signedSubresources.contains($0.0) }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        if !sub.isEmpty { resource += "?" + sub.map { $0.1.isEmpty ? $0.0 : "\($0.0)=\($0.1)" }.joined(separator: "&") }
        return resource
    }

    /// Query keys that count in a V1 signature (the SDKs' list; `prefix`, `marker`, `max-keys`, `list-type`,
    /// `encoding-type` do not).
    static let signedSubresources: Set<String> = [
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append", "tagging",
        "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style", "styleName", "replication",
        "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live", "status", "vod",
        "startTime", "endTime", "symlink", "x-oss-process", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
        "udf", "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication", "udfApplicationLog", "restore", "callback",
        "callback-var", "qosInfo", "policy", "stat", "encryption", "versions", "versioning", "versionId", "requestPayment",
        "x-oss-request-payer", "sequential", "inventory", "inventoryId", "continuation-token", "asyncFetch", "worm",
        "wormId", "wormExtend", "withHashContext", "x-oss-enable-md5", "x-oss-enable-sha1", "x-oss-enable-sha256",
        "x-oss-hash-ctx", "x-oss-md5-ctx", "transferAcceleration", "regionList", "cloudboxes", "x-oss-ac-source-ip",
        "x-oss-ac-subnet-mask", "x-oss-ac-vpc-id", "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "rtc",
        "accessPoint", "accessPointPolicy", "httpsConfig", "publicAccessBlock", "group", "link", "objectInfo",
        "x-oss-traffic-limit", "x-oss-async-process", "x-oss-write-get-object-response",
    ]

    /// Every `x-oss-*` header, name lower-cased, sorted, as `name:value\n`.
    static func canonicalOSSHeaders(_ headers: [(String, String)]) -> String {
        headers.map { ($0.0.lowercased(), $0.1) }.filter { $0.0.hasPrefix("x-oss-") }
            .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0):\($0.1)\n" }.joined()
    }

    // MARK: V4

    /// `VERB\n<uri>\n<query>\n<headers>\n<additional headers>\nUNSIGNED-PAYLOAD`; the signed headers are
    /// content-type, content-md5 and every x-oss-* header; no additional headers are signed.
    public static func canonicalRequestV4(_ request: Request) -> String {
        let uri = SigV4Signer.encodePath(request.bucket.isEmpty ? "/" : "/\(request.bucket)/\(request.key)")
        let query = request.query.map { (SigV4Signer.uriEncode($0.0), SigV4Signer.uriEncode($0.1)) }
            .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { $0.1.isEmpty ? $0.0 : "\($0.0)=\($0.1)" }.joined(separator: "&")
        let headers = request.headers.map { ($0.0.lowercased(), $0.1) }
            .filter { $0.0.hasPrefix("x-oss-") || $0.0 == "content-type" || $0.0 == "content-md5" }
            .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0):\($0.1)\n" }.joined()
        let payload = request.headers.first { $0.0.lowercased() == "x-oss-content-sha256" }?.1 ?? "UNSIGNED-PAYLOAD"
        return "\(request.method)\n\(uri)\n\(query)\n\(headers)\n\n\(payload)"
    }

    /// `20250101T000000Z`.
    static func compactDate(_ time: UTCTime) -> String {
        SigV4Signer.amzDate(time)
    }
}
