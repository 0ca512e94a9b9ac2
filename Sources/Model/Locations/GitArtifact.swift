/// `git:` location, input only (Argo's `workflow/artifacts/git/git.go`).
public struct GitArtifact: Codable, Hashable, Sendable {
    public var repo: String?
    public var revision: String?
    public var depth: UInt64?
    public var fetch: [String]?
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?
    public var sshPrivateKeySecret: SecretKeySelector?
    public var insecureIgnoreHostKey: Bool?
    public var disableSubmodules: Bool?
    public var singleBranch: Bool?
    public var branch: String?
    public var insecureSkipTLS: Bool?

    public init(repo: String? = nil, revision: String? = nil) {
        self.repo = repo
        self.revision = revision
    }
}

/// `raw:` location: the artifact's content inline (Argo's `workflow/artifacts/raw/raw.go`).
public struct RawArtifact: Codable, Hashable, Sendable {
    public var data: String
    public init(data: String) { self.data = data }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        data = try c.decodeIfPresent(String.self, forKey: .data) ?? ""
    }
}
