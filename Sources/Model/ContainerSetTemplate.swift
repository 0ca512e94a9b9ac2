/// `containerSet:` template body (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`, `cmd/argoexec/commands/emissary.go`).
public struct ContainerSetTemplate: Codable, Hashable, Sendable {
    public var containers: [ContainerNode]
    public var volumeMounts: [VolumeMount]?
    public var retryStrategy: ContainerSetRetryStrategy?

    public init(containers: [ContainerNode], volumeMounts: [VolumeMount]? = nil, retryStrategy: ContainerSetRetryStrategy? = nil) {
        self.containers = containers
        self.volumeMounts = volumeMounts
        self.retryStrategy = retryStrategy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        containers = try c.decodeIfPresent([ContainerNode].self, forKey: .containers) ?? []
        volumeMounts = try c.decodeIfPresent([VolumeMount].self, forKey: .volumeMounts)
        retryStrategy = try c.decodeIfPresent(ContainerSetRetryStrategy.self, forKey: .retryStrategy)
    }
}

/// A member of a container set: container fields inline plus `dependencies`.
public struct ContainerNode: Codable, Hashable, Sendable {
    public var container: Container
    public var dependencies: [String]?

    public init(container: Container, dependencies: [String]? = nil) {
        self.container = container
        self.dependencies = dependencies
    }

    public var name: String { container.name ?? "" }

    enum CodingKeys: String, CodingKey { case dependencies }

    public init(from decoder: any Decoder) throws {
        container = try Container(from: decoder)
        dependencies = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([String].self, forKey: .dependencies)
    }

    public func encode(to encoder: any Encoder) throws {
        try container.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(dependencies, forKey: .dependencies)
    }
}

/// `containerSet.retryStrategy`: `retries` is the total number of attempts, `duration` a Go duration
/// slept between them.
public struct ContainerSetRetryStrategy: Codable, Hashable, Sendable {
    public var retries: IntOrString?
    public var duration: String?
    public init(retries: IntOrString? = nil, duration: String? = nil) {
        self.retries = retries
        self.duration = duration
    }
}
