import Core
import Signing
import Transport

/// One access-token fetch for a `GCSCredentialProvider.Source`, as golang.org/x/oauth2 makes it:
/// - service account: POST `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>` to the
///   key's `token_uri`, the JWT claiming iss = client_email, scope, aud = token_uri, iat = now - 10 s and
///   exp = iat + 1 h (oauth2 `jws.ClaimSet.encode` backdates for clock skew);
/// - authorized_user: POST `grant_type=refresh_token` with client id and secret in the form (AuthStyleInParams);
/// - metadata: GET `http://<host>/computeMetadata/v1/instance/service-accounts/default/token?scopes=...`
///   with `Metadata-Flavor: Google` (cloud.google.com/go/compute/metadata).
/// Answers `{"access_token", "expires_in", "token_type"}`. Errors name the endpoint and the OAuth error
/// code, never the assertion, the refresh token or the token.
struct GCSTokenRequest {
    let source: GCSCredentialProvider.Source

    func fetch() throws(ExecError) -> GCSCredentialProvider.Token {
        switch source {
        case .anonymous:
            return GCSCredentialProvider.Token(value: "", refreshAt: nil)
        case .serviceAccount(let email, let signer, let tokenURI, let scopes):
            let iat = UTCTime.now().secondsSinceEpoch - 10
            let assertion = try signer.sign([("iss", .string(email)), ("scope", .string(scopes.joined(separator: " "))),
                                             ("aud", .string(tokenURI)), ("exp", .number(iat + 3600)), ("iat", .number(iat))])
            return try post(tokenURI, [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)],
                            what: "service account token request to \(tokenURI)")
        case .authorizedUser(let clientID, let clientSecret, let refreshToken, let tokenURI):
            return try post(tokenURI, [("client_id", clientID), ("client_secret", clientSecret), ("grant_type", "refresh_token"),
                                       ("refresh_token", refreshToken)], what: "refresh token request to \(tokenURI)")
        case .metadata(let host, let scopes):
            let scopeQuery = scopes.isEmpty ? "" : "?scopes=" + SigV4Signer.uriEncode(scopes.joined(separator: ","))
            var request = HTTPRequest(method: "GET", url: "http://\(host)/computeMetadata/v1/instance/service-accounts/default/token" + scopeQuery,
                                      headers: [("Metadata-Flavor", "Google")])
            request.connectTimeoutMs = 3000
            request.proxy = ""  // the metadata server is link-local: never through a proxy (Go's metadata client dials directly)
            // Reached only when no credentials file was found (Application Default Credentials' last resort).
            return try call(request, what: "GCE metadata server \(host) (Application Default Credentials: "
                + "no GOOGLE_APPLICATION_CREDENTIALS, no gcloud application_default_credentials.json)")
        }
    }

    private func post(_ url: String, _ form: [(String, String)], what: String) throws(ExecError) -> GCSCredentialProvider.Token {
        let body = form.map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }.joined(separator: "&")
        let request = HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                  body: .bytes(Array(body.utf8)))
        return try call(request, what: what)
    }

    private func call(_ request: HTTPRequest, what: String) throws(ExecError) -> GCSCredentialProvider.Token {
        let fetched = try OAuthTokenAnswer.fetch(request) { error in
            ExecError(error.code, "\(what) failed", cause: error, transient: error.isTransient)
        }
        let (ok, answer, response) = (fetched.succeeded, fetched.document, fetched)
        guard ok else {
            // oauth2's RetrieveError: the status and the server's error code and description.
            let detail = answer?.error.map { ": \(GCSError.clip($0))" + (answer?.error_description.map { " \(GCSError.clip($0))" } ?? "") } ?? ""
            let status = response.status
            throw ExecError(status == 400 || status == 401 || status == 403 ? .forbidden : .internal,
                            "oauth2: cannot fetch token: \(what) answered \(status)\(detail)",
                            transient: status == 408 || status == 429 || status >= 500, status: status, reason: answer?.error)
        }
        guard let token = answer?.access_token, !token.isEmpty else {
            throw ExecError(.internal, "oauth2: server response missing access_token (\(what))")
        }
        guard token.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\u{7F}" && ($0.asciiValue ?? 0) >= 0x20 }) else {
            throw ExecError(.internal, "\(what) answered a token that cannot be sent in a header")
        }
        // Fetched again a little before it expires: at most 5 minutes early, at most halfway through its life.
        // A lifetime past a day (a hostile or broken answer) is taken as a day.
        let refreshAt = answer?.expires_in?.value.flatMap { (e: Int64) -> UTCTime? in
            guard e > 0 else { return nil }
            let life = min(e, 86_400)
            return UTCTime.now().adding(.seconds(life - min(300, life / 2)))
        }
        return GCSCredentialProvider.Token(value: token, refreshAt: refreshAt)
    }
}
