import LeanCLI
import Drivers

extension AlibabaEnvironment {
    /// The Alibaba Cloud SDK's standard variables (credentials-go's default chain), read here once
    /// (docs/conventions.md rule 5), plus our OSS signing switches `ARGOEXEC_OSS_SIGNATURE_VERSION` (v1|v4) and
    /// `ARGOEXEC_OSS_REGION`, and the lower-case `https_proxy` Argo hands to the OSS SDK.
    init(environment env: [String: String]) {
        self.init()
        let r = EnvironmentReader(env)
        accessKeyID = r.string("ALIBABA_CLOUD_ACCESS_KEY_ID")
        accessKeySecret = r.string("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        securityToken = r.string("ALIBABA_CLOUD_SECURITY_TOKEN")
        roleARN = r.string("ALIBABA_CLOUD_ROLE_ARN")
        oidcProviderARN = r.string("ALIBABA_CLOUD_OIDC_PROVIDER_ARN")
        oidcTokenFile = r.string("ALIBABA_CLOUD_OIDC_TOKEN_FILE")
        roleSessionName = r.string("ALIBABA_CLOUD_ROLE_SESSION_NAME")
        stsRegion = r.string("ALIBABA_CLOUD_STS_REGION")
        stsEndpoint = r.string("ALIBABA_CLOUD_STS_ENDPOINT")
        credentialsURI = r.string("ALIBABA_CLOUD_CREDENTIALS_URI")
        region = r.string("ARGOEXEC_OSS_REGION")
        httpsProxy = r.string("https_proxy")
        switch r.string("ARGOEXEC_OSS_SIGNATURE_VERSION")?.lowercased() {
        case nil, "", "v1", "1": signatureV4 = false
        case "v4", "4": signatureV4 = true
        case let other?:  // reported by the OSS driver, so artifacts elsewhere are still collected
            invalidSetting = "ARGOEXEC_OSS_SIGNATURE_VERSION must be v1 or v4, not \(other)"
        }
    }
}
