import Core
import Digest
import Signing
import Transport
import ModelBase

/// The S3 REST calls the driver is built from, each one signed request over the shared transport. Bodies
/// stream: uploads read from a file descriptor, downloads write into a `ByteSink`. Which host and path a
/// request goes to (path style, virtual-hosted, the bucket region's AWS endpoint) is `S3Addressing`'s choice.
public struct S3Client: Sendable {
    public struct Config: Sendable {
        public var endpoint: String { didSet { readdress() } }  // host[:port], no scheme (Argo's form)
        /// The region requests are signed for and, on AWS, whose endpoint they go to.
        public var region: String
        public var secure: Bool { didSet { readdress() } }
        public var addressingStyle: S3Addressing.Style { didSet { readdress() } }
        /// How requests are addressed, from the three above.
        public private(set) var addressing: S3Addressing
        /// `region` came from GetBucketLocation (the location named none, nor did its endpoint): requests
        /// then use the process-wide `BucketRegionCache` entry and follow a region-mismatch answer once, as
        /// minio-go does for a client without a region (`executeMethod`).
        public var regionFromLookup = false
        public var credentials: AWSCredentialProvider
        public var caFile: String?
        /// PEM from a `caSecret`: replaces the trust store.
        public var caPEM: [UInt8]?
        /// A transfer slower than 1 byte/s for this long is abandoned (and retried): a stalled peer.
        public var lowSpeedSeconds = 60

        public init(endpoint: String, region: String = "us-east-1", secure: Bool = true, addressingStyle: S3Addressing.Style = .auto,
                    credentials: AWSCredentialProvider, caFile: String? = nil) {
            self.endpoint = endpoint
            self.region = region
            self.secure = secure
            self.addressingStyle = addressingStyle
            addressing = S3Addressing(endpoint: endpoint, secure: secure, style: addressingStyle)
            self.credentials = credentials
            self.caFile = caFile
        }

        public init(endpoint: String, region: String = "us-east-1", secure: Bool = true, addressingStyle: S3Addressing.Style = .auto,
                    credentials: AWSCredentials, caFile: String? = nil) {
            self.init(endpoint: endpoint, region: region, secure: secure, addressingStyle: addressingStyle,
                      credentials: AWSCredentialProvider(fixed: credentials), caFile: caFile)
        }

        private mutating func readdress() { addressing = S3Addressing(endpoint: endpoint, secure: secure, style: addressingStyle) }
    }

    public let config: Config

    public init(_ config: Config) { self.config = config }

    public func with(_ change: (inout Config) -> Void) -> S3Client {
        var c = config
        change(&c)
        return S3Client(c)
    }

    /// One object of a listing.
    public struct Object: Sendable, Equatable {
        public var key: String
        public var size: Int64
    }

    public struct Listing: Sendable {
        public var objects: [Object] = []
        public var commonPrefixes: [String] = []
    }

    // MARK: objects

    /// PUT of the first `length` bytes of `fd` (UNSIGNED-PAYLOAD: streamed, not hashed first). Read with
    /// pread from offset 0, so a retry sends the same bytes again.
    public func putObject(bucket: String, key: String, fd: Int32, length: Int64, headers: [(String, String)] = []) throws(ExecError) {
        let r = try send("PUT", bucket: bucket, key: key, headers: headers, body: .fileRange(fd: fd, offset: 0, length: length),
                         payloadHash: "UNSIGNED-PAYLOAD")
        try expect(r, [200, 201], "PutObject", bucket, key)
    }

    public func putObject(bucket: String, key: String, bytes: [UInt8], headers: [(String, String)] = []) throws(ExecError) {
        let r = try send("PUT", bucket: bucket, key: key, headers: headers, body: .bytes(bytes), payloadHash: Digest.hex(try Digest.sha256(bytes)))
        try expect(r, [200, 201], "PutObject", bucket, key)
    }

    /// GET into `sink`; `range` resumes a download (`bytes=N-`). Returns the response (200, or 206 for a range).
    @discardableResult
    public func getObject(bucket: String, key: String, into sink: any ByteSink, range: String? = nil,
                          headers: [(String, String)] = []) throws(ExecError) -> HTTPResponse {
        let r = try send("GET", bucket: bucket, key: key, headers: headers + (range.map { [("Range", $0)] } ?? []), into: sink)
        try expect(r, [200, 206], "GetObject", bucket, key)
        return r
    }

    /// HEAD: the object's size (0 without a Content-Length; a malformed one is an error), or NotFound.
    public func headObject(bucket: String, key: String, headers: [(String, String)] = []) throws(ExecError) -> Int64 {
        let r = try send("HEAD", bucket: bucket, key: key, headers: headers)
        try expect(r, [200], "HeadObject", bucket, key)
        return try r.contentLength("HeadObject s3://\(bucket)/\(key)") ?? 0
    }

    public func deleteObject(bucket: String, key: String) throws(ExecError) {
        let r = try send("DELETE", bucket: bucket, key: key)
        try expect(r, [200, 204], "DeleteObject", bucket, key)
    }

    /// ListObjectsV2 over every page (`encoding-type=url`, keys decoded).
    public func listObjects(bucket: String, prefix: String, delimiter: String? = nil, pageSize: Int = 1000,
                            firstPageOnly: Bool = false) throws(ExecError) -> Listing {
        var listing = Listing()
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix), ("encoding-type", "url"), ("max-keys", String(pageSize))]
            if let delimiter { query.append(("delimiter", delimiter)) }
            if let token { query.append(("continuation-token", token)) }
            let body = MemorySink()
            let r = try send("GET", bucket: bucket, key: "", query: query, into: body)
            try expect(r, [200], "ListObjectsV2", bucket, prefix)
            let xml = XMLScanner(body.bytes)
            let page = try Self.page(xml, what: "ListObjectsV2 s3://\(bucket)/\(prefix)")
            listing.objects += page.objects
            listing.commonPrefixes += page.commonPrefixes
            token = xml.first("IsTruncated") == "true" && !firstPageOnly ? xml.first("NextContinuationToken") : nil
        } while token != nil
        return listing
    }

    /// The objects and common prefixes of one ListObjectsV2 page (keys decoded from `encoding-type=url`).
    /// A `<Size>` that is not an Int64 fails the listing, as Go's encoding/xml does for minio-go.
    static func page(_ xml: XMLScanner, what: String) throws(ExecError) -> Listing {
        var listing = Listing()
        for contents in xml.all("Contents") {
            let item = XMLScanner(contents)
            let key = SigV4Signer.percentDecode(item.first("Key") ?? "")
            listing.objects.append(Object(key: key, size: try item.int64("Size", what: what) ?? 0))
        }
        for common in xml.all("CommonPrefixes") {
            listing.commonPrefixes.append(SigV4Signer.percentDecode(XMLScanner(common).first("Prefix") ?? ""))
        }
        return listing
    }

    // MARK: plumbing

    /// One signed request to `bucket`/`key`, at the host `S3Addressing` picks for the bucket's region:
    /// `location` when given (CreateBucket's region), else the configured or looked-up region.
    func send(_ method: String, bucket: String, key: String, query: [(String, String)] = [], headers: [(String, String)] = [],
              body: HTTPRequest.Body = .none, payloadHash: String = SigV4Signer.emptyPayloadHash,
              into sink: (any ByteSink)? = nil, location: String? = nil) throws(ExecError) -> HTTPResponse {
        let addressing = config.addressing
        let followsLookup = location == nil && config.regionFromLookup && !bucket.isEmpty
        let cacheKey = BucketRegionCache.key(addressing, bucket: bucket)
        var region = location ?? (followsLookup ? BucketRegionCache.shared.region(for: cacheKey) : nil) ?? config.region
        let makeBucket = method == "PUT" && key.isEmpty && query.isEmpty
        func attempt() throws(ExecError) -> HTTPResponse {
            let target = addressing.target(bucket: bucket, key: key, location: region, makeBucket: makeBucket)
            return try exchange(method, target, region: region, query: query, headers: headers, body: body,
                                payloadHash: payloadHash, into: sink)
        }
        var response = try attempt()
        // A region learnt since (or wrongly: GetBucketLocation denied reads as us-east-1) is corrected once.
        // Error bodies never reach the sink and file bodies are re-read with pread, so re-sending is safe.
        if followsLookup, let corrected = Self.regionCorrection(response, used: region) {
            BucketRegionCache.shared.store(corrected, for: cacheKey)
            region = corrected
            response = try attempt()
        }
        // Temporary credentials that expired mid-artifact are fetched again and the request re-sent once.
        guard config.credentials.refreshable, [400, 403].contains(response.status),
              Self.expiredCodes.contains(XMLScanner(response.errorBody).first("Code") ?? "") else { return response }
        config.credentials.invalidate()
        return try attempt()
    }

    /// Signs `target` for `region` (the Host header is the host contacted) and performs the request.
    func exchange(_ method: String, _ target: S3Addressing.Target, region: String, query: [(String, String)] = [],
                  headers: [(String, String)] = [], body: HTTPRequest.Body = .none,
                  payloadHash: String = SigV4Signer.emptyPayloadHash, into sink: (any ByteSink)?) throws(ExecError) -> HTTPResponse {
        let signer = SigV4Signer(region: region, service: "s3", normalizePath: false)
        let request = SigV4Signer.Request(method: method, path: target.path, query: query, headers: [("Host", target.host)] + headers,
                                          payloadHash: payloadHash, includeContentHashHeader: true)
        // "/" goes unescaped in the URL (it is still %2F in the signed canonical query): S3 accepts both, and
        // moto's signature check fails on percent-encoded query characters (Tests/Support/MotoServer.swift).
        let queryString = query.map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }
            .joined(separator: "&").replacingSlashEscapes()
        let url = config.addressing.scheme + "://" + target.host + SigV4Signer.encodePath(target.path)
            + (queryString.isEmpty ? "" : "?" + queryString)
        let signed = try signer.sign(request, credentials: try config.credentials.credentials(), at: .now())
        var http = HTTPRequest(method: method, url: url, headers: [("Host", target.host)] + headers + signed, body: body)
        http.caFile = config.caFile
        http.caPEM = config.caPEM
        http.lowSpeedSeconds = config.lowSpeedSeconds
        return try HTTPClient.perform(http, into: sink)
    }

    static let expiredCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"]

    func expect(_ r: HTTPResponse, _ ok: Set<Int>, _ operation: String, _ bucket: String, _ key: String) throws(ExecError) {
        guard ok.contains(r.status) else { throw S3Error.from(r, operation: operation, bucket: bucket, key: key) }
    }
}

extension String {
    func replacingSlashEscapes() -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(ofText: "%2F") {
            out += rest[..<r.lowerBound] + "/"
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

