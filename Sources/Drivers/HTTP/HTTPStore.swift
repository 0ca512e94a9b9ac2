import Core
import Model
import Transport

/// HTTP and Artifactory artifacts (Argo's `workflow/artifacts/http/http.go`, `workflow/artifacts/artifacts.go`): GET to load, PUT to save, with the
/// configured headers and Basic, OAuth2 client-credentials or client-certificate authentication.
/// Redirects are followed (at most 10; credentials dropped when the host changes; a 307/308 PUT re-sends
/// its body). 404 is NotFound, so optional inputs are skipped. Uploads of a stream go through a
/// temporary file (the body must be re-readable for redirects); directories cannot be uploaded.
public struct HTTPStore: ArtifactStore {
    public let url: String
    public let headers: [(String, String)]
    public var clientCertPEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var caFile: String?

    public init(url: String, headers: [(String, String)] = []) throws(ExecError) {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ExecError(.badRequest, "http artifact url \"\(url)\" must start with http:// or https://")
        }
        self.url = url
        self.headers = headers
    }

    /// The store for an `http:` location: headers and credentials resolved from secrets.
    public init(_ http: HTTPArtifact, secrets: any SecretResolver) throws(ExecError) {
        var headers = (http.headers ?? []).map { ($0.name, $0.value) }
        let auth = http.auth
        if let oauth = auth?.oauth2, let id = oauth.clientIDSecret, let secret = oauth.clientSecretSecret, let tokenURL = oauth.tokenURLSecret {
            let token = try OAuth2ClientCredentials(tokenURL: try secrets.credential(tokenURL), clientID: try secrets.credential(id),
                                                    clientSecret: try secrets.credential(secret), scopes: oauth.scopes ?? [],
                                                    parameters: (oauth.endpointParams ?? []).map { ($0.key, $0.value ?? "") }).fetch()
            headers.append(("Authorization", "Bearer " + token))
        } else if let basic = auth?.basicAuth, let user = basic.usernameSecret, let password = basic.passwordSecret {
            let (u, p) = (try secrets.credential(user), try secrets.credential(password))
            if !u.isEmpty && !p.isEmpty { headers.append(("Authorization", "Basic " + Base64.encode(Array("\(u):\(p)".utf8)))) }
        }
        try self.init(url: http.url ?? "", headers: headers)
        if let cert = auth?.clientCert, let certSecret = cert.clientCertSecret, let keySecret = cert.clientKeySecret {
            clientCertPEM = try secrets.secret(certSecret)
            clientKeyPEM = try secrets.secret(keySecret)
        }
    }

    /// Artifactory: the same GET/PUT, always with Basic auth and no custom headers.
    public init(_ artifactory: ArtifactoryArtifact, secrets: any SecretResolver) throws(ExecError) {
        let user = try artifactory.usernameSecret.map { (s) throws(ExecError) in try secrets.credential(s) } ?? ""
        let password = try artifactory.passwordSecret.map { (s) throws(ExecError) in try secrets.credential(s) } ?? ""
        try self.init(url: artifactory.url ?? "", headers: [("Authorization", "Basic " + Base64.encode(Array("\(user):\(password)".utf8)))])
    }

    public func load(to destination: Destination) throws(ExecError) {
        try destination.writeFile { (file) throws(ExecError) in try stream(into: file) }
    }

    public func stream(into sink: any ByteSink) throws(ExecError) {
        let response = try HTTPClient.perform(request("GET"), into: sink)
        try check(response, loading: true)
    }

    public func peek(_ count: Int) throws(ExecError) -> [UInt8] {
        var r = request("GET")
        r.headers.append(("Range", "bytes=0-\(max(count, 1) - 1)"))
        let sink = PrefixSink(limit: count)
        do {
            let response = try HTTPClient.perform(r, into: sink)
            if response.status == 416 { return [] }
            try check(response, loading: true)
        } catch where sink.full {
            // The server ignored the Range: the first bytes are enough.
        }
        return sink.bytes
    }

    public func save(_ source: LocalSource) throws(ExecError) {
        guard case .file(let file, let info) = source.node else {
            throw ExecError(.badRequest, "http artifacts can only upload a single file (\(source.label)); use an archive strategy for directories")
        }
        try put(file, size: info.size)
    }

    /// HTTP needs a length up front: the stream goes to an unlinked temporary file first.
    public func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        let spool = try Spool.make()
        try produce(spool.sink)
        try put(spool, size: try spool.info().size)
    }

    /// Argo's HTTP and Artifactory drivers cannot delete.
    public func delete() throws(ExecError) { throw deleteNotSupported }
    public func listObjects() throws(ExecError) -> [String] { throw listNotSupported }

    private func put(_ file: FileDescriptor, size: Int64) throws(ExecError) {
        var r = request("PUT")
        r.body = .fileRange(fd: file.raw, offset: 0, length: size)
        try check(try HTTPClient.perform(r, into: nil), loading: false)
    }

    private func request(_ method: String) -> HTTPRequest {
        var r = HTTPRequest(method: method, url: url, headers: headers)
        r.followRedirects = true
        r.caFile = caFile
        r.clientCertPEM = clientCertPEM
        r.clientKeyPEM = clientKeyPEM
        return r
    }

    private func check(_ response: HTTPResponse, loading: Bool) throws(ExecError) {
        guard !(200..<300).contains(response.status) else { return }
        if response.status == 404 { throw ExecError(.notFound, "\(url): 404 Not Found") }
        let transient = response.status >= 500 || response.status == 429
        throw ExecError(response.status == 401 || response.status == 403 ? .forbidden : .internal,
                        loading ? "loading content from \(url) failed with reason: \(response.status)"
                            : "saving content to \(url) failed with reason: \(response.status)",
                        transient: transient, status: response.status)
    }
}

/// Keeps the first `limit` bytes, then stops the transfer.
final class PrefixSink: ByteSink {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    var full: Bool { bytes.count >= limit }

    init(limit: Int) { self.limit = limit }

    func write(_ buffer: UnsafeRawBufferPointer) throws(ExecError) {
        bytes += buffer.prefix(limit - bytes.count)
        if full { throw ExecError(.internal, "prefix complete") }
    }

    func finish() throws(ExecError) {}
}
