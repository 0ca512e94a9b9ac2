import Core
import Logging
import Signing
import Synchronization
import Transport
import ModelBase

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where OSS requests get their keys (Argo's `workflow/artifacts/oss/oss.go`): fixed keys (secrets + `securityToken`, or the
/// environment's), RRSA/OIDC (AssumeRoleWithOIDC at Alibaba STS, the token file re-read on every refresh),
/// or a credentials URI. Temporary keys are cached and fetched again five minutes before they expire, or
/// at once after `invalidate()` (an expired-token answer).
public final class OSSCredentialProvider: Sendable {
    public enum Source: Sendable {
        case fixed(OSSCredentials)
        case oidc(roleARN: String, providerARN: String, tokenFile: String, sessionName: String, stsEndpoint: String)
        /// `ALIBABA_CLOUD_CREDENTIALS_URI`: a GET answering `{"Code":"Success","AccessKeyId",...}`.
        case uri(String)
    }

    struct Temporary: Sendable {
        var credentials: OSSCredentials
        var expiration: UTCTime?
    }

    public let source: Source
    /// Where each fetch of temporary credentials is logged (at debug), attached by the store factory.
    private let logger = Mutex<Logger?>(nil)
    private let cache = Mutex<Temporary?>(nil)
    static let refreshMargin: Int64 = 300

    public init(_ source: Source) { self.source = source }

    public convenience init(fixed credentials: OSSCredentials) { self.init(.fixed(credentials)) }

    public var refreshable: Bool {
        if case .fixed = source { return false }
        return true
    }

    public func credentials() throws(ExecError) -> OSSCredentials {
        if case .fixed(let credentials) = source { return credentials }
        let now = UTCTime.now().secondsSinceEpoch
        if let cached = cache.withLock({ $0 }), (cached.expiration?.secondsSinceEpoch ?? .max) - Self.refreshMargin > now {
            return cached.credentials
        }
        let fresh = try Backoff.executorDefault.retrySync { () throws(ExecError) in try fetch() }
        cache.withLock { $0 = fresh }
        logger.withLock { $0 }?.debug("fetched temporary Alibaba Cloud credentials",
                                      metadata: ["expires": "\(fresh.expiration?.rfc3339() ?? "never")"])
        return fresh.credentials
    }

    /// Logs every fetch of temporary credentials from now on.
    public func attach(_ logger: Logger) { self.logger.withLock { $0 = logger } }

    public func invalidate() { cache.withLock { $0 = nil } }

    private func fetch() throws(ExecError) -> Temporary {
        switch source {
        case .fixed(let credentials):
            return Temporary(credentials: credentials, expiration: nil)
        case .oidc(let role, let provider, let tokenFile, let session, let endpoint):
            let token = String(decoding: try FileIO.readAll(tokenFile, limit: 1 << 20), as: UTF8.self).trimmingSpaces()
            guard !token.isEmpty else { throw ExecError(.badRequest, "OIDC token file \(tokenFile) is empty") }
            let base = endpoint.contains(text: "://") ? endpoint : "https://" + endpoint
            let query = [("Action", "AssumeRoleWithOIDC"), ("Format", "JSON"), ("Version", "2015-04-01"),
                         ("Timestamp", UTCTime.now().rfc3339())]
            let form = [("RoleArn", role), ("OIDCProviderArn", provider), ("OIDCToken", token), ("RoleSessionName", session),
                        ("DurationSeconds", "3600")]
            func encode(_ pairs: [(String, String)]) -> String {
                pairs.map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }.joined(separator: "&")
            }
            let request = HTTPRequest(method: "POST", url: base + "/?" + encode(query),
                                      headers: [("Content-Type", "application/x-www-form-urlencoded")], body: .bytes(Array(encode(form).utf8)))
            let document = try Self.call(request, what: "AssumeRoleWithOIDC at \(base)")
            guard let c = document.Credentials else {
                throw ExecError(.internal, "AssumeRoleWithOIDC at \(base): the answer holds no Credentials")
            }
            return c.temporary
        case .uri(let url):
            let document = try Self.call(HTTPRequest(method: "GET", url: url), what: "credentials URI \(url)")
            guard document.Code == nil || document.Code == "Success", let id = document.AccessKeyId, let secret = document.AccessKeySecret else {
                throw ExecError(.forbidden, "credentials URI \(url) answered Code \(document.Code ?? "none") without keys")
            }
            return Temporary(credentials: OSSCredentials(accessKeyID: id, accessKeySecret: secret, securityToken: document.SecurityToken),
                             expiration: document.Expiration.flatMap(UTCTime.parseRFC3339))
        }
    }

    /// The STS / credentials-URI JSON documents.
    struct Document: Decodable {
        struct Keys: Decodable {
            var AccessKeyId: String
            var AccessKeySecret: String
            var SecurityToken: String?
            var Expiration: String?
            var temporary: Temporary {
                Temporary(credentials: OSSCredentials(accessKeyID: AccessKeyId, accessKeySecret: AccessKeySecret, securityToken: SecurityToken),
                          expiration: Expiration.flatMap(UTCTime.parseRFC3339))
            }
        }
        var Code: String?
        var Message: String?
        var Credentials: Keys?
        var AccessKeyId: String?
        var AccessKeySecret: String?
        var SecurityToken: String?
        var Expiration: String?
    }

    private static func call(_ request: HTTPRequest, what: String) throws(ExecError) -> Document {
        var request = request
        request.connectTimeoutMs = 5000
        request.totalTimeoutSeconds = 30
        let sink = MemorySink()
        let r = try HTTPClient.perform(request, into: sink)
        let body = r.status == 200 ? sink.bytes : r.errorBody
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(body))
        } catch {
            throw ExecError(.internal, "\(what) answered \(r.status) with something that is not a credentials document",
                            cause: SendableErrorText(error), transient: r.status >= 500)
        }
        guard r.status == 200 else {
            throw ExecError(r.status == 400 || r.status == 403 ? .forbidden : .internal,
                            "\(what): \(document.Code ?? "HTTP \(r.status)"): \(document.Message ?? "")",
                            transient: r.status >= 500 || r.status == 429)
        }
        return document
    }
}
