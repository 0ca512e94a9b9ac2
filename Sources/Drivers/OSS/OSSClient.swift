import ModelBase
import Core
import Digest
import Signing
import Transport

/// The OSS REST calls the driver is built from, each one signed request (V1 or V4) over the shared
/// transport, bodies streamed. Virtual-hosted URLs (`bucket.endpoint/key`) unless the endpoint is an IP
/// literal (path style), as the Go SDK does. Uploads and full downloads are checked against the
/// server's `x-oss-hash-crc64ecma`, as the SDK does.
public struct OSSClient: Sendable {
    public struct Config: Sendable {
        public var scheme: String
        public var host: String  // host[:port]
        public var virtualHosted: Bool
        public var signer: OSSSigner
        public var credentials: OSSCredentialProvider
        public var proxy: String?
        public var lowSpeedSeconds = 60

        /// `endpoint` as Argo takes it: `http(s)://host[:port]` or a bare host (then http).
        public init(endpoint: String, signer: OSSSigner, credentials: OSSCredentialProvider) throws(ExecError) {
            var rest = Substring(endpoint)
            scheme = "http"
            if let r = rest.firstRange(ofText: "://") {
                scheme = rest[..<r.lowerBound].lowercased()
                rest = rest[r.upperBound...]
            }
            host = String(rest.prefix { $0 != "/" })
            guard scheme == "http" || scheme == "https", !host.isEmpty else {
                throw ExecError(.badRequest, "oss endpoint \(endpoint) is not http(s)://host[:port]")
            }
            virtualHosted = !Self.isIPLiteral(host)
            self.signer = signer
            self.credentials = credentials
        }

        static func isIPLiteral(_ host: String) -> Bool {
            if host.hasPrefix("[") { return true }
            let name = host.split(separator: ":").first.map(String.init) ?? host
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            return labels.count == 4 && labels.allSatisfy { UInt8($0) != nil }
        }
    }

    public let config: Config

    public init(_ config: Config) { self.config = config }

    public struct Object: Sendable, Equatable {
        public var key: String
        public var size: Int64
    }

    public struct Listing: Sendable {
        public var objects: [Object] = []
        public var keys: [String] { objects.map(\.key) }
        public var commonPrefixes: [String] = []
        /// The V1 marker or V2 continuation token of the next page, nil on the last page.
        public var next: String?
    }

    // MARK: objects

    /// PUT of a body (a file range read with pread, or bytes), CRC-checked. A key ending in `/` with an
    /// empty body is a directory marker.
    public func putObject(bucket: String, key: String, body: HTTPRequest.Body) throws(ExecError) {
        let r = try send("PUT", bucket: bucket, key: key, headers: [("Content-Type", MimeTypes.forKey(key))], body: body)
        try expect(r, [200], "PutObject", bucket, key)
        try Self.checkCRC(r, body: body, operation: "PutObject", bucket: bucket, key: key)
    }

    /// GET into `sink` (`range` resumes: `bytes=N-`). Returns the response (status, CRC header).
    public func getObject(bucket: String, key: String, into sink: any ByteSink, range: String? = nil) throws(ExecError) -> HTTPResponse {
        let r = try send("GET", bucket: bucket, key: key, headers: range.map { [("Range", $0)] } ?? [], into: sink)
        try expect(r, [200, 206], "GetObject", bucket, key)
        return r
    }

    public func deleteObject(bucket: String, key: String) throws(ExecError) {
        let r = try send("DELETE", bucket: bucket, key: key)
        try expect(r, [200, 204], "DeleteObject", bucket, key)
    }

    /// ListObjects (V1): one page from `marker` (keys decoded from `encoding-type=url`).
    public func listObjectsV1(bucket: String, prefix: String, marker: String = "", maxKeys: Int = 100) throws(ExecError) -> Listing {
        let xml = try list(bucket: bucket, query: [("prefix", prefix), ("marker", marker), ("max-keys", String(maxKeys)), ("encoding-type", "url")],
                           operation: "ListObjects", prefix: prefix)
        var listing = try Self.entries(xml, what: "ListObjects oss://\(bucket)/\(prefix)")
        listing.next = xml.first("IsTruncated") == "true" ? (xml.first("NextMarker").map(SigV4Signer.percentDecode) ?? listing.keys.last) : nil
        return listing
    }

    /// ListObjectsV2: one page from `token` (continuation tokens are opaque and sent back as they came).
    public func listObjectsV2(bucket: String, prefix: String, token: String? = nil, maxKeys: Int = 1000) throws(ExecError) -> Listing {
        var query = [("list-type", "2"), ("prefix", prefix), ("max-keys", String(maxKeys)), ("encoding-type", "url")]
        if let token { query.append(("continuation-token", token)) }
        let xml = try list(bucket: bucket, query: query, operation: "ListObjectsV2", prefix: prefix)
        var listing = try Self.entries(xml, what: "ListObjectsV2 oss://\(bucket)/\(prefix)")
        listing.next = xml.first("IsTruncated") == "true" ? xml.first("NextContinuationToken") : nil
        return listing
    }

    private func list(bucket: String, query: [(String, String)], operation: String, prefix: String) throws(ExecError) -> XMLScanner {
        let body = MemorySink(limit: 16 << 20)
        let r = try send("GET", bucket: bucket, key: "", query: query, into: body)
        try expect(r, [200], operation, bucket, prefix)
        return XMLScanner(body.bytes)
    }

    /// One page's objects and prefixes; a `<Size>` that is not an Int64 fails the listing (the Go SDK's
    /// xml.Unmarshal does the same) instead of reading as 0.
    static func entries(_ xml: XMLScanner, what: String) throws(ExecError) -> Listing {
        var listing = Listing()
        let encoded = xml.first("EncodingType") == "url"
        func decode(_ s: String) -> String { encoded ? SigV4Signer.percentDecode(s) : s }
        listing.objects = try xml.all("Contents").map { (contents) throws(ExecError) in
            let item = XMLScanner(contents)
            return Object(key: decode(item.first("Key") ?? ""), size: try item.int64("Size", what: what) ?? 0)
        }
        listing.commonPrefixes = xml.all("CommonPrefixes").map { decode(XMLScanner($0).first("Prefix") ?? "") }
        return listing
    }

    // MARK: buckets

    /// Argo's IsBucketExist: ListBuckets with the name as prefix, then an exact match.
    public func bucketExists(_ bucket: String) throws(ExecError) -> Bool {
        let body = MemorySink(limit: 1 << 20)
        let r = try send("GET", bucket: "", key: "", query: [("prefix", bucket), ("max-keys", "1")], into: body)
        try expect(r, [200], "ListBuckets", bucket, "")
        return XMLScanner(body.bytes).all("Bucket").contains { XMLScanner($0).first("Name") == bucket }
    }

    public func createBucket(_ bucket: String) throws(ExecError) {
        let xml = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateBucketConfiguration><StorageClass>Standard</StorageClass></CreateBucketConfiguration>".utf8)
        let r = try send("PUT", bucket: bucket, key: "", headers: [("Content-Type", "application/xml")], body: .bytes(xml))
        if r.status == 409, OSSError.code(r) == "BucketAlreadyExists" { return }  // created meanwhile
        try expect(r, [200], "PutBucket", bucket, "")
    }

    /// Replaces the bucket's lifecycle configuration (the whole document, as Argo does).
    public func putBucketLifecycle(_ bucket: String, xml: String) throws(ExecError) {
        try putBucketDocument(bucket, "lifecycle", xml, "PutBucketLifecycle")
    }

    /// Bucket logging into the bucket itself with `prefix` (Argo's `ARGO_TRACE=1` behaviour).
    public func putBucketLogging(_ bucket: String, prefix: String) throws(ExecError) {
        try putBucketDocument(bucket, "logging", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BucketLoggingStatus><LoggingEnabled><TargetBucket>"
            + bucket.replacingXMLSpecials() + "</TargetBucket><TargetPrefix>" + prefix.replacingXMLSpecials()
            + "</TargetPrefix></LoggingEnabled></BucketLoggingStatus>", "PutBucketLogging")
    }

    private func putBucketDocument(_ bucket: String, _ subresource: String, _ xml: String, _ operation: String) throws(ExecError) {
        let body = Array(xml.utf8)
        let headers = [("Content-MD5", Base64.encode(try Digest.md5(body))), ("Content-Type", "application/xml")]
        let r = try send("PUT", bucket: bucket, key: "", query: [(subresource, "")], headers: headers, body: .bytes(body))
        try expect(r, [200], operation, bucket, "")
    }

    // MARK: plumbing

    func send(_ method: String, bucket: String, key: String, query: [(String, String)] = [], headers: [(String, String)] = [],
              body: HTTPRequest.Body = .none, into sink: (any ByteSink)? = nil) throws(ExecError) -> HTTPResponse {
        let virtual = config.virtualHosted && !bucket.isEmpty
        let host = virtual ? "\(bucket).\(config.host)" : config.host
        let path = bucket.isEmpty ? "/" : virtual ? "/" + key : "/\(bucket)/\(key)"
        let queryString = query.map { $0.1.isEmpty ? SigV4Signer.uriEncode($0.0) : SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }
            .joined(separator: "&")
        let url = "\(config.scheme)://\(host)\(SigV4Signer.encodePath(path))" + (queryString.isEmpty ? "" : "?" + queryString)
        let unsigned = OSSSigner.Request(method: method, bucket: bucket, key: key, query: query, headers: headers)
        // Temporary keys that expired mid-artifact are fetched again and the request re-sent once (error
        // bodies never reach the sink, and file bodies are re-read with pread, so this is safe).
        func attempt() throws(ExecError) -> HTTPResponse {
            let signed = try config.signer.sign(unsigned, credentials: try config.credentials.credentials(), at: .now())
            var http = HTTPRequest(method: method, url: url, headers: headers + signed, body: body)
            http.proxy = config.proxy
            http.lowSpeedSeconds = config.lowSpeedSeconds
            return try HTTPClient.perform(http, into: sink)
        }
        let response = try attempt()
        guard config.credentials.refreshable, response.status == 403, OSSError.expiredCodes.contains(OSSError.code(response) ?? "") else {
            return response
        }
        config.credentials.invalidate()
        return try attempt()
    }

    func expect(_ r: HTTPResponse, _ ok: Set<Int>, _ operation: String, _ bucket: String, _ key: String) throws(ExecError) {
        guard ok.contains(r.status) else { throw OSSError.from(r, operation: operation, bucket: bucket, key: key) }
    }

    /// Compares the CRC-64 of what was sent with the server's; a mismatch is transient (sent again).
    static func checkCRC(_ r: HTTPResponse, body: HTTPRequest.Body, operation: String, bucket: String, key: String) throws(ExecError) {
        guard let header = r.header("x-oss-hash-crc64ecma"), let theirs = UInt64(header) else { return }
        let ours = try crc(of: body)
        guard ours == theirs else {
            throw ExecError(.internal, "\(operation) oss://\(bucket)/\(key): CRC-64 mismatch (sent \(ours), server has \(theirs))",
                            transient: true)
        }
    }

    static func crc(of body: HTTPRequest.Body) throws(ExecError) -> UInt64 {
        var crc = CRC64()
        switch body {
        case .none: break
        case .bytes(let bytes): crc.update(bytes)
        case .file: throw ExecError(.internal, "CRC of a one-shot file body")
        case .fileRange(let fd, let offset, let length):
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var done: Int64 = 0
            while done < length {
                let want = Int(min(Int64(buffer.count), length - done))
                let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in
                    try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[..<want]), at: offset + done, name: "upload body")
                }
                guard n > 0 else { throw ExecError(.internal, "read upload body: the file ended before the announced length") }
                buffer.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                done += Int64(n)
            }
        }
        return crc.value
    }
}
