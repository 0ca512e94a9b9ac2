import Core
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A Kubernetes `Status` failure body, turned into an `ExecError` where it is received (docs/conventions.md rule 4):
/// the reason (`AlreadyExists`, `NotFound`, `Conflict`, `Forbidden`, ...) goes into the context so callers
/// can branch on it; 5xx, 429 (with `Retry-After`) and timeouts are transient; 401/403/404/409/422 are not.
/// Only `message` and `reason` are read: the numeric `code` repeats the HTTP status, and decoding it (an
/// `Int` that a proxy could send as 1e400) could only lose the message.
struct KubeStatus: Decodable {
    var message: String?
    var reason: String?

    static func error(_ response: HTTPResponse, method: String, path: String) -> ExecError {
        let parsed = try? JSONDecoder().decode(KubeStatus.self, from: Data(response.errorBody))
        let reason = parsed?.reason ?? defaultReason(response.status)
        let message = parsed?.message ?? (response.errorText.isEmpty ? "status \(response.status)" : response.errorText)
        let context = ["method": method, "path": path]
        // client-go's Atoi reading; `Double` took "inf" and "1e300", which became a trapping sleep.
        let retryAfter = response.retryAfterSeconds.flatMap { $0 > 0 ? Duration.seconds($0) : nil }
        let code: ExecError.Code = switch response.status {
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 408, 504: .timeout
        case 400, 409, 413, 415, 422: .badRequest
        default: .internal
        }
        let transient = response.status >= 500 || response.status == 429 || response.status == 408
        // client-go's `StatusError.Error()` is the Status message alone, and Argo's termination messages
        // carry it as is; method and path stay in the context (and the text when the server sent no Status).
        let text = parsed?.message ?? "\(method) \(path): \(reason): \(message)"
        return ExecError(code, text, context: context, transient: transient, status: response.status, retryAfter: retryAfter,
                         reason: reason)
    }

    static func defaultReason(_ status: Int) -> String {
        switch status {
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 409: "Conflict"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 503: "ServiceUnavailable"
        default: "HTTP \(status)"
        }
    }
}

extension ExecError {
    /// The Kubernetes `Status` reason of an API error (`AlreadyExists`, `NotFound`, ...), if any.
    public var kubeReason: String? { reason }
}
