/// One closed view of a location: which backend it names, with that backend's fields, in Argo's
/// driver-selection order (Argo's `workflow/artifacts/artifacts.go` `newDriver`), then our volume. Callers
/// switch over it instead of testing each optional member.
extension ArtifactLocation {
    public enum Backend: Sendable {
        case s3(S3Artifact)
        case http(HTTPArtifact)
        case git(GitArtifact)
        case artifactory(ArtifactoryArtifact)
        case hdfs(HDFSArtifact)
        case raw(RawArtifact)
        case oss(OSSArtifact)
        case gcs(GCSArtifact)
        case azure(AzureArtifact)
        case plugin(PluginArtifact)
        case volume(VolumeArtifact)
    }

    /// The backend this location names; nil when none is set.
    public var backend: Backend? {
        if let s3 { return .s3(s3) }
        if let http { return .http(http) }
        if let git { return .git(git) }
        if let artifactory { return .artifactory(artifactory) }
        if let hdfs { return .hdfs(hdfs) }
        if let raw { return .raw(raw) }
        if let oss { return .oss(oss) }
        if let gcs { return .gcs(gcs) }
        if let azure { return .azure(azure) }
        if let plugin { return .plugin(plugin) }
        if let volume { return .volume(volume) }
        return nil
    }

    /// Where a file named `name` goes under this archive location: its key joined with `name`, as the
    /// key-only location the executor reports (`{"s3":{"key":"wf/pod/out.tgz"}}`). Output artifacts without a
    /// key of their own, logs and the debugging tools all use this one rule.
    public func keyOnly(appending name: String) throws(ModelError) -> ArtifactLocation {
        try keyOnly(PathRules.join(try key(), name))
    }
}
