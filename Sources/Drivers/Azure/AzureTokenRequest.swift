import Core
import Signing
import Transport

/// One token request of the credential chain (azidentity's ClientSecretCredential, WorkloadIdentityCredential,
/// ManagedIdentityCredential): the OAuth 2.0 client-credentials grant at
/// `<authority>/<tenant>/oauth2/v2.0/token` (a client secret or the federated token as client assertion), or
/// IMDS's `GET /metadata/identity/oauth2/token`. Errors name the endpoint and the identity service's own
/// `error`/`error_description`, never the secret, the assertion or the token.
enum AzureTokenRequest {
    static func fetch(_ source: AzureCredentialProvider.Source) throws(ExecError) -> AzureCredentialProvider.Token {
        switch source {
        case .sharedKey, .sas:
            throw ExecError(.internal, "no token for a key or SAS credential")
        case .clientSecret(let tenant, let client, let secret, let authority):
            return try oauth(authority: authority, tenant: tenant, what: "ClientSecretCredential",
                             form: [("client_id", client), ("client_secret", secret)])
        case .workloadIdentity(let tenant, let client, let file, let authority):
            let assertion = String(decoding: try FileIO.readAll(file, limit: 1 << 20), as: UTF8.self).trimmingSpaces()
            guard !assertion.isEmpty else { throw ExecError(.badRequest, "WorkloadIdentityCredential: AZURE_FEDERATED_TOKEN_FILE \(file) is empty") }
            return try oauth(authority: authority, tenant: tenant, what: "WorkloadIdentityCredential",
                             form: [("client_id", client), ("client_assertion", assertion),
                                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")])
        case .managedIdentity(let endpoint, let client):
            var query = "api-version=2018-02-01&resource=" + SigV4Signer.uriEncode(AzureCredentialProvider.resource)
            if let client { query += "&client_id=" + SigV4Signer.uriEncode(client) }
            let url = trimmingSlash(endpoint) + "/metadata/identity/oauth2/token"
            var request = HTTPRequest(method: "GET", url: url + "?" + query, headers: [("Metadata", "true")])
            request.connectTimeoutMs = 2000
            do {
                return try call(request, what: "ManagedIdentityCredential at \(url)")
            } catch {
                throw ExecError(error.code, error.message + " (useSDKCreds: no service principal (AZURE_TENANT_ID, AZURE_CLIENT_ID, "
                    + "AZURE_CLIENT_SECRET) or workload identity (AZURE_FEDERATED_TOKEN_FILE) is configured, so the managed identity was asked)",
                    transient: error.isTransient, status: error.status)
            }
        }
    }

    static func oauth(authority: String, tenant: String, what: String, form: [(String, String)]) throws(ExecError) -> AzureCredentialProvider.Token {
        let url = trimmingSlash(authority) + "/" + SigV4Signer.uriEncode(tenant) + "/oauth2/v2.0/token"
        let body = (form + [("grant_type", "client_credentials"), ("scope", AzureCredentialProvider.scope)])
            .map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }.joined(separator: "&")
        let request = HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                  body: .bytes(Array(body.utf8)))
        return try call(request, what: "\(what) at \(url)")
    }

    static func trimmingSlash(_ url: String) -> String {
        var s = Substring(url)
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    static func call(_ request: HTTPRequest, what: String) throws(ExecError) -> AzureCredentialProvider.Token {
        let answer = try OAuthTokenAnswer.fetch(request) { error in
            ExecError(error.code, "\(what): \(error.message)", context: error.context, transient: error.isTransient)
        }
        let (r, document) = (answer, answer.document)
        guard r.status == 200 else {
            let detail = document.map { "\($0.error ?? "HTTP \(r.status)"): \($0.error_description.map { String($0.prefix(400)) } ?? "")" }
            throw ExecError(r.status == 400 || r.status == 401 || r.status == 403 ? .unauthorized : .internal,
                            "\(what): \(detail ?? "HTTP \(r.status)")", transient: AzureError.retryableStatuses.contains(r.status), status: r.status)
        }
        guard let document, let token = document.access_token, !token.isEmpty else {
            throw ExecError(.internal, "\(what) answered 200 without an access_token")
        }
        // Bounded to a week from now whatever the document says (no overflow from a hostile number).
        let now = UTCTime.now().secondsSinceEpoch, week: Int64 = 7 * 86_400
        let expiresOn: Int64 = if let lifetime = document.expires_in?.value, lifetime > 0 {
            now + min(lifetime, week)
        } else if let on = document.expires_on?.value {
            min(max(on, now), now + week)
        } else {
            now + 300
        }
        return AzureCredentialProvider.Token(value: token, expiresOn: expiresOn)
    }
}
