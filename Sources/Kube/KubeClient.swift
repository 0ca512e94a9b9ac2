import Core
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON over the shared libcurl transport to the Kubernetes API. TLS is always verified (against the
/// service-account CA in a pod). A 401 re-reads a file token and re-sends once (rotated bound tokens);
/// other failures become `ExecError`s whose retryability is decided here (`KubeStatus`).
public struct KubeClient: Sendable {
    public let config: KubeConfig

    public init(_ config: KubeConfig) { self.config = config }

    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// One request; non-2xx answers throw with the server's Status message.
    @discardableResult
    public func send(_ method: String, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json") throws(ExecError) -> Response {
        func attempt() throws(ExecError) -> (HTTPResponse, [UInt8]) {
            var headers = [("Accept", "application/json"), ("User-Agent", "argoexec-swift")]
            if body != nil { headers.append(("Content-Type", contentType)) }
            if let token = config.token { headers.append(("Authorization", "Bearer " + (try token.current()))) }
            var request = HTTPRequest(method: method, url: config.server + path, headers: headers, body: body.map { .bytes($0) } ?? .none)
            request.caFile = config.caFile
            request.caPEM = config.caPEM
            request.connectTimeoutMs = 10_000
            request.totalTimeoutSeconds = config.requestTimeoutSeconds ?? 60
            let sink = MemorySink()
            let response = try HTTPClient.perform(request, into: sink)
            return (response, sink.bytes)
        }
        var (response, bytes) = try attempt()
        if response.status == 401, let token = config.token, token.isRefreshable {
            token.invalidate()
            (response, bytes) = try attempt()
        }
        guard (200..<300).contains(response.status) else { throw KubeStatus.error(response, method: method, path: path) }
        return Response(status: response.status, body: bytes)
    }

    public func get<T: Decodable>(_ type: T.Type, _ path: String) throws(ExecError) -> T {
        try Self.decode(type, try send("GET", path).body, what: path)
    }

    public func create<T: Encodable>(_ path: String, _ object: T) throws(ExecError) {
        try send("POST", path, body: try Self.encode(object))
    }

    /// JSON merge patch (RFC 7386), the kind the executor sends for task results and annotations.
    public func mergePatch<T: Encodable>(_ path: String, _ patch: T) throws(ExecError) {
        try send("PATCH", path, body: try Self.encode(patch), contentType: "application/merge-patch+json")
    }

    static func encode<T: Encodable>(_ value: T) throws(ExecError) -> [UInt8] {
        do {
            // Deterministic bytes (sorted keys) without `\/`, so logs and annotation values compare stably.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Array(try encoder.encode(value))
        } catch {
            throw ExecError(.internal, "cannot encode \(T.self) as JSON", cause: SendableErrorText(error))
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], what: String) throws(ExecError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw ExecError(.internal, "unexpected answer from the Kubernetes API for \(what)", cause: SendableErrorText(error))
        }
    }
}
