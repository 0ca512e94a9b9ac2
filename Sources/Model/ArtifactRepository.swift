/// `ArtifactRepository`: one value of the `artifact-repositories` ConfigMap, in the form users keep it
/// (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`). The debugging commands (`argoexec artifact get|put|ls|rm`) read it from a file.
public struct ArtifactRepository: Codable, Hashable, Sendable {
    public var archiveLogs: Bool?
    public var s3: S3Repository?
    public var oss: KeyFormatted<OSSArtifact>?
    public var gcs: KeyFormatted<GCSArtifact>?
    public var azure: AzureRepository?
    public var hdfs: HDFSRepository?
    public var artifactory: ArtifactoryRepository?
    public var plugin: KeyFormatted<PluginArtifact>?
    public var volume: KeyFormatted<VolumeArtifact>?

    public init() {}

    /// Argo's default key pattern.
    public static let defaultArchivePattern = "{{workflow.name}}/{{pod.name}}"

    /// `ToArtifactLocation()`: the archive location a controller would embed in a template, with the key
    /// format left unrendered. Precedence when several are set: artifactory, azure, gcs, hdfs, oss, plugin,
    /// s3, then our volume.
    public func toArtifactLocation() -> ArtifactLocation? {
        var l = ArtifactLocation(archiveLogs: archiveLogs)
        if let a = artifactory {
            var base = a.repoURL ?? ""
            if !base.hasSuffix("/") { base += "/" }
            var art = ArtifactoryArtifact(url: base + (a.keyFormat ?? Self.defaultArchivePattern))
            art.usernameSecret = a.usernameSecret
            art.passwordSecret = a.passwordSecret
            l.artifactory = art
        } else if let a = azure {
            var art = a.location
            art.blob = a.blobNameFormat ?? Self.defaultArchivePattern
            l.azure = art
        } else if let g = gcs {
            l.gcs = g.location
            l.gcs?.key = g.keyFormat ?? Self.defaultArchivePattern
        } else if let h = hdfs {
            var art = h.location
            art.path = h.pathFormat ?? Self.defaultArchivePattern
            art.force = h.force
            l.hdfs = art
        } else if let o = oss {
            l.oss = o.location
            l.oss?.key = o.keyFormat ?? Self.defaultArchivePattern
        } else if let p = plugin {
            l.plugin = p.location
            l.plugin?.key = p.keyFormat ?? Self.defaultArchivePattern
        } else if let s = s3 {
            l.s3 = s.location
            var key = s.keyFormat ?? ""
            if key.isEmpty {
                key = (s.keyPrefix ?? "").isEmpty ? Self.defaultArchivePattern
                    : PathRules.join(s.keyPrefix ?? "", Self.defaultArchivePattern)
            }
            l.s3?.key = key
        } else if let v = volume {
            l.volume = v.location
            l.volume?.key = v.keyFormat ?? Self.defaultArchivePattern
        } else {
            return nil
        }
        return l
    }
}

/// A location type plus the repository-level `keyFormat` next to its fields.
public struct KeyFormatted<Location: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var location: Location
    public var keyFormat: String?

    public init(location: Location, keyFormat: String? = nil) {
        self.location = location
        self.keyFormat = keyFormat
    }

    enum CodingKeys: String, CodingKey { case keyFormat }

    public init(from decoder: any Decoder) throws {
        location = try Location(from: decoder)
        keyFormat = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .keyFormat)
    }

    public func encode(to encoder: any Encoder) throws {
        try location.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(keyFormat, forKey: .keyFormat)
    }
}

/// `s3:` in a repository: bucket fields plus `keyFormat` and the deprecated `keyPrefix`.
public struct S3Repository: Codable, Hashable, Sendable {
    public var location: S3Artifact
    public var keyFormat: String?
    public var keyPrefix: String?

    public init(location: S3Artifact, keyFormat: String? = nil, keyPrefix: String? = nil) {
        self.location = location
        self.keyFormat = keyFormat
        self.keyPrefix = keyPrefix
    }

    enum CodingKeys: String, CodingKey { case keyFormat, keyPrefix }

    public init(from decoder: any Decoder) throws {
        location = try S3Artifact(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keyFormat = try c.decodeIfPresent(String.self, forKey: .keyFormat)
        keyPrefix = try c.decodeIfPresent(String.self, forKey: .keyPrefix)
    }

    public func encode(to encoder: any Encoder) throws {
        try location.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(keyFormat, forKey: .keyFormat)
        try c.encodeIfPresent(keyPrefix, forKey: .keyPrefix)
    }
}

/// `azure:` in a repository: container fields plus `blobNameFormat`.
public struct AzureRepository: Codable, Hashable, Sendable {
    public var location: AzureArtifact
    public var blobNameFormat: String?

    enum CodingKeys: String, CodingKey { case blobNameFormat }

    public init(from decoder: any Decoder) throws {
        location = try AzureArtifact(from: decoder)
        blobNameFormat = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .blobNameFormat)
    }

    public func encode(to encoder: any Encoder) throws {
        try location.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(blobNameFormat, forKey: .blobNameFormat)
    }
}

/// `hdfs:` in a repository: config fields plus `pathFormat` and `force`.
public struct HDFSRepository: Codable, Hashable, Sendable {
    public var location: HDFSArtifact
    public var pathFormat: String?
    public var force: Bool?

    enum CodingKeys: String, CodingKey { case pathFormat, force }

    public init(from decoder: any Decoder) throws {
        location = try HDFSArtifact(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pathFormat = try c.decodeIfPresent(String.self, forKey: .pathFormat)
        force = try c.decodeIfPresent(Bool.self, forKey: .force)
    }

    public func encode(to encoder: any Encoder) throws {
        try location.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(pathFormat, forKey: .pathFormat)
        try c.encodeIfPresent(force, forKey: .force)
    }
}

/// `artifactory:` in a repository.
public struct ArtifactoryRepository: Codable, Hashable, Sendable {
    public var repoURL: String?
    public var keyFormat: String?
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?
    public init(repoURL: String? = nil) { self.repoURL = repoURL }
}
