import Core
import Logging
import Signing
import Synchronization
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where GCS requests get their `Authorization: Bearer` token (docs/artifacts.md#gcs): a service account's
/// JWT bearer grant at the key's `token_uri` (golang.org/x/oauth2 `jwt`), an authorized_user refresh token
/// (oauth2 `Config.TokenSource`), the GCE/GKE metadata server (`ComputeTokenSource`), or nothing (an
/// emulator). A token is cached and fetched again before it expires, or at once after `invalidate()` (a 401).
/// One fetch at a time: parallel transfers starting together wait for it instead of each asking.
public final class GCSCredentialProvider: Sendable {
    public enum Source: Sendable {
        case anonymous
        case serviceAccount(email: String, signer: JWTSigner, tokenURI: String, scopes: [String])
        case authorizedUser(clientID: String, clientSecret: String, refreshToken: String, tokenURI: String)
        case metadata(host: String, scopes: [String])
    }

    struct Token: Sendable {
        var value: String
        /// When to fetch the next one (nil: when the server refuses this one).
        var refreshAt: UTCTime?
    }

    public let source: Source
    private let cache = Mutex<Token?>(nil)
    private let fetching = Mutex<Void>(())
    private let logger = Mutex<Logger?>(nil)

    public init(_ source: Source) { self.source = source }

    /// `devstorage.read_write`: what Argo asks for with a serviceAccountKeySecret.
    public static let readWriteScopes = ["https://www.googleapis.com/auth/devstorage.read_write"]
    /// What cloud.google.com/go/storage asks for with Application Default Credentials.
    public static let defaultScopes = ["https://www.googleapis.com/auth/devstorage.full_control",
                                       "https://www.googleapis.com/auth/cloud-platform"]
    /// Google's token endpoint (oauth2 `google.JWTTokenURL`, `google.Endpoint.TokenURL`).
    public static let googleTokenURI = "https://oauth2.googleapis.com/token"

    public var anonymous: Bool {
        if case .anonymous = source { return true }
        return false
    }

    /// The `Authorization` header value, nil for anonymous requests.
    public func authorization() throws(ExecError) -> String? {
        if anonymous { return nil }
        if let token = current() { return "Bearer " + token }
        return try fetching.withLock { (_) throws(ExecError) -> String? in
            if let token = current() { return "Bearer " + token }  // fetched while this thread waited
            let fresh = try GCSTokenRequest(source: source).fetch()
            cache.withLock { $0 = fresh }
            logger.withLock { $0 }?.debug("fetched a Google access token",
                                          metadata: ["refreshAt": "\(fresh.refreshAt?.rfc3339() ?? "on refusal")"])
            return "Bearer " + fresh.value
        }
    }

    /// Forgets the cached token (the server answered 401 with it).
    public func invalidate() { cache.withLock { $0 = nil } }

    /// Logs every token fetch from now on (never the token).
    public func attach(_ logger: Logger) { self.logger.withLock { $0 = logger } }

    private func current() -> String? {
        guard let token = cache.withLock({ $0 }) else { return nil }
        if let at = token.refreshAt, UTCTime.now() >= at { return nil }
        return token.value
    }
}
