/// The "key" rules of artifact locations (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`): which type is set, whether it is a full
/// location, what its key is, and `Relocate`.
extension ArtifactLocation {
    public enum Kind: String, Sendable, CaseIterable {
        case s3, oss, gcs, azure, hdfs, http, artifactory, git, raw, plugin, volume
    }

    /// The location type in Argo's driver-selection order (s3, http, git, artifactory, hdfs, raw, oss,
    /// gcs, azure, plugin), then ours; nil when none is set.
    public var kind: Kind? {
        if s3 != nil { return .s3 }
        if http != nil { return .http }
        if git != nil { return .git }
        if artifactory != nil { return .artifactory }
        if hdfs != nil { return .hdfs }
        if raw != nil { return .raw }
        if oss != nil { return .oss }
        if gcs != nil { return .gcs }
        if azure != nil { return .azure }
        if plugin != nil { return .plugin }
        if volume != nil { return .volume }
        return nil
    }

    /// "Has full location": enough to reach the object without the template's archive location.
    public var hasLocation: Bool {
        if let s = s3 { return s.endpoint.nonEmpty && s.bucket.nonEmpty && s.key.nonEmpty }
        if let h = http { return h.url.nonEmpty }
        if git != nil { return git?.repo.nonEmpty ?? false }
        if let a = artifactory { return a.url.nonEmpty && a.usernameSecret != nil }
        if let h = hdfs { return !(h.addresses ?? []).isEmpty }
        if raw != nil { return true }
        if let o = oss { return o.endpoint.nonEmpty && o.bucket.nonEmpty && o.key.nonEmpty }
        if let g = gcs { return g.bucket.nonEmpty && g.key.nonEmpty }
        if let a = azure { return a.endpoint.nonEmpty && a.container.nonEmpty && a.blob.nonEmpty }
        if let p = plugin { return p.name.nonEmpty && p.configuration.nonEmpty && p.key.nonEmpty }
        if let v = volume { return (v.path.nonEmpty || v.claimName.nonEmpty) && v.key.nonEmpty }
        return false
    }

    /// The location's key; git and raw have none (Argo: "key unsupported").
    public func key() throws(ModelError) -> String {
        switch kind {
        case .s3: return s3?.key ?? ""
        case .oss: return oss?.key ?? ""
        case .gcs: return gcs?.key ?? ""
        case .azure: return azure?.blob ?? ""
        case .hdfs: return hdfs?.path ?? ""
        case .http: return URLParts(http?.url ?? "").path
        case .artifactory: return URLParts(artifactory?.url ?? "").path
        case .plugin: return plugin?.key ?? ""
        case .volume: return volume?.key ?? ""
        case .git, .raw: throw ModelError(.badRequest, "\(kind!.rawValue) artifacts do not have a key")
        case nil: throw ModelError(.notFound, "key unsupported: no artifact location is set")
        }
    }

    /// Replaces the location's key (for HTTP/Artifactory: the URL path).
    public mutating func setKey(_ key: String) throws(ModelError) {
        switch kind {
        case .s3: s3?.key = key
        case .oss: oss?.key = key
        case .gcs: gcs?.key = key
        case .azure: azure?.blob = key
        case .hdfs: hdfs?.path = key
        case .http:
            let url = URLParts(http?.url ?? "").replacingPath(with: key)
            http?.url = url
        case .artifactory:
            let url = URLParts(artifactory?.url ?? "").replacingPath(with: key)
            artifactory?.url = url
        case .plugin: plugin?.key = key
        case .volume: volume?.key = key
        case .git, .raw: throw ModelError(.badRequest, "\(kind!.rawValue) artifacts do not have a key")
        case nil: throw ModelError(.notFound, "key unsupported: no artifact location is set")
        }
    }

    /// True when a non-empty key is set (errors count as no key).
    public var hasKey: Bool { ((try? key()) ?? "").isEmpty == false }

    /// "Has location or key": what Argo calls a supplied artifact.
    public var isSupplied: Bool { hasLocation || hasKey }

    /// `AppendToKey(x)`: `SetKey(path.Join(key, x))`.
    public mutating func appendToKey(_ suffix: String) throws(ModelError) {
        try setKey(PathRules.join(try key(), suffix))
    }

    /// The same location with only the type kept and the key set: what the executor reports for a saved
    /// artifact (`{"s3":{"key":"wf/pod/out.tgz"}}`; bucket and credentials are not repeated).
    public func keyOnly(_ key: String) throws(ModelError) -> ArtifactLocation {
        var out = ArtifactLocation()
        switch kind {
        case .s3: out.s3 = S3Artifact()
        case .oss: out.oss = OSSArtifact()
        case .gcs: out.gcs = GCSArtifact()
        case .azure: out.azure = AzureArtifact()
        case .hdfs: out.hdfs = HDFSArtifact()
        case .http: out.http = HTTPArtifact(url: http?.url)
        case .artifactory: out.artifactory = ArtifactoryArtifact(url: artifactory?.url)
        case .plugin: out.plugin = PluginArtifact()
        case .volume: out.volume = VolumeArtifact()
        case .git, .raw, nil: throw ModelError(.badRequest, "artifact location type does not support keys")
        }
        try out.setKey(key)
        return out
    }
}

extension Artifact {
    /// `Relocate(archiveLocation)`: a full location is kept; otherwise the whole location becomes a copy of
    /// the archive location with this artifact's own key put back, empty or not (partial fields such as a lone
    /// bucket are discarded, as in Argo).
    public func relocated(onto archiveLocation: ArtifactLocation?) throws(ModelError) -> Artifact {
        if location.hasLocation { return self }
        guard let archive = archiveLocation else {
            throw ModelError(.badRequest, "template artifact location not set")
        }
        // Argo sets the artifact's own key, even an empty one (`s3: {bucket: b}` lists the whole bucket in a data
        // template); an artifact with no location type at all keeps the archive location's key.
        let ownKey = location.kind == nil ? nil : try? location.key()
        var copy = self
        copy.location = archive
        if let ownKey { try copy.location.setKey(ownKey) }
        return copy
    }

    /// `CleanPath`: an empty path is an error; `..` may not climb above the part before the first `..`;
    /// otherwise the path is lexically cleaned (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`).
    public func cleanedPath() throws(ModelError) -> String {
        guard let path, !path.isEmpty else {
            throw ModelError(.internal, "Artifact '\(name)' did not specify a path")
        }
        let cleaned = PathRules.clean(path)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if let firstDotDot = segments.firstIndex(of: "..") {
            let safeDir = PathRules.clean(segments[..<firstDotDot].joined(separator: "/"))
            if !PathRules.isSameOrAncestor(safeDir, of: cleaned) {
                throw ModelError(
                    .internal,
                    "Artifact '\(name)' attempted to use a path containing '..'. Directory traversal is not permitted")
            }
        }
        return cleaned
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: Bool { !(self ?? "").isEmpty }
}
