/// `http:` location (Argo's `workflow/artifacts/http/http.go`): GET on input, PUT on output.
public struct HTTPArtifact: Codable, Hashable, Sendable {
    public var url: String?
    public var headers: [HTTPHeader]?
    public var auth: HTTPAuth?
    public var saveStreamViaFile: Bool?

    public init(url: String? = nil) { self.url = url }
}

/// One `headers[]` entry (repeats allowed).
public struct HTTPHeader: Codable, Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `auth:` of an HTTP location.
public struct HTTPAuth: Codable, Hashable, Sendable {
    public var basicAuth: BasicAuth?
    public var clientCert: ClientCertAuth?
    public var oauth2: OAuth2Auth?
    public init() {}
}

public struct BasicAuth: Codable, Hashable, Sendable {
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?
    public init() {}
}

public struct ClientCertAuth: Codable, Hashable, Sendable {
    public var clientCertSecret: SecretKeySelector?
    public var clientKeySecret: SecretKeySelector?
    public init() {}
}

public struct OAuth2Auth: Codable, Hashable, Sendable {
    public var clientIDSecret: SecretKeySelector?
    public var clientSecretSecret: SecretKeySelector?
    public var tokenURLSecret: SecretKeySelector?
    public var scopes: [String]?
    public var endpointParams: [OAuth2EndpointParam]?
    public init() {}
}

public struct OAuth2EndpointParam: Codable, Hashable, Sendable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

/// `artifactory:` location: an HTTP URL always used with Basic auth (Argo's `workflow/artifacts/artifacts.go`).
public struct ArtifactoryArtifact: Codable, Hashable, Sendable {
    public var url: String?
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?
    public init(url: String? = nil) { self.url = url }
}
