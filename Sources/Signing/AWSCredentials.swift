/// An AWS access key pair, with the session token of temporary credentials. `description` never shows
/// the secret (docs/conventions.md rule 4: secrets never appear in errors or logs).
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "AWSCredentials(\(accessKeyID), secret redacted\(sessionToken == nil ? "" : ", session token"))" }
}
