import Core
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns a GCS JSON API error response into an `ExecError` with googleapi's wording (`googleapi: Error
/// 404: No such object: b/o, notFound`), deciding retryability here (docs/conventions.md rule 4) as
/// cloud.google.com/go/storage's `ShouldRetry` does: 408, 429 and 5xx are transient (Argo's
/// `isTransientGCSErr` adds its generic list, which the transport's own transient flag covers).
enum GCSError {
    /// `{"error": {"code", "message", "errors": [{"reason", "message"}]}}`
    private struct Document: Decodable {
        struct Body: Decodable {
            struct Item: Decodable { var reason: String? }
            var code: Int?
            var message: String?
            var errors: [Item]?
        }
        var error: Body
    }

    /// The error's `reason` (`notFound`, `forbidden`, `rateLimitExceeded`...), when the body is JSON.
    static func reason(_ response: HTTPResponse) -> String? {
        (try? JSONDecoder().decode(Document.self, from: Data(response.errorBody)))?.error.errors?.first?.reason
    }

    /// `missing` is what a 404 means: NotFound for reads (optional inputs are skipped on it), but a bad
    /// request for uploads, whose 404 is a missing bucket and must never pass as a missing output file.
    static func from(_ response: HTTPResponse, operation: String, bucket: String, name: String,
                     missing: ExecError.Code = .notFound) -> ExecError {
        let status = response.status
        let text: String
        var reason: String?
        if let document = try? JSONDecoder().decode(Document.self, from: Data(response.errorBody)) {
            reason = document.error.errors?.first?.reason
            text = "googleapi: Error \(status): \(clip(document.error.message ?? ""))" + (reason.map { ", \(clip($0))" } ?? "")
        } else {
            // googleapi's text for a body that is not a JSON error document.
            text = "googleapi: got HTTP response code \(status) with body: \(clip(response.errorText))"
        }
        let kind: ExecError.Code = switch status {
        case 404, 410: missing
        case 401: .unauthorized
        case 403: .forbidden
        case 400, 411, 412, 413, 416: .badRequest
        default: .internal
        }
        let transient = status == 408 || status == 429 || (500..<600).contains(status)
        let retryAfter = response.retryAfterSeconds.flatMap { $0 > 0 ? Duration.seconds(min($0, 3600)) : nil }
        return ExecError(kind, "\(operation) gs://\(bucket)/\(name): \(text)", context: ["bucket": bucket, "key": name],
                         transient: transient, status: status, retryAfter: retryAfter, reason: reason)
    }

    /// A server-supplied text kept short and on one line, so an error page cannot flood a log line.
    static func clip(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "..." : line
    }
}
