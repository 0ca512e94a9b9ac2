import Core
import Transport

/// Turns a Blob service error answer into an `ExecError`, deciding code and retryability here (docs/conventions.md
/// rule 4). The service's `<Error><Code>…</Code><Message>…</Message></Error>` body (or, for HEAD, the
/// `x-ms-error-code` header) names the cause; the message keeps its first line (the rest is the request id
/// and time) and `AuthenticationErrorDetail` is left out (it quotes the request's signature). Retried, as
/// azcore's retry policy does: 408, 429, 500, 502, 503, 504 (transport failures are marked by Transport).
enum AzureError {
    static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    static func code(_ response: HTTPResponse) -> String? {
        XMLScanner(response.errorBody).first("Code") ?? response.header("x-ms-error-code")
    }

    static func from(_ response: HTTPResponse, operation: String, container: String, blob: String, hint: String? = nil) -> ExecError {
        let xml = XMLScanner(response.errorBody)
        let code = xml.first("Code") ?? response.header("x-ms-error-code") ?? "HTTP \(response.status)"
        var message = xml.first("Message").map { String($0.prefix { $0 != "\n" && $0 != "\r" }) } ?? "status \(response.status)"
        if let hint { message += " (\(hint))" }
        var context = ["container": container, "blob": blob]
        if let id = response.header("x-ms-request-id") { context["requestId"] = id }
        // A missing container is a wrong location, not a missing artifact: an optional input is not skipped
        // over it (Argo treats only BlobNotFound as NotFound).
        let kind: ExecError.Code = switch response.status {
        case 404 where code == "ContainerNotFound": .badRequest
        case 404: .notFound
        case 403: .forbidden
        case 401: .unauthorized
        case 400, 409, 412, 416: .badRequest
        default: .internal
        }
        let retryAfter = response.retryAfterSeconds.flatMap { $0 > 0 ? Duration.seconds(min($0, 3600)) : nil }
        return ExecError(kind, "\(operation) \(name(container, blob)): \(code): \(message)", context: context,
                         transient: retryableStatuses.contains(response.status), status: response.status, retryAfter: retryAfter, reason: code)
    }

    /// How errors name a blob: `azure://<container>/<blob>`.
    static func name(_ container: String, _ blob: String) -> String { "azure://\(container)/\(blob)" }

    /// What a 403 or 401 most likely means for the way this client authenticates.
    static func hint(for auth: AzureCredentialProvider.Kind, response: HTTPResponse) -> String? {
        guard response.status == 403 || response.status == 401 else { return nil }
        let code = code(response) ?? ""
        switch auth {
        case .sharedKey where code == "AuthenticationFailed":
            return "check the account key in accountKeySecret and the account name the endpoint gives"
        case .sas where code.hasPrefix("Authentication") || code.hasPrefix("Authorization"):
            return "check the SAS token in accountKeySecret: its signature, expiry (se) and permissions (sp)"
        case .token:
            return "check the identity's role assignment on the storage account (Storage Blob Data Contributor)"
        default:
            return nil
        }
    }
}
