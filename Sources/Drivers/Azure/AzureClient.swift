import Core
import Signing
import Transport
import ModelBase

/// The Blob service REST calls the Azure driver is built from (`AzureClient+Blobs.swift`), each one request
/// over the shared transport with bodies streamed, authorized by the location's credential: Shared Key
/// signatures (a fresh `x-ms-date` per attempt), a SAS token appended to the query, or a bearer token
/// (fetched again once after a 401). URLs that carry a SAS token never reach an error message.
public struct AzureClient: Sendable {
    /// The REST version sent as `x-ms-version` (what azblob 1.6 sends; Azurite 3.33 and later accept it).
    public static let apiVersion = "2025-01-05"

    public struct Config: Sendable {
        public var endpoint: AzureEndpoint
        public var credentials: AzureCredentialProvider
        public var apiVersion = AzureClient.apiVersion
        public var lowSpeedSeconds = 60

        public init(endpoint: AzureEndpoint, credentials: AzureCredentialProvider) {
            self.endpoint = endpoint
            self.credentials = credentials
        }
    }

    public var config: Config

    public init(_ config: Config) { self.config = config }

    public var container: String { config.endpoint.container }

    /// The same client with `change` applied to its configuration (tests tune timeouts this way).
    public func with(_ change: (inout Config) -> Void) -> AzureClient {
        var copy = self
        change(&copy.config)
        return copy
    }

    /// One request on the container (`blob` nil) or a blob; `query` holds decoded names and values. A 2xx
    /// body streams into `sink`; other answers are returned for the caller to judge.
    func send(_ method: String, blob: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
              body: HTTPRequest.Body = .none, into sink: (any ByteSink)? = nil) throws(ExecError) -> HTTPResponse {
        let endpoint = config.endpoint
        let path = blob.map(endpoint.blobPath) ?? endpoint.containerPath
        let encoded = query.map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }.joined(separator: "&")
        let shown = "\(endpoint.scheme)://\(endpoint.host)\(path)" + (encoded.isEmpty ? "" : "?" + encoded)
        // curl announces the length of every PUT body (0 included); the signature must cover the same value.
        let length: Int64? = switch body {
        case .none: method == "PUT" || method == "POST" ? 0 : nil
        case .bytes(let bytes): Int64(bytes.count)
        case .file(_, let n), .fileRange(_, _, let n): n
        }
        func attempt() throws(ExecError) -> HTTPResponse {
            let all = headers + [("x-ms-date", UTCTime.now().httpDate()), ("x-ms-version", config.apiVersion)]
            let signing = AzureSharedKeySigner.Request(method: method, escapedPath: path, query: query,
                                                       headers: all + (length.map { [("Content-Length", String($0))] } ?? []))
            let (auth, sas) = try config.credentials.authorize(signing)
            let fullQuery = [encoded, sas ?? ""].filter { !$0.isEmpty }.joined(separator: "&")
            let url = "\(endpoint.scheme)://\(endpoint.host)\(path)" + (fullQuery.isEmpty ? "" : "?" + fullQuery)
            var http = HTTPRequest(method: method, url: url, headers: all + auth, body: body)
            http.lowSpeedSeconds = config.lowSpeedSeconds
            do {
                return try HTTPClient.perform(http, into: sink)
            } catch {
                var redacted = error
                redacted.message = redacted.message.replacing(text: url, with: shown)
                throw redacted
            }
        }
        let response = try attempt()
        // An expired or revoked bearer token: fetch a new one and send once more (error bodies never reach
        // the sink, and file bodies are re-read with pread, so this is safe).
        guard config.credentials.refreshable, response.status == 401 else { return response }
        config.credentials.invalidate()
        return try attempt()
    }

    func expect(_ r: HTTPResponse, _ ok: Set<Int>, _ operation: String, _ blob: String) throws(ExecError) {
        guard ok.contains(r.status) else {
            throw AzureError.from(r, operation: operation, container: container, blob: blob,
                                  hint: AzureError.hint(for: config.credentials.kind, response: r))
        }
    }
}
