/// An `http` template (Argo's `pkg/apis/workflow/v1alpha1/http_types.go`): what the agent pod sends and how it
/// judges the answer. `bodyFrom.bytes` stays the base64 text Go's `[]byte` is serialised as; the agent
/// decodes it, so a bad value fails that one task instead of the whole task set.
public struct HTTPTemplate: Codable, Hashable, Sendable {
    public var method: String?
    public var url: String?
    public var headers: [HTTPTemplateHeader]?
    public var timeoutSeconds: Int64?
    public var successCondition: String?
    public var body: String?
    public var bodyFrom: HTTPBodySource?
    public var insecureSkipVerify: Bool?

    public init(method: String? = nil, url: String? = nil, headers: [HTTPTemplateHeader]? = nil, timeoutSeconds: Int64? = nil,
                successCondition: String? = nil, body: String? = nil, bodyFrom: HTTPBodySource? = nil, insecureSkipVerify: Bool? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.timeoutSeconds = timeoutSeconds
        self.successCondition = successCondition
        self.body = body
        self.bodyFrom = bodyFrom
        self.insecureSkipVerify = insecureSkipVerify
    }
}

/// One request header: a literal `value`, or `valueFrom.secretKeyRef` read through the API.
public struct HTTPTemplateHeader: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: HTTPHeaderSource?

    public init(name: String, value: String? = nil, valueFrom: HTTPHeaderSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

public struct HTTPHeaderSource: Codable, Hashable, Sendable {
    public var secretKeyRef: SecretKeySelector?
    public init(secretKeyRef: SecretKeySelector? = nil) { self.secretKeyRef = secretKeyRef }
}

/// `bodyFrom`: the body as bytes (base64 in JSON, as Go serialises `[]byte`).
public struct HTTPBodySource: Codable, Hashable, Sendable {
    public var bytes: String?
    public init(bytes: String? = nil) { self.bytes = bytes }
}
