import ModelBase
import Core
import Signing
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// OAuth2 client-credentials grant (Argo's `workflow/artifacts/http/http.go`): POST `grant_type=client_credentials` (+ scope and
/// endpoint parameters) to the token URL, client id and secret by HTTP Basic first and in the form body if
/// the server rejects that, as Go's oauth2 package does; returns the access token.
struct OAuth2ClientCredentials {
    let tokenURL: String
    let clientID: String
    let clientSecret: String
    let scopes: [String]
    let parameters: [(String, String)]

    func fetch() throws(ExecError) -> String {
        var form = [("grant_type", "client_credentials")]
        if !scopes.isEmpty { form.append(("scope", scopes.joined(separator: " "))) }
        form += parameters
        let basic = ("Authorization", "Basic " + Base64.encode(Array("\(escape(clientID)):\(escape(clientSecret))".utf8)))
        if let token = try request(form, headers: [basic]) { return token }
        if let token = try request(form + [("client_id", clientID), ("client_secret", clientSecret)], headers: []) { return token }
        throw ExecError(.forbidden, "oauth2 token request to \(tokenURL) was refused")
    }

    private func request(_ form: [(String, String)], headers: [(String, String)]) throws(ExecError) -> String? {
        let body = Array(form.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&").utf8)
        var r = HTTPRequest(method: "POST", url: tokenURL,
                            headers: headers + [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                            body: .bytes(body))
        r.totalTimeoutSeconds = 60
        let sink = MemorySink(limit: 1 << 20)
        let response = try HTTPClient.perform(r, into: sink)
        if response.status == 400 || response.status == 401 { return nil }
        guard (200..<300).contains(response.status) else {
            throw ExecError(.internal, "oauth2 token request to \(tokenURL) failed with status \(response.status)",
                            transient: response.status >= 500)
        }
        struct Token: Decodable { var access_token: String }
        guard let token = try? JSONDecoder().decode(Token.self, from: Data(sink.bytes)), !token.access_token.isEmpty else {
            throw ExecError(.internal, "oauth2 token response from \(tokenURL) has no access_token")
        }
        return token.access_token
    }

    private func escape(_ s: String) -> String { SigV4Signer.uriEncode(s) }
}
