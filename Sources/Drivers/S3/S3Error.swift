import Core
import Transport

/// Turns an S3 error response into an `ExecError`, deciding retryability here (docs/conventions.md rule 4) from the
/// S3 error code and HTTP status, as Argo's `s3/errors.go` does: NoSuchKey/NoSuchBucket (and a bare 404 on
/// HEAD) are NotFound so optional inputs can be skipped; throttling, timeouts and 5xx are transient;
/// AccessDenied and signature errors are final.
enum S3Error {
    static let transientCodes: Set<String> = [
        "RequestError", "RequestTimeout", "Throttling", "ThrottlingException", "RequestLimitExceeded", "RequestThrottled",
        "InternalError", "SlowDown", "ServiceUnavailable", "ExpiredToken", "ExpiredTokenException",
    ]

    static func from(_ response: HTTPResponse, operation: String, bucket: String, key: String) -> ExecError {
        let xml = XMLScanner(response.errorBody)
        let code = xml.first("Code") ?? (response.status == 404 ? "NoSuchKey" : "HTTP \(response.status)")
        let message = xml.first("Message") ?? "status \(response.status)"
        var context = ["bucket": bucket, "key": key]
        // A wrong region (PermanentRedirect, AuthorizationHeaderMalformed) names the right one: say it.
        var hint = ""
        if [301, 400].contains(response.status), let region = S3Client.errorRegion(response) {
            context["bucketRegion"] = region
            hint = " (the bucket is in region \(region))"
        }
        let kind: ExecError.Code = switch code {
        case "NoSuchKey", "NoSuchBucket", "NoSuchUpload": .notFound
        case "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken": .forbidden
        default: response.status == 404 ? .notFound : .internal
        }
        let transient = transientCodes.contains(code) || response.status >= 500 || response.status == 429
        return ExecError(kind, "\(operation) s3://\(bucket)/\(key): \(code): \(message)\(hint)", context: context, transient: transient,
                         status: response.status, reason: code)
    }
}
