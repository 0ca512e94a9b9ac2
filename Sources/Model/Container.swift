/// The subset of a Kubernetes `Container` the executor reads. Other keys (resources, securityContext, ...)
/// are ignored on decoding; the executor keeps the template's original JSON when it writes it back out.
public struct Container: Codable, Hashable, Sendable {
    public var name: String?
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var env: [EnvVar]?
    public var volumeMounts: [VolumeMount]?
    public var tty: Bool?
    public var stdin: Bool?

    public init(name: String? = nil, image: String? = nil, command: [String]? = nil, args: [String]? = nil) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
    }
}

/// `volumeMounts[]` entry.
public struct VolumeMount: Codable, Hashable, Sendable {
    public var name: String
    public var mountPath: String
    public var subPath: String?
    public var readOnly: Bool?

    public init(name: String, mountPath: String, subPath: String? = nil, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.readOnly = readOnly
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        mountPath = try c.decodeIfPresent(String.self, forKey: .mountPath) ?? ""
        subPath = try c.decodeIfPresent(String.self, forKey: .subPath)
        readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
    }
}

/// `env[]` entry; `valueFrom` (downward API, secret refs) is kept opaque.
public struct EnvVar: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: JSONValue?
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// `script:` = container fields inline plus `source`.
public struct ScriptTemplate: Codable, Hashable, Sendable {
    public var container: Container
    public var source: String?

    public init(container: Container = Container(), source: String? = nil) {
        self.container = container
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case source }

    public init(from decoder: any Decoder) throws {
        container = try Container(from: decoder)
        source = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        try container.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(source, forKey: .source)
    }
}

/// `sidecars[]` entry: container fields inline plus `mirrorVolumeMounts`.
public struct UserContainer: Codable, Hashable, Sendable {
    public var container: Container
    public var mirrorVolumeMounts: Bool?

    public init(container: Container, mirrorVolumeMounts: Bool? = nil) {
        self.container = container
        self.mirrorVolumeMounts = mirrorVolumeMounts
    }

    enum CodingKeys: String, CodingKey { case mirrorVolumeMounts }

    public init(from decoder: any Decoder) throws {
        container = try Container(from: decoder)
        mirrorVolumeMounts = try decoder.container(keyedBy: CodingKeys.self)
            .decodeIfPresent(Bool.self, forKey: .mirrorVolumeMounts)
    }

    public func encode(to encoder: any Encoder) throws {
        try container.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(mirrorVolumeMounts, forKey: .mirrorVolumeMounts)
    }
}
