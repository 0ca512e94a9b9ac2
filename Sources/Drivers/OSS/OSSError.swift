import Core
import Transport

/// Turns an OSS error response into an `ExecError`, deciding retryability here (docs/conventions.md rule 4) with
/// Argo's list of transient OSS codes (`oss.go`) plus 5xx and 429. Unlike Argo, NoSuchKey is NotFound,
/// so optional inputs are skipped instead of retried for 30 s and failed (Argo's `workflow/artifacts/oss/oss.go`).
enum OSSError {
    static let transientCodes: Set<String> = [
        "RequestTimeout", "QuotaExceeded.Refresh", "Default", "ServiceUnavailable", "Throttling", "RequestTimeTooSkewed",
        "SocketException", "SocketTimeout", "ServiceBusy", "DomainNetWorkVisitedException", "ConnectionTimeout",
        "CachedTimeTooLarge", "InternalError",
    ]
    /// Codes that mean the temporary credentials need fetching again.
    static let expiredCodes: Set<String> = ["SecurityTokenExpired", "InvalidSecurityToken"]

    static func code(_ response: HTTPResponse) -> String? { XMLScanner(response.errorBody).first("Code") }

    static func from(_ response: HTTPResponse, operation: String, bucket: String, key: String) -> ExecError {
        let xml = XMLScanner(response.errorBody)
        let code = xml.first("Code") ?? (response.status == 404 ? "NoSuchKey" : "HTTP \(response.status)")
        let message = xml.first("Message") ?? "status \(response.status)"
        var context = ["bucket": bucket, "key": key]
        if let id = xml.first("RequestId") ?? response.header("x-oss-request-id") { context["requestId"] = id }
        let kind: ExecError.Code = switch code {
        case "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NoSuchLifecycle": .notFound
        case "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidSecurityToken", "SecurityTokenExpired": .forbidden
        default: response.status == 404 ? .notFound : response.status == 403 ? .forbidden : .internal
        }
        let transient = transientCodes.contains(code) || response.status >= 500 || response.status == 429
        return ExecError(kind, "\(operation) oss://\(bucket)/\(key): \(code): \(message)", context: context, transient: transient,
                         status: response.status, reason: code)
    }
}
