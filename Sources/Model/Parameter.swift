/// `Parameter` (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`). The executor only evaluates `valueFrom.path` (pod templates) and
/// `valueFrom.jsonPath` / `jqFilter` (resource templates); everything else is carried through.
public struct Parameter: Codable, Hashable, Sendable {
    public var name: String
    public var `default`: AnyString?
    public var value: AnyString?
    public var valueFrom: ValueFrom?
    public var globalName: String?
    public var `enum`: [AnyString]?
    public var description: AnyString?

    public init(name: String, value: AnyString? = nil, valueFrom: ValueFrom? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        `default` = try c.decodeIfPresent(AnyString.self, forKey: .default)
        value = try c.decodeIfPresent(AnyString.self, forKey: .value)
        valueFrom = try c.decodeIfPresent(ValueFrom.self, forKey: .valueFrom)
        globalName = try c.decodeIfPresent(String.self, forKey: .globalName)
        `enum` = try c.decodeIfPresent([AnyString].self, forKey: .enum)
        description = try c.decodeIfPresent(AnyString.self, forKey: .description)
    }
}

/// `valueFrom` of a parameter.
public struct ValueFrom: Codable, Hashable, Sendable {
    public var path: String?
    public var jsonPath: String?
    public var jqFilter: String?
    public var event: String?
    public var parameter: String?
    public var supplied: JSONValue?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var `default`: AnyString?
    public var expression: String?

    public init(path: String? = nil, default: AnyString? = nil) {
        self.path = path
        self.default = `default`
    }
}
