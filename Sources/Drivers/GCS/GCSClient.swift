import Core
import ModelBase
import Signing
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The GCS JSON API calls the driver is built from (docs/artifacts.md#gcs), each one request over the shared
/// transport with a bearer token, bodies streamed: media download (`alt=media`, ranged), listing pages,
/// delete, one-request media upload, and the resumable upload session (`GCSResumableUpload`). Object names
/// are percent-encoded as one path segment (`a/b` → `a%2Fb`).
public struct GCSClient: Sendable {
    public struct Config: Sendable {
        /// `scheme://host[:port][/path]`: `https://storage.googleapis.com`, an emulator, an endpoint.
        public var root: String
        public var credentials: GCSCredentialProvider
        public var lowSpeedSeconds = 60

        public init(root: String, credentials: GCSCredentialProvider) {
            self.root = root
            self.credentials = credentials
        }
    }

    public var config: Config

    public init(_ config: Config) { self.config = config }

    public struct Object: Sendable, Equatable {
        public var name: String
        public var size: Int64
    }

    public struct Listing: Sendable {
        public var objects: [Object] = []
        public var prefixes: [String] = []
        public var next: String?
    }

    static func escape(_ s: String) -> String { SigV4Signer.uriEncode(s) }

    func objectURL(_ bucket: String, _ name: String) -> String {
        "\(config.root)/storage/v1/b/\(Self.escape(bucket))/o/\(Self.escape(name))"
    }

    // MARK: objects

    /// The object's bytes into `sink` (`range` resumes or peeks: `bytes=N-`).
    public func get(bucket: String, name: String, into sink: any ByteSink, range: String? = nil) throws(ExecError) -> HTTPResponse {
        let r = try send("GET", objectURL(bucket, name) + "?alt=media", headers: range.map { [("Range", $0)] } ?? [], into: sink)
        try expect(r, [200, 206], "storage.objects.get", bucket, name)
        return r
    }

    /// One page of `objects.list` (names and sizes only).
    public func list(bucket: String, prefix: String, delimiter: String? = nil, pageToken: String? = nil,
                     maxResults: Int = 1000) throws(ExecError) -> Listing {
        var query = "prefix=\(Self.escape(prefix))&maxResults=\(maxResults)&fields=" + Self.escape("items(name,size),prefixes,nextPageToken")
        if let delimiter { query += "&delimiter=" + Self.escape(delimiter) }
        if let pageToken { query += "&pageToken=" + Self.escape(pageToken) }
        let body = MemorySink(limit: 32 << 20)
        let r = try send("GET", "\(config.root)/storage/v1/b/\(Self.escape(bucket))/o?" + query, into: body)
        try expect(r, [200], "storage.objects.list", bucket, prefix)
        return try Self.listing(body.bytes, what: "storage.objects.list gs://\(bucket)/\(prefix)")
    }

    struct Page: Decodable {
        struct Item: Decodable {
            var name: String
            var size: String?
        }
        var items: [Item]?
        var prefixes: [String]?
        var nextPageToken: String?
    }

    /// A page as the API spells it; `size` is an int64 in a string, and one that is not fails the page.
    static func listing(_ bytes: [UInt8], what: String) throws(ExecError) -> Listing {
        let page: Page
        do {
            page = try JSONDecoder().decode(Page.self, from: Data(bytes))
        } catch {
            throw ExecError(.internal, "\(what): the answer is not an object listing", cause: SendableErrorText(error))
        }
        var listing = Listing(prefixes: page.prefixes ?? [], next: page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 })
        listing.objects = try (page.items ?? []).map { (item) throws(ExecError) in
            guard let size = Int64(item.size ?? "0"), size >= 0 else {
                throw ExecError(.internal, "\(what): size \"\(GCSError.clip(item.size ?? ""))\" of \(item.name) is not an int64")
            }
            return Object(name: item.name, size: size)
        }
        return listing
    }

    public func delete(bucket: String, name: String) throws(ExecError) {
        let r = try send("DELETE", objectURL(bucket, name))
        try expect(r, [200, 204], "storage.objects.delete", bucket, name)
    }

    /// A whole object in one request (`uploadType=media`).
    public func insert(bucket: String, name: String, body: HTTPRequest.Body, contentType: String) throws(ExecError) {
        let url = "\(config.root)/upload/storage/v1/b/\(Self.escape(bucket))/o?uploadType=media&name=\(Self.escape(name))"
        let r = try send("POST", url, headers: [("Content-Type", contentType)], body: body)
        try expect(r, [200, 201], "storage.objects.insert", bucket, name, missing: .badRequest)
    }

    // MARK: plumbing

    /// One request with the bearer token. A 401 (an expired or revoked token) fetches a new token and
    /// sends once more, as the token is the only thing that changed (file bodies are re-read with pread;
    /// error bodies never reach the sink). `Authorization` goes only to the configured root's origin: an
    /// upload session URL elsewhere is sent without it (the session URL is its own credential).
    func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: HTTPRequest.Body = .none,
              into sink: (any ByteSink)? = nil) throws(ExecError) -> HTTPResponse {
        let authorized = Self.origin(url) == Self.origin(config.root)
        func attempt() throws(ExecError) -> HTTPResponse {
            var all = headers
            if authorized, let token = try config.credentials.authorization() { all.append(("Authorization", token)) }
            var request = HTTPRequest(method: method, url: url, headers: all, body: body)
            request.lowSpeedSeconds = config.lowSpeedSeconds
            return try HTTPClient.perform(request, into: sink)
        }
        let response = try attempt()
        guard authorized, response.status == 401, !config.credentials.anonymous else { return response }
        config.credentials.invalidate()
        return try attempt()
    }

    /// `scheme://host[:port]` of a URL, lower-cased.
    static func origin(_ url: String) -> String {
        guard let r = url.firstRange(ofText: "://") else { return "" }
        return (url[..<r.upperBound] + url[r.upperBound...].prefix { $0 != "/" && $0 != "?" }).lowercased()
    }

    func expect(_ r: HTTPResponse, _ ok: Set<Int>, _ operation: String, _ bucket: String, _ name: String,
                missing: ExecError.Code = .notFound) throws(ExecError) {
        guard ok.contains(r.status) else { throw GCSError.from(r, operation: operation, bucket: bucket, name: name, missing: missing) }
    }
}
