/// `WorkflowArtifactGCTask` (argoproj.io/v1alpha1; Argo's `pkg/apis/workflow/v1alpha1/artifact_gc_task_types.go`): the
/// artifacts one GC pod deletes, by node, each node with the archive location its artifacts are relocated onto.
public struct WorkflowArtifactGCTask: Decodable, Sendable {
    public struct Metadata: Decodable, Sendable {
        public var name: String
        public var namespace: String?
    }

    public struct NodeArtifacts: Decodable, Sendable {
        public var archiveLocation: ArtifactLocation?
        public var artifacts: [String: Artifact]?
    }

    public struct Spec: Decodable, Sendable {
        public var artifactsByNode: [String: NodeArtifacts]?
    }

    public var metadata: Metadata
    public var spec: Spec?
}

/// `status.artifactResultsByNode[node].artifactResults[name]` as Go marshals `ArtifactResult`: `success` only when
/// true, `error` only when set.
public struct ArtifactGCResult: Encodable, Sendable, Equatable {
    public var name: String
    public var success: Bool
    public var error: String?

    public init(name: String, success: Bool, error: String? = nil) {
        self.name = name
        self.success = success
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case name, success, error }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        if success { try c.encode(true, forKey: .success) }
        try c.encodeIfPresent(error, forKey: .error)
    }
}

/// The merge patch of a task's `status` subresource.
public struct ArtifactGCStatusPatch: Encodable, Sendable {
    public struct NodeResults: Encodable, Sendable {
        public var artifactResults: [String: ArtifactGCResult]
    }

    public struct Status: Encodable, Sendable {
        public var artifactResultsByNode: [String: NodeResults]
    }

    public var status: Status

    public init(_ results: [String: [String: ArtifactGCResult]]) {
        status = Status(artifactResultsByNode: results.mapValues { NodeResults(artifactResults: $0) })
    }
}
