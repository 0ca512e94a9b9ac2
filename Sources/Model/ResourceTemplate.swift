/// `resource:` template body (Argo's `workflow/executor/resource.go`).
public struct ResourceTemplate: Codable, Hashable, Sendable {
    public var action: String
    public var mergeStrategy: String?
    public var manifest: String?
    public var manifestFrom: ManifestFrom?
    public var setOwnerReference: Bool?
    public var successCondition: String?
    public var failureCondition: String?
    public var flags: [String]?

    public init(action: String, manifest: String? = nil) {
        self.action = action
        self.manifest = manifest
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        action = try c.decodeIfPresent(String.self, forKey: .action) ?? ""
        mergeStrategy = try c.decodeIfPresent(String.self, forKey: .mergeStrategy)
        manifest = try c.decodeIfPresent(String.self, forKey: .manifest)
        manifestFrom = try c.decodeIfPresent(ManifestFrom.self, forKey: .manifestFrom)
        setOwnerReference = try c.decodeIfPresent(Bool.self, forKey: .setOwnerReference)
        successCondition = try c.decodeIfPresent(String.self, forKey: .successCondition)
        failureCondition = try c.decodeIfPresent(String.self, forKey: .failureCondition)
        flags = try c.decodeIfPresent([String].self, forKey: .flags)
    }
}

/// `resource.manifestFrom`: the manifest is an input artifact.
public struct ManifestFrom: Codable, Hashable, Sendable {
    public var artifact: Artifact
    public init(artifact: Artifact) { self.artifact = artifact }
}

/// `data:` template body (Argo's `workflow/executor/data.go`).
public struct DataTemplate: Codable, Hashable, Sendable {
    public var source: DataSource?
    public var transformation: [TransformationStep]?
    public init(source: DataSource? = nil, transformation: [TransformationStep]? = nil) {
        self.source = source
        self.transformation = transformation
    }
}

/// `data.source`: only `artifactPaths` (an artifact, inline) is supported.
public struct DataSource: Codable, Hashable, Sendable {
    public var artifactPaths: Artifact?
    public init(artifactPaths: Artifact? = nil) { self.artifactPaths = artifactPaths }
}

/// `data.transformation[]`: an expr-lang expression applied to the previous value.
public struct TransformationStep: Codable, Hashable, Sendable {
    public var expression: String
    public init(expression: String) { self.expression = expression }
}
