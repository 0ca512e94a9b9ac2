/// `s3:` location (Argo's `workflow/artifacts/s3/s3.go`). In a repository it also carries `keyFormat` / `keyPrefix`.
public struct S3Artifact: Codable, Hashable, Sendable {
    public var endpoint: String?
    public var bucket: String?
    public var region: String?
    public var insecure: Bool?
    public var accessKeySecret: SecretKeySelector?
    public var secretKeySecret: SecretKeySelector?
    public var sessionTokenSecret: SecretKeySelector?
    public var roleARN: String?
    public var useSDKCreds: Bool?
    public var createBucketIfNotPresent: CreateS3BucketOptions?
    public var encryptionOptions: S3EncryptionOptions?
    public var caSecret: SecretKeySelector?
    public var addressingStyle: String?
    public var key: String?

    public init(endpoint: String? = nil, bucket: String? = nil, key: String? = nil) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.key = key
    }
}

/// `createBucketIfNotPresent`: its presence (even `{}`) enables bucket creation on save.
public struct CreateS3BucketOptions: Codable, Hashable, Sendable {
    public var objectLocking: Bool?
    public init(objectLocking: Bool? = nil) { self.objectLocking = objectLocking }
}

/// `encryptionOptions` of an S3 location.
public struct S3EncryptionOptions: Codable, Hashable, Sendable {
    public var kmsKeyId: String?
    public var kmsEncryptionContext: String?
    public var enableEncryption: Bool?
    public var serverSideCustomerKeySecret: SecretKeySelector?
    public init() {}
}
