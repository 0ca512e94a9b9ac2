import Foundation

/// `hack/gcp-token-server.py`: Google's OAuth token endpoint (JWT bearer grants checked claim by claim and
/// against the service account's public key, refresh-token grants) and the metadata server's token path, on
/// loopback. The service account's RSA key is made here with the openssl CLI.
public final class GCPTokenServer {
    private let script: LoopbackScript
    public let email = "argo-artifacts@argo-test.iam.gserviceaccount.com"
    public let keyID = "0123456789abcdef"
    public let clientID = "argo-client.apps.googleusercontent.com"
    public let clientSecret = "d-FL95Q19q7MQmFpd7hHD0Ty"
    public let refreshToken = "1//refresh-argo-test"
    /// The scope claims Argo's key (read_write) and Application Default Credentials (full_control + cloud-platform) make.
    public static let storageScopes = ["https://www.googleapis.com/auth/devstorage.read_write",
                                       "https://www.googleapis.com/auth/devstorage.full_control https://www.googleapis.com/auth/cloud-platform"]
    /// PKCS#8 PEM, as Google's key files carry it.
    public let privateKeyPEM: String
    public var tokenURI: String { "http://127.0.0.1:\(script.port)/token" }
    /// `host:port` for `GCE_METADATA_HOST`.
    public var metadataHost: String { "127.0.0.1:\(script.port)" }

    public init(scopes: [String] = GCPTokenServer.storageScopes, expiresIn: Int = 3600) throws {
        try ExternalTool.require("openssl")
        try ExternalTool.requirePython("cryptography")
        let key = try GCSServer.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], env: [:])
        privateKeyPEM = String(decoding: key, as: UTF8.self)
        let publicKey = try Self.publicKey(privateKeyPEM)
        let config: [String: Any] = ["public_key": publicKey, "email": email, "kid": keyID, "scopes": scopes, "expires_in": expiresIn,
                                     "client_id": clientID, "client_secret": clientSecret, "refresh_token": refreshToken]
        script = try LoopbackScript("gcp-token-server.py", [String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)])
    }

    static func publicKey(_ pem: String) throws -> String {
        let file = NSTemporaryDirectory() + "argoexec-key-\(UUID().uuidString).pem"
        try Data(pem.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        return String(decoding: try GCSServer.run(["openssl", "pkey", "-in", file, "-pubout"], env: [:]), as: UTF8.self)
    }

    /// A service-account key file (JSON) for this server's account, with `tokenURI` unless overridden.
    public func serviceAccountJSON(privateKey: String? = nil, type: String = "service_account", tokenURI: String? = nil) throws -> String {
        let object: [String: Any] = ["type": type, "project_id": "argo-test", "private_key_id": keyID, "private_key": privateKey ?? privateKeyPEM,
                                     "client_email": email, "client_id": "1234567890", "token_uri": tokenURI ?? self.tokenURI]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// An authorized_user file (what `gcloud auth application-default login` writes).
    public func authorizedUserJSON() throws -> String {
        let object: [String: Any] = ["type": "authorized_user", "client_id": clientID, "client_secret": clientSecret,
                                     "refresh_token": refreshToken, "token_uri": tokenURI]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// `ok`, `deny`, `garbage`, `notoken` or `500` from now on.
    public func mode(_ mode: String) throws { try script.write("mode", mode) }

    /// Every request so far: path, grant, status, token (issued), error, flavor, scopes.
    public func requests() -> [[String: Any]] { script.requests() }

    /// The tokens issued so far, in order.
    public var issued: [String] { requests().compactMap { $0["token"] as? String } }
}
