/// `SecretKeySelector`: which key of which Secret holds a credential. The executor reads it from the file
/// `/argo/secret/<name>/<key>` that the controller mounts (Argo's `workflow/controller/workflowpod.go`).
public struct SecretKeySelector: Codable, Hashable, Sendable {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(name: String?, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }
}

/// `ConfigMapKeySelector`: a key of a ConfigMap (read through the Kubernetes API, only for HDFS).
public struct ConfigMapKeySelector: Codable, Hashable, Sendable {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(name: String?, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }
}
