import LeanCLI
import Drivers

extension AzureEnvironment {
    /// azidentity's standard variables for DefaultAzureCredential, read here once (docs/conventions.md rule 5)
    /// for `useSDKCreds`: the service principal, the workload identity the AKS webhook injects, the
    /// authority host, and MSAL's IMDS override `AZURE_POD_IDENTITY_AUTHORITY_HOST`.
    init(environment env: [String: String]) {
        self.init()
        let r = EnvironmentReader(env)
        tenantID = r.string("AZURE_TENANT_ID")
        clientID = r.string("AZURE_CLIENT_ID")
        clientSecret = r.string("AZURE_CLIENT_SECRET")
        federatedTokenFile = r.string("AZURE_FEDERATED_TOKEN_FILE")
        authorityHost = r.string("AZURE_AUTHORITY_HOST")
        imdsEndpoint = r.string("AZURE_POD_IDENTITY_AUTHORITY_HOST")
    }
}
