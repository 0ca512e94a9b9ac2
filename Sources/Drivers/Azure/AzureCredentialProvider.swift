import Core
import Logging
import Signing
import Synchronization

/// How requests to one container are authorized (Argo's `newAzureContainerClient` in
/// `workflow/artifacts/azure/azure.go`): an account key (Shared Key signatures), a SAS token appended to
/// every URL, or, for `useSDKCreds`, a Microsoft Entra bearer token from the part of DefaultAzureCredential's
/// chain this executor implements (`AzureEnvironment.defaultChain`). Tokens are cached and fetched again
/// five minutes before they expire, or at once after `invalidate()` (a 401 from the service).
public final class AzureCredentialProvider: Sendable {
    public enum Source: Sendable {
        case sharedKey(AzureSharedKeySigner)
        case sas(AzureSASToken)
        /// EnvironmentCredential: a service principal's client secret.
        case clientSecret(tenantID: String, clientID: String, secret: String, authorityHost: String)
        /// WorkloadIdentityCredential: the projected service account token as the client assertion, re-read on
        /// every fetch (the kubelet rotates it).
        case workloadIdentity(tenantID: String, clientID: String, tokenFile: String, authorityHost: String)
        /// ManagedIdentityCredential through IMDS (`endpoint` is its base URL); `clientID` selects a
        /// user-assigned identity.
        case managedIdentity(endpoint: String, clientID: String?)
    }

    public enum Kind: Sendable { case sharedKey, sas, token }

    public struct Token: Sendable {
        public var value: String
        public var expiresOn: Int64
    }

    public let source: Source
    private let cache = Mutex<Token?>(nil)
    private let logger = Mutex<Logger?>(nil)
    static let refreshMargin: Int64 = 300
    /// Token requests are retried on transient failures about as azcore's retry policy does (three tries).
    static let tokenRetry = Backoff(steps: 3, duration: .milliseconds(500), factor: 2, jitter: 0.2)
    /// The scope and resource every token is asked for.
    static let scope = "https://storage.azure.com/.default"
    static let resource = "https://storage.azure.com"

    public init(_ source: Source) { self.source = source }

    public var kind: Kind {
        switch source {
        case .sharedKey: .sharedKey
        case .sas: .sas
        case .clientSecret, .workloadIdentity, .managedIdentity: .token
        }
    }

    public var refreshable: Bool { kind == .token }

    /// Logs every token fetch from now on (at debug; never the token).
    public func attach(_ logger: Logger) { self.logger.withLock { $0 = logger } }

    public func invalidate() { cache.withLock { $0 = nil } }

    /// A bearer token valid for at least the refresh margin, fetched (with retries) when the cached one is not.
    public func token() throws(ExecError) -> String {
        let now = UTCTime.now().secondsSinceEpoch
        if let cached = cache.withLock({ $0 }), cached.expiresOn - Self.refreshMargin > now { return cached.value }
        let fresh = try Self.tokenRetry.retrySync { () throws(ExecError) in try AzureTokenRequest.fetch(source) }
        cache.withLock { $0 = fresh }
        logger.withLock { $0 }?.debug("fetched a Microsoft Entra token for Azure Storage", metadata: ["expiresOn": "\(fresh.expiresOn)"])
        return fresh.value
    }

    /// The headers (Shared Key, Bearer) or query suffix (SAS) that authorize `request`, whose headers
    /// already hold `x-ms-date` and `x-ms-version`.
    func authorize(_ request: AzureSharedKeySigner.Request) throws(ExecError) -> (headers: [(String, String)], query: String?) {
        switch source {
        case .sharedKey(let signer): return ([try signer.authorization(request)], nil)
        case .sas(let token): return ([], token.query)
        case .clientSecret, .workloadIdentity, .managedIdentity: return ([("Authorization", "Bearer " + (try token()))], nil)
        }
    }
}
