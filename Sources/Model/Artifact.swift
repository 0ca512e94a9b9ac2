/// `Artifact` (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`): a named file or directory with an inlined `ArtifactLocation`.
public struct Artifact: Codable, Hashable, Sendable {
    public var name: String
    public var path: String?
    public var mode: Int32?
    public var from: String?
    public var fromExpression: String?
    public var globalName: String?
    public var archive: ArchiveStrategy?
    public var optional: Bool?
    public var subPath: String?
    public var recurseMode: Bool?
    public var artifactGC: ArtifactGC?
    public var deleted: Bool?
    /// The inlined location keys (`s3`, `oss`, ..., `archiveLogs`).
    public var location: ArtifactLocation

    public init(name: String, path: String? = nil, location: ArtifactLocation = ArtifactLocation()) {
        self.name = name
        self.path = path
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case name, path, mode, from, fromExpression, globalName, archive, optional, subPath, recurseMode
        case artifactGC, deleted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Argo's CRD requires a name, but the emissary's own tests use nameless artifacts: be lenient.
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        path = try c.decodeIfPresent(String.self, forKey: .path)
        mode = try c.decodeIfPresent(Int32.self, forKey: .mode)
        from = try c.decodeIfPresent(String.self, forKey: .from)
        fromExpression = try c.decodeIfPresent(String.self, forKey: .fromExpression)
        globalName = try c.decodeIfPresent(String.self, forKey: .globalName)
        archive = try c.decodeIfPresent(ArchiveStrategy.self, forKey: .archive)
        optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
        subPath = try c.decodeIfPresent(String.self, forKey: .subPath)
        recurseMode = try c.decodeIfPresent(Bool.self, forKey: .recurseMode)
        artifactGC = try c.decodeIfPresent(ArtifactGC.self, forKey: .artifactGC)
        deleted = try c.decodeIfPresent(Bool.self, forKey: .deleted)
        location = try ArtifactLocation(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        // The location goes into the same JSON object as the artifact's own keys (Go's `json:",inline"`).
        try location.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(path, forKey: .path)
        try c.encodeIfPresent(mode, forKey: .mode)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(fromExpression, forKey: .fromExpression)
        try c.encodeIfPresent(globalName, forKey: .globalName)
        try c.encodeIfPresent(archive, forKey: .archive)
        try c.encodeIfPresent(optional, forKey: .optional)
        try c.encodeIfPresent(subPath, forKey: .subPath)
        try c.encodeIfPresent(recurseMode, forKey: .recurseMode)
        try c.encodeIfPresent(artifactGC, forKey: .artifactGC)
        try c.encodeIfPresent(deleted, forKey: .deleted)
    }

    /// `optional: true`.
    public var isOptional: Bool { optional ?? false }
}

/// `artifactGC` of an artifact: when the controller deletes it.
public struct ArtifactGC: Codable, Hashable, Sendable {
    public var strategy: String?
    public var podMetadata: JSONValue?
    public var serviceAccountName: String?
    public init(strategy: String? = nil) { self.strategy = strategy }
}
