/// `ArtifactLocation`: where an artifact lives. Exactly one member is normally set. It is a standalone object
/// as a template's `archiveLocation`, and *inlined* into `Artifact` (its keys sit next to `name`). All but S3
/// and raw are `@Boxed` (one reference each), which keeps the copy code of every type holding a location small.
public struct ArtifactLocation: Codable, Hashable, Sendable {
    public var archiveLogs: Bool?
    public var s3: S3Artifact?
    @Boxed public var git: GitArtifact? = nil
    @Boxed public var http: HTTPArtifact? = nil
    @Boxed public var artifactory: ArtifactoryArtifact? = nil
    @Boxed public var hdfs: HDFSArtifact? = nil
    public var raw: RawArtifact?
    @Boxed public var oss: OSSArtifact? = nil
    @Boxed public var gcs: GCSArtifact? = nil
    @Boxed public var azure: AzureArtifact? = nil
    @Boxed public var plugin: PluginArtifact? = nil
    @Boxed public var volume: VolumeArtifact? = nil

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
