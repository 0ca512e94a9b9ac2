import Core
import Signing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Google credential JSON files, read as golang.org/x/oauth2's `google` package reads them. Errors name the
/// file or the secret and the field, never a value from it.
extension GCSCredentialProvider {
    /// The fields of the credential file types used here (oauth2 `google.credentialsFile`).
    struct CredentialsFile: Decodable {
        var type: String?
        var client_email: String?
        var private_key: String?
        var private_key_id: String?
        var token_uri: String?
        var client_id: String?
        var client_secret: String?
        var refresh_token: String?
    }

    /// A `serviceAccountKeySecret`: Argo calls `google.CredentialsFromJSONWithType(json, google.ServiceAccount,
    /// storage.ScopeReadWrite)`, so any other type (authorized_user, external_account...) is refused with
    /// oauth2's text, prefixed as Argo wraps it (`workflow/artifacts/gcs/gcs.go` newGCSClientWithCredential).
    public static func serviceAccountKey(_ json: [UInt8]) throws(ExecError) -> GCSCredentialProvider {
        let what = "GCS client CredentialsFromJSONWithType"
        let file = try decode(json, what: "\(what): serviceAccountKeySecret")
        guard file.type == "service_account" else {
            throw ExecError(.badRequest, "\(what): google: expected credential type \"service_account\", found \"\(GCSError.clip(file.type ?? ""))\"")
        }
        return try serviceAccount(file, scopes: readWriteScopes, what: "\(what): serviceAccountKeySecret")
    }

    /// An Application Default Credentials file (`GOOGLE_APPLICATION_CREDENTIALS` or gcloud's well-known file):
    /// service_account or authorized_user, with the storage client's default scopes. Workload identity
    /// federation (`external_account`) and impersonation files are refused by name.
    public static func applicationDefault(_ json: [UInt8], path: String) throws(ExecError) -> GCSCredentialProvider {
        let what = "google: error getting credentials using \(path)"
        let file = try decode(json, what: what)
        switch file.type {
        case "service_account":
            return try serviceAccount(file, scopes: defaultScopes, what: what)
        case "authorized_user":
            guard let id = file.client_id, !id.isEmpty, let secret = file.client_secret, !secret.isEmpty,
                  let refresh = file.refresh_token, !refresh.isEmpty else {
                throw ExecError(.badRequest, "\(what): an authorized_user file needs client_id, client_secret and refresh_token")
            }
            return GCSCredentialProvider(.authorizedUser(clientID: id, clientSecret: secret, refreshToken: refresh,
                                                         tokenURI: nonEmpty(file.token_uri) ?? googleTokenURI))
        case let other:
            throw ExecError(.badRequest, "\(what): credential type \"\(GCSError.clip(other ?? ""))\" is not supported by argoexec "
                + "(service_account and authorized_user are; on GKE use Workload Identity through the metadata server)")
        }
    }

    private static func serviceAccount(_ file: CredentialsFile, scopes: [String], what: String) throws(ExecError) -> GCSCredentialProvider {
        guard let email = nonEmpty(file.client_email) else { throw ExecError(.badRequest, "\(what): client_email is missing") }
        guard let pem = nonEmpty(file.private_key) else { throw ExecError(.badRequest, "\(what): private_key is missing") }
        let signer: JWTSigner
        do {
            signer = try JWTSigner(privateKeyPEM: Array(pem.utf8), keyID: file.private_key_id)
        } catch {
            throw ExecError(.badRequest, "\(what): \(error.message)")
        }
        let tokenURI = nonEmpty(file.token_uri) ?? googleTokenURI
        guard tokenURI.hasPrefix("https://") || tokenURI.hasPrefix("http://") else {
            throw ExecError(.badRequest, "\(what): token_uri is not an http(s) URL")
        }
        return GCSCredentialProvider(.serviceAccount(email: email, signer: signer, tokenURI: tokenURI, scopes: scopes))
    }

    private static func decode(_ json: [UInt8], what: String) throws(ExecError) -> CredentialsFile {
        do {
            return try JSONDecoder().decode(CredentialsFile.self, from: Data(json))
        } catch {
            // The decoder's text may quote the input: only say where it failed.
            throw ExecError(.badRequest, "\(what) is not a JSON credentials object")
        }
    }

    private static func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
}
