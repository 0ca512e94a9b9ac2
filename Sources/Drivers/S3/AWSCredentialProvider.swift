import Core
import Logging
import Signing
import Synchronization
import Transport

/// Where S3 requests get their credentials (Argo's `workflow/artifacts/s3/s3.go`): fixed keys (secrets, or the environment of
/// `useSDKCreds`), IRSA web identity, or an assumed role on top of another provider. Temporary credentials
/// are cached and fetched again five minutes before they expire, or at once after `invalidate()` (an
/// ExpiredToken answer), so a long upload outlives its first session.
public final class AWSCredentialProvider: Sendable {
    public enum Source: Sendable {
        case fixed(AWSCredentials)
        /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`; the token file is read on every refresh (kubelet rotates it).
        case webIdentity(tokenFile: String, roleARN: String, sessionName: String, sts: STSClient)
        /// `roleARN` on an S3 location: AssumeRole with the base provider's credentials.
        case assumeRole(roleARN: String, sessionName: String, base: AWSCredentialProvider, sts: STSClient)
        /// A container credentials endpoint (ECS/EKS Pod Identity), or EC2 instance metadata (IMDSv2) when `metadata`.
        case endpoint(url: String, token: String?, tokenFile: String?, metadata: Bool)
    }

    public let source: Source
    /// Where each fetch of temporary credentials is logged (at debug), attached by the store factory.
    private let logger = Mutex<Logger?>(nil)
    private let cache = Mutex<STSClient.Temporary?>(nil)
    static let refreshMargin: Int64 = 300

    public init(_ source: Source) { self.source = source }

    public convenience init(fixed credentials: AWSCredentials) { self.init(.fixed(credentials)) }

    /// Whether fetching again can give different credentials (worth retrying an ExpiredToken answer).
    public var refreshable: Bool {
        if case .fixed = source { return false }
        return true
    }

    public func credentials() throws(ExecError) -> AWSCredentials {
        if case .fixed(let credentials) = source { return credentials }
        let now = UTCTime.now().secondsSinceEpoch
        if let cached = cache.withLock({ $0 }), (cached.expiration?.secondsSinceEpoch ?? .max) - Self.refreshMargin > now {
            return cached.credentials
        }
        let fresh = try fetch()
        cache.withLock { $0 = fresh }
        logger.withLock { $0 }?.debug("fetched temporary AWS credentials",
                                      metadata: ["source": "\(sourceName)", "expires": "\(fresh.expiration?.rfc3339() ?? "never")"])
        return fresh.credentials
    }

    private var sourceName: String {
        switch source {
        case .fixed: "fixed"
        case .webIdentity: "web identity"
        case .assumeRole: "assumed role"
        case .endpoint(_, _, _, let metadata): metadata ? "instance metadata" : "container endpoint"
        }
    }

    /// Forgets cached credentials (and the base provider's): the next request fetches new ones.
    /// Logs every fetch of temporary credentials from now on (and the base provider's).
    public func attach(_ logger: Logger) {
        self.logger.withLock { $0 = logger }
        if case .assumeRole(_, _, let base, _) = source { base.attach(logger) }
    }

    public func invalidate() {
        cache.withLock { $0 = nil }
        if case .assumeRole(_, _, let base, _) = source { base.invalidate() }
    }

    private func fetch() throws(ExecError) -> STSClient.Temporary {
        switch source {
        case .fixed(let credentials):
            return STSClient.Temporary(credentials: credentials, expiration: nil)
        case .webIdentity(let tokenFile, let roleARN, let sessionName, let sts):
            let token = String(decoding: try FileIO.readAll(tokenFile, limit: 1 << 20), as: UTF8.self).trimmingSpaces()
            guard !token.isEmpty else { throw ExecError(.badRequest, "web identity token file \(tokenFile) is empty") }
            return try Backoff.executorDefault.retrySync { () throws(ExecError) in
                try sts.assumeRoleWithWebIdentity(roleARN: roleARN, sessionName: sessionName, token: token)
            }
        case .assumeRole(let roleARN, let sessionName, let base, let sts):
            let baseCredentials = try base.credentials()
            return try Backoff.executorDefault.retrySync { () throws(ExecError) in
                try sts.assumeRole(roleARN: roleARN, sessionName: sessionName, credentials: baseCredentials)
            }
        case .endpoint(let url, let token, let tokenFile, let metadata):
            return try Backoff.executorDefault.retrySync { () throws(ExecError) in
                metadata ? try Self.instanceMetadata(url) : try Self.container(url, token: token, tokenFile: tokenFile)
            }
        }
    }

    private static func container(_ url: String, token: String?, tokenFile: String?) throws(ExecError) -> STSClient.Temporary {
        var authorization = token
        if let tokenFile, !tokenFile.isEmpty {
            authorization = String(decoding: try FileIO.readAll(tokenFile, limit: 1 << 20), as: UTF8.self).trimmingSpaces()
        }
        let body = try get(url, headers: authorization.map { [("Authorization", $0)] } ?? [])
        return try EndpointCredentials.decode(body, from: url)
    }

    /// IMDSv2: a session token first, then the role name, then that role's credentials.
    private static func instanceMetadata(_ base: String) throws(ExecError) -> STSClient.Temporary {
        var tokenRequest = HTTPRequest(method: "PUT", url: base + "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        tokenRequest.connectTimeoutMs = 1000
        let tokenSink = MemorySink()
        let r = try HTTPClient.perform(tokenRequest, into: tokenSink)
        guard r.status == 200 else { throw ExecError(.forbidden, "instance metadata \(base): token request answered \(r.status)") }
        let header = [("X-aws-ec2-metadata-token", String(decoding: tokenSink.bytes, as: UTF8.self))]
        let roles = String(decoding: try get(base + "/latest/meta-data/iam/security-credentials/", headers: header), as: UTF8.self)
        guard let role = roles.split(separator: "\n").first.map(String.init)?.trimmingSpaces(), !role.isEmpty else {
            throw ExecError(.notFound, "instance metadata \(base): no IAM role attached to this instance")
        }
        let url = base + "/latest/meta-data/iam/security-credentials/" + role
        return try EndpointCredentials.decode(try get(url, headers: header), from: url)
    }

    private static func get(_ url: String, headers: [(String, String)]) throws(ExecError) -> [UInt8] {
        var request = HTTPRequest(method: "GET", url: url, headers: headers)
        request.connectTimeoutMs = 2000
        let sink = MemorySink()
        let r = try HTTPClient.perform(request, into: sink)
        guard r.status == 200 else {
            throw ExecError(r.status == 404 ? .notFound : .forbidden, "credentials endpoint \(url) answered \(r.status)",
                            transient: r.status >= 500 || r.status == 429)
        }
        return sink.bytes
    }
}
