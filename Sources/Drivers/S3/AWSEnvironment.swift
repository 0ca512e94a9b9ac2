import Core
import Signing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The AWS settings the CLI read from the process environment (nothing below the CLI reads it), and the
/// credential chain built from them: what `useSDKCreds`, `roleARN` and "nothing configured" resolve to
/// (Argo's `workflow/artifacts/s3/s3.go`). Order as the AWS SDK: environment keys, web identity (IRSA), container
/// credentials endpoint, EC2 instance metadata (IMDSv2). Shared config/profile files are not read.
public struct AWSEnvironment: Sendable {
    public var accessKeyID: String?
    public var secretAccessKey: String?
    public var sessionToken: String?
    public var webIdentityTokenFile: String?
    public var roleARN: String?
    public var roleSessionName: String?
    public var region: String?
    /// `AWS_ENDPOINT_URL_STS` (the SDK's override; tests point it at moto).
    public var stsEndpoint: String?
    public var containerCredentialsFullURI: String?
    public var containerCredentialsRelativeURI: String?
    public var containerAuthorizationToken: String?
    public var containerAuthorizationTokenFile: String?
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`; default `http://169.254.169.254`.
    public var instanceMetadataEndpoint: String?
    public var instanceMetadataDisabled = false

    public init() {}

    func sts(caFile: String?) -> STSClient {
        STSClient(endpoint: stsEndpoint ?? STSClient.defaultEndpoint(region: region), region: region ?? "us-east-1", caFile: caFile)
    }

    var sessionName: String { roleSessionName ?? "argoexec-\(UTCTime.now().secondsSinceEpoch)" }

    /// The SDK default chain; `environmentKeys: false` is minio's IAM chain Argo uses when nothing is configured.
    public func defaultChain(environmentKeys: Bool = true, caFile: String? = nil) throws(ExecError) -> AWSCredentialProvider {
        if environmentKeys, let id = accessKeyID, !id.isEmpty, let secret = secretAccessKey, !secret.isEmpty {
            return AWSCredentialProvider(fixed: AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: sessionToken))
        }
        if let file = webIdentityTokenFile, !file.isEmpty {
            guard let role = roleARN, !role.isEmpty else {
                throw ExecError(.badRequest, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
            }
            return AWSCredentialProvider(.webIdentity(tokenFile: file, roleARN: role, sessionName: sessionName, sts: sts(caFile: caFile)))
        }
        if let url = containerURL() {
            return AWSCredentialProvider(.endpoint(url: url, token: containerAuthorizationToken,
                                                   tokenFile: containerAuthorizationTokenFile, metadata: false))
        }
        guard !instanceMetadataDisabled else {
            throw ExecError(.badRequest, "no AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                + "AWS_WEB_IDENTITY_TOKEN_FILE+AWS_ROLE_ARN, or a container credentials endpoint")
        }
        return AWSCredentialProvider(.endpoint(url: instanceMetadataEndpoint ?? "http://169.254.169.254", token: nil, tokenFile: nil, metadata: true))
    }

    private func containerURL() -> String? {
        if let full = containerCredentialsFullURI, !full.isEmpty { return full }
        if let relative = containerCredentialsRelativeURI, !relative.isEmpty { return "http://169.254.170.2" + relative }
        return nil
    }
}

/// The JSON document container endpoints and instance metadata answer with.
struct EndpointCredentials: Decodable {
    var AccessKeyId: String
    var SecretAccessKey: String
    var Token: String?
    var Expiration: String?

    static func decode(_ bytes: [UInt8], from url: String) throws(ExecError) -> STSClient.Temporary {
        do {
            let c = try JSONDecoder().decode(EndpointCredentials.self, from: Data(bytes))
            return STSClient.Temporary(credentials: AWSCredentials(accessKeyID: c.AccessKeyId, secretAccessKey: c.SecretAccessKey,
                                                                   sessionToken: c.Token),
                                       expiration: c.Expiration.flatMap(UTCTime.parseRFC3339))
        } catch {
            throw ExecError(.internal, "credentials endpoint \(url) answered something that is not a credentials document",
                            cause: SendableErrorText(error))
        }
    }
}
