import LeanCLI
import Drivers

extension AWSEnvironment {
    /// The AWS SDK's standard variables, read here once (docs/conventions.md rule 5) for `useSDKCreds`, `roleARN` and
    /// the IRSA / container / instance-metadata chain the S3 driver builds from them.
    init(environment env: [String: String]) {
        self.init()
        let r = EnvironmentReader(env)
        accessKeyID = r.string("AWS_ACCESS_KEY_ID")
        secretAccessKey = r.string("AWS_SECRET_ACCESS_KEY")
        sessionToken = r.string("AWS_SESSION_TOKEN")
        webIdentityTokenFile = r.string("AWS_WEB_IDENTITY_TOKEN_FILE")
        roleARN = r.string("AWS_ROLE_ARN")
        roleSessionName = r.string("AWS_ROLE_SESSION_NAME")
        region = r.string("AWS_REGION") ?? r.string("AWS_DEFAULT_REGION")
        stsEndpoint = r.string("AWS_ENDPOINT_URL_STS") ?? r.string("AWS_ENDPOINT_URL")
        containerCredentialsFullURI = r.string("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        containerCredentialsRelativeURI = r.string("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        containerAuthorizationToken = r.string("AWS_CONTAINER_AUTHORIZATION_TOKEN")
        containerAuthorizationTokenFile = r.string("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
        instanceMetadataEndpoint = r.string("AWS_EC2_METADATA_SERVICE_ENDPOINT")
        instanceMetadataDisabled = r.string("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true"
    }
}
