/// `oss:` location, Alibaba Cloud OSS (Argo's `workflow/artifacts/oss/oss.go`). `securityToken` is a plain string, not a secret.
public struct OSSArtifact: Codable, Hashable, Sendable {
    public var endpoint: String?
    public var bucket: String?
    public var accessKeySecret: SecretKeySelector?
    public var secretKeySecret: SecretKeySelector?
    public var createBucketIfNotPresent: Bool?
    public var securityToken: String?
    public var lifecycleRule: OSSLifecycleRule?
    public var useSDKCreds: Bool?
    public var key: String?

    public init(endpoint: String? = nil, bucket: String? = nil, key: String? = nil) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.key = key
    }
}

/// `lifecycleRule` of an OSS location.
public struct OSSLifecycleRule: Codable, Hashable, Sendable {
    public var markInfrequentAccessAfterDays: Int32?
    public var markDeletionAfterDays: Int32?
    public init() {}
}
