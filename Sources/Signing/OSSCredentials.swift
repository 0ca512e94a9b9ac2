/// An Alibaba Cloud access key pair, with the STS security token of temporary credentials. `description`
/// never shows the secret (docs/conventions.md rule 4).
public struct OSSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var accessKeySecret: String
    public var securityToken: String?

    public init(accessKeyID: String, accessKeySecret: String, securityToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String { "OSSCredentials(\(accessKeyID), secret redacted\(securityToken == nil ? "" : ", security token"))" }
}
