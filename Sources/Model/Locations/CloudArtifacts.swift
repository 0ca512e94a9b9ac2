/// `gcs:` location (Argo's `workflow/artifacts/gcs/gcs.go`).
public struct GCSArtifact: Codable, Hashable, Sendable {
    public var bucket: String?
    public var serviceAccountKeySecret: SecretKeySelector?
    public var key: String?
    public init(bucket: String? = nil, key: String? = nil) {
        self.bucket = bucket
        self.key = key
    }
}

/// `azure:` location (Argo's `workflow/artifacts/azure/azure.go`); its key is `blob`.
public struct AzureArtifact: Codable, Hashable, Sendable {
    public var endpoint: String?
    public var container: String?
    public var accountKeySecret: SecretKeySelector?
    public var useSDKCreds: Bool?
    public var blob: String?
    public init(endpoint: String? = nil, container: String? = nil, blob: String? = nil) {
        self.endpoint = endpoint
        self.container = container
        self.blob = blob
    }
}

/// `hdfs:` location (Argo's `workflow/artifacts/hdfs/hdfs.go`); its key is `path`.
public struct HDFSArtifact: Codable, Hashable, Sendable {
    public var addresses: [String]?
    public var hdfsUser: String?
    public var krbCCacheSecret: SecretKeySelector?
    public var krbKeytabSecret: SecretKeySelector?
    public var krbUsername: String?
    public var krbRealm: String?
    public var krbConfigConfigMap: ConfigMapKeySelector?
    public var krbServicePrincipalName: String?
    public var dataTransferProtection: String?
    public var path: String?
    public var force: Bool?
    public init(addresses: [String]? = nil, path: String? = nil) {
        self.addresses = addresses
        self.path = path
    }
}

/// `plugin:` location: an artifact driver plugin reached over gRPC (Argo's `workflow/artifacts/plugin/plugin.go`).
public struct PluginArtifact: Codable, Hashable, Sendable {
    public var name: String?
    public var configuration: String?
    public var connectionTimeoutSeconds: Int32?
    public var key: String?
    public init(name: String? = nil, configuration: String? = nil, key: String? = nil) {
        self.name = name
        self.configuration = configuration
        self.key = key
    }
}

/// `volume:` location, our extension for artifacts stored on a mounted volume such as a PVC
/// (docs/artifacts.md, "The volume repository"). `path` is where the volume is mounted in executor containers (the repository root);
/// `key` is the artifact's relative path below it.
public struct VolumeArtifact: Codable, Hashable, Sendable {
    public var path: String?
    public var claimName: String?
    public var subPath: String?
    public var fileMode: Int32?
    public var readOnly: Bool?
    public var key: String?
    public init(path: String? = nil, key: String? = nil) {
        self.path = path
        self.key = key
    }
}
