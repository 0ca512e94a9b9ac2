import Core
import Logging
import Synchronization
import Transport

/// One executor plugin sidecar's RPC endpoint (Argo's `workflow/util/plugin/plugin.go` `Client` behind
/// `workflow/executor/plugins/rpc/plugin.go`): JSON POSTed to `<address>/api/v1/<method>` with the plugin's bearer
/// token, 30 s per call, retried (1 s, x2, jitter 0.2, 5 attempts) when the sidecar is not up yet (connection
/// refused), answers 503 or the exchange fails transiently. A 404 means the plugin does not implement the
/// method: it is not called for it again and the call answers nil.
final class PluginClient: Sendable {
    let name: String
    let address: String
    private let token: String
    private let invalid = Mutex<Set<String>>([])
    private let backoff: Backoff
    private let timeoutSeconds: Int
    private let bodyLimit = 3 << 20

    init(name: String, address: String, token: String,
         backoff: Backoff = Backoff(steps: 5, duration: .seconds(1), factor: 2, jitter: 0.2), timeoutSeconds: Int = 30) {
        self.name = name
        self.address = address
        self.token = token
        self.backoff = backoff
        self.timeoutSeconds = timeoutSeconds
    }

    /// The reply body of a 200, or nil when the plugin does not implement `method`.
    func call(_ method: String, body: [UInt8], logger: Logger) throws(ExecError) -> [UInt8]? {
        if invalid.withLock({ $0.contains(method) }) { return nil }
        return try backoff.retrySync { (error: ExecError) in
            logger.debug("Plugin returned error", metadata: ["plugin": "\(name)", "error": "\(error.description)"])
            return error.isTransient
        } _: { () throws(ExecError) -> [UInt8]? in try attempt(method, body: body, logger: logger) }
    }

    private func attempt(_ method: String, body: [UInt8], logger: Logger) throws(ExecError) -> [UInt8]? {
        var request = HTTPRequest(method: "POST", url: "\(address)/api/v1/\(method)",
                                  headers: [("Content-Type", "application/json"), ("Authorization", "Bearer " + token)], body: .bytes(body))
        request.totalTimeoutSeconds = timeoutSeconds
        request.lowSpeedSeconds = 0
        let sink = MemorySink(limit: bodyLimit)
        let response: HTTPResponse
        do {
            response = try HTTPClient.perform(request, into: sink)
        } catch {
            // Connection refused (the sidecar is still starting) is transient in the transport already.
            throw ExecError(error.code, "Post \"\(request.url)\": \(Self.curlText(error, request))", transient: error.isTransient)
        }
        logger.debug("Called plugin", metadata: ["plugin": "\(name)", "statusCode": "\(response.status)"])
        switch response.status {
        case 200:
            return sink.bytes
        case 404:
            logger.info("method not found, not calling again", metadata: ["plugin": "\(name)", "method": "\(method)"])
            invalid.withLock { _ = $0.insert(method) }
            return nil
        case 503:
            throw ExecError(.internal, response.errorText, transient: true, status: 503)
        default:
            throw ExecError(.internal, "\(response.status) \(Self.statusText(response.status)): \(response.errorText)", status: response.status)
        }
    }

    private static func curlText(_ error: ExecError, _ request: HTTPRequest) -> String {
        let prefix = "\(request.method) \(request.url): "
        return error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
    }

    /// Go's `http.StatusText` for the statuses a plugin is likely to send.
    static func statusText(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}
