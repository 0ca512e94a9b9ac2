import Core
import Signing
import ModelBase

/// The Alibaba Cloud settings the CLI read from the process environment for `useSDKCreds` (nothing below
/// the CLI reads it), and the credential chain built from them, in credentials-go's order: environment
/// keys (`ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET` + `ALIBABA_CLOUD_SECURITY_TOKEN`), RRSA/OIDC
/// (`ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, as
/// ack-pod-identity-webhook injects them), then `ALIBABA_CLOUD_CREDENTIALS_URI`. Profile files and the ECS
/// instance role are not read. Also the signing choice (our variables) and `https_proxy`.
public struct AlibabaEnvironment: Sendable {
    public var accessKeyID: String?
    public var accessKeySecret: String?
    public var securityToken: String?
    public var roleARN: String?
    public var oidcProviderARN: String?
    public var oidcTokenFile: String?
    public var roleSessionName: String?
    /// `ALIBABA_CLOUD_STS_REGION` → `sts.<region>.aliyuncs.com`; `ALIBABA_CLOUD_STS_ENDPOINT` overrides.
    public var stsRegion: String?
    public var stsEndpoint: String?
    public var credentialsURI: String?
    /// `ARGOEXEC_OSS_SIGNATURE_VERSION` = `v1` (default, as Argo) or `v4`.
    public var signatureV4 = false
    /// `ARGOEXEC_OSS_REGION`: the V4 scope's region; else taken from an `oss-<region>.aliyuncs.com` endpoint.
    public var region: String?
    /// `https_proxy` (lower case only, as Argo passes it to the SDK); ignored with `useSDKCreds`, as Argo.
    public var httpsProxy: String?
    /// A malformed setting among ours, reported when an OSS location is used.
    public var invalidSetting: String?

    public init() {}

    public func defaultChain() throws(ExecError) -> OSSCredentialProvider {
        if let id = accessKeyID, !id.isEmpty, let secret = accessKeySecret, !secret.isEmpty {
            return OSSCredentialProvider(fixed: OSSCredentials(accessKeyID: id, accessKeySecret: secret, securityToken: securityToken))
        }
        if let role = roleARN, !role.isEmpty, let provider = oidcProviderARN, !provider.isEmpty, let file = oidcTokenFile, !file.isEmpty {
            let endpoint = stsEndpoint ?? stsRegion.map { "sts.\($0).aliyuncs.com" } ?? "sts.aliyuncs.com"
            return OSSCredentialProvider(.oidc(roleARN: role, providerARN: provider, tokenFile: file,
                                               sessionName: roleSessionName ?? "argoexec-\(UTCTime.now().secondsSinceEpoch)",
                                               stsEndpoint: endpoint))
        }
        if let uri = credentialsURI, !uri.isEmpty { return OSSCredentialProvider(.uri(uri)) }
        throw ExecError(.badRequest, "useSDKCreds: no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and "
            + "ALIBABA_CLOUD_ACCESS_KEY_SECRET, the RRSA variables (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "
            + "ALIBABA_CLOUD_OIDC_TOKEN_FILE) or ALIBABA_CLOUD_CREDENTIALS_URI")
    }

    /// The region in an OSS endpoint host (`oss-cn-hangzhou.aliyuncs.com`, `oss-cn-hangzhou-internal...`).
    public static func region(fromEndpoint host: String) -> String? {
        guard let first = host.split(separator: ".").first, first.hasPrefix("oss-"), host.contains(text: ".aliyuncs.com") else { return nil }
        var region = first.dropFirst(4)
        if region.hasSuffix("-internal") { region = region.dropLast(9) }
        return region.isEmpty ? nil : String(region)
    }
}
