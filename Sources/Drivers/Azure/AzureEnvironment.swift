import Core

/// The Azure identity settings the CLI read from the process environment for `useSDKCreds` (nothing below
/// the CLI reads it), and the credential chain built from them in azidentity's DefaultAzureCredential order
/// (Argo calls `azidentity.NewDefaultAzureCredential(nil)`): EnvironmentCredential with a client secret
/// (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`), WorkloadIdentityCredential
/// (`AZURE_FEDERATED_TOKEN_FILE` with the tenant and client ids, as the AKS workload identity webhook
/// injects them), then ManagedIdentityCredential through IMDS (`AZURE_CLIENT_ID` selects a user-assigned
/// identity; `AZURE_POD_IDENTITY_AUTHORITY_HOST` replaces the IMDS address, as MSAL honours it). Tokens come
/// from `AZURE_AUTHORITY_HOST` (default `https://login.microsoftonline.com/`). Certificate and
/// username/password environment credentials, App Service / Arc / Cloud Shell managed identity and the
/// developer-tool credentials (Azure CLI, azd) are not implemented (docs/artifacts.md, "Azure").
public struct AzureEnvironment: Sendable {
    public var tenantID: String?
    public var clientID: String?
    public var clientSecret: String?
    public var federatedTokenFile: String?
    public var authorityHost: String?
    /// `AZURE_POD_IDENTITY_AUTHORITY_HOST`: the IMDS base URL (default `http://169.254.169.254`).
    public var imdsEndpoint: String?

    public init() {}

    public static let defaultAuthorityHost = "https://login.microsoftonline.com/"
    public static let defaultIMDSEndpoint = "http://169.254.169.254"

    /// The first credential of the chain whose settings are present. Managed identity needs no setting, so
    /// the chain always ends there; off Azure its first token request fails, naming IMDS and what else
    /// could have been set.
    public func defaultChain() -> AzureCredentialProvider {
        let authority = nonEmpty(authorityHost) ?? Self.defaultAuthorityHost
        if let tenant = nonEmpty(tenantID), let client = nonEmpty(clientID), let secret = nonEmpty(clientSecret) {
            return AzureCredentialProvider(.clientSecret(tenantID: tenant, clientID: client, secret: secret, authorityHost: authority))
        }
        if let tenant = nonEmpty(tenantID), let client = nonEmpty(clientID), let file = nonEmpty(federatedTokenFile) {
            return AzureCredentialProvider(.workloadIdentity(tenantID: tenant, clientID: client, tokenFile: file, authorityHost: authority))
        }
        return AzureCredentialProvider(.managedIdentity(endpoint: nonEmpty(imdsEndpoint) ?? Self.defaultIMDSEndpoint, clientID: nonEmpty(clientID)))
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
