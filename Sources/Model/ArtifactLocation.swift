/// `ArtifactLocation`: where an artifact lives. Exactly one member is normally set. It is a standalone object
/// as a template's `archiveLocation`, and *inlined* into `Artifact` (its keys sit next to `name`).
public struct ArtifactLocation: Codable, Hashable, Sendable {
    public var archiveLogs: Bool?
    public var s3: S3Artifact?
    public var git: GitArtifact?
    public var http: HTTPArtifact?
    public var artifactory: ArtifactoryArtifact?
    public var hdfs: HDFSArtifact?
    public var raw: RawArtifact?
    public var oss: OSSArtifact?
    public var gcs: GCSArtifact?
    public var azure: AzureArtifact?
    public var plugin: PluginArtifact?
    public var volume: VolumeArtifact?

    public init(
        archiveLogs: Bool? = nil, s3: S3Artifact? = nil, git: GitArtifact? = nil, http: HTTPArtifact? = nil,
        artifactory: ArtifactoryArtifact? = nil, hdfs: HDFSArtifact? = nil, raw: RawArtifact? = nil,
        oss: OSSArtifact? = nil, gcs: GCSArtifact? = nil, azure: AzureArtifact? = nil,
        plugin: PluginArtifact? = nil, volume: VolumeArtifact? = nil
    ) {
        self.archiveLogs = archiveLogs
        self.s3 = s3
        self.git = git
        self.http = http
        self.artifactory = artifactory
        self.hdfs = hdfs
        self.raw = raw
        self.oss = oss
        self.gcs = gcs
        self.azure = azure
        self.plugin = plugin
        self.volume = volume
    }
}
