/// `WorkflowTaskResult` (argoproj.io/v1alpha1): how the executor reports a node's outputs (Argo's `workflow/executor/taskresult.go`).
/// `NodeResult` fields sit inline next to `metadata`.
public struct WorkflowTaskResult: Codable, Hashable, Sendable {
    public static let apiVersion = "argoproj.io/v1alpha1"
    public static let kind = "WorkflowTaskResult"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var result: NodeResult

    public init(metadata: ObjectMeta, result: NodeResult = NodeResult()) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.result = result
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        result = try NodeResult(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try result.encode(to: encoder)
    }
}

/// `NodeResult`: what a task result carries. The executor fills only `outputs` and `progress`.
public struct NodeResult: Codable, Hashable, Sendable {
    public var phase: String?
    public var message: String?
    public var outputs: Outputs?
    public var progress: String?

    public init(phase: String? = nil, message: String? = nil, outputs: Outputs? = nil, progress: String? = nil) {
        self.phase = phase
        self.message = message
        self.outputs = outputs
        self.progress = progress
    }
}

/// The subset of Kubernetes `ObjectMeta` the executor writes and reads.
public struct ObjectMeta: Codable, Hashable, Sendable {
    public var name: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?

    public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
                annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
    }
}

/// `metadata.ownerReferences[]` entry.
public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
    }
}
