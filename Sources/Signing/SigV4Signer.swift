import Core
import Digest

/// AWS Signature Version 4 for request headers (the `Authorization: AWS4-HMAC-SHA256 ...` form), written
/// on libcrypto's SHA-256 and HMAC. Checked against AWS's published SigV4 test suite and botocore.
/// S3 uses `normalizePath: false` (object keys are taken literally), other services `true`.
public struct SigV4Signer: Sendable {
    public var region: String
    public var service: String
    public var normalizePath: Bool
    /// Send the session token without signing it (a few services require this; S3 and STS do not).
    public var omitSessionTokenFromSignature: Bool

    public init(region: String, service: String, normalizePath: Bool = true, omitSessionTokenFromSignature: Bool = false) {
        self.region = region
        self.service = service
        self.normalizePath = normalizePath
        self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
    }

    /// A request to sign. `path` is the raw (not percent-encoded) path; `query` holds decoded names and
    /// values; `payloadHash` is the hex SHA-256 of the body or `UNSIGNED-PAYLOAD`.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [(String, String)]
        public var headers: [(String, String)]
        public var payloadHash: String
        /// Also send the payload hash as `x-amz-content-sha256` (S3 requires it).
        public var includeContentHashHeader: Bool

        public init(method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
                    payloadHash: String, includeContentHashHeader: Bool = false) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
            self.includeContentHashHeader = includeContentHashHeader
        }
    }

    /// The hex SHA-256 of an empty body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The headers to add to the request: `X-Amz-Date`, the session token and content hash when they apply,
    /// and `Authorization`.
    public func sign(_ request: Request, credentials: AWSCredentials, at time: UTCTime) throws(ExecError) -> [(String, String)] {
        let (canonical, baseAdded) = canonicalRequest(request, credentials: credentials, at: time)
        let signature = try sign(canonical: canonical, secret: credentials.secretAccessKey, at: time)
        let signed = Self.signedHeaderNames(request.headers + baseAdded)
        var added = baseAdded
        if omitSessionTokenFromSignature, let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(time)), SignedHeaders=\(signed), Signature=\(signature)"
        return added + [("Authorization", authorization)]
    }

    /// The canonical request and the headers signing adds (exposed for the test-suite comparison).
    func canonicalRequest(_ request: Request, credentials: AWSCredentials, at time: UTCTime) -> (String, [(String, String)]) {
        var added = [("X-Amz-Date", Self.amzDate(time))]
        if let token = credentials.sessionToken, !omitSessionTokenFromSignature { added.append(("X-Amz-Security-Token", token)) }
        if request.includeContentHashHeader { added.append(("X-Amz-Content-Sha256", request.payloadHash)) }
        let headers = Self.canonicalHeaders(request.headers + added)
        let lines = [
            request.method,
            Self.canonicalURI(request.path, normalize: normalizePath),
            Self.canonicalQuery(request.query),
            headers.map { "\($0.0):\($0.1)\n" }.joined(),
            headers.map(\.0).joined(separator: ";"),
            request.payloadHash,
        ]
        return (lines.joined(separator: "\n"), added)
    }

    func stringToSign(canonical: String, at time: UTCTime) throws(ExecError) -> String {
        "AWS4-HMAC-SHA256\n\(Self.amzDate(time))\n\(scope(time))\n\(Digest.hex(try Digest.sha256(Array(canonical.utf8))))"
    }

    func sign(canonical: String, secret: String, at time: UTCTime) throws(ExecError) -> String {
        var key = try Digest.hmac(.sha256, key: Array("AWS4\(secret)".utf8), message: Array(Self.day(time).utf8))
        for part in [region, service, "aws4_request"] {
            key = try Digest.hmac(.sha256, key: key, message: Array(part.utf8))
        }
        return Digest.hex(try Digest.hmac(.sha256, key: key, message: Array(try stringToSign(canonical: canonical, at: time).utf8)))
    }

    func scope(_ time: UTCTime) -> String { "\(Self.day(time))/\(region)/\(service)/aws4_request" }

    static func amzDate(_ time: UTCTime) -> String {
        time.rfc3339().filter { $0 != "-" && $0 != ":" }  // 2015-08-30T12:36:00Z -> 20150830T123600Z
    }

    static func day(_ time: UTCTime) -> String { String(amzDate(time).prefix(8)) }
}
