import Foundation

/// The Azure Blob fake (`hack/azure-fake.py`) on loopback: strict Shared Key and SAS checks, bearer tokens
/// from its own OAuth and IMDS endpoints, block blobs, injected faults, and a state dump and request log the
/// tests read back. One account (`devstoreaccount1`, Azurite's well-known key) with container `argo`.
public final class AzureFake {
    public let account = "devstoreaccount1"
    public let accountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    /// The service principal and workload identity the token endpoint accepts, and the IMDS identity.
    public let tenant = "fake-tenant"
    public let clientID = "argo-client"
    public let clientSecret = "client-secret/+="
    public let federatedToken = "eyJhbGciOiJSUzI1NiJ9.workload.identity"
    public let imdsClientID = "imds-client"
    /// The running script (killed with its state directory when this value goes away).
    private let peer: LoopbackScript

    public var port: Int { peer.port }
    public var stateDir: String { peer.stateDir }

    /// `disk` keeps blobs in files; `closeConnections` answers one request per connection (behind `FaultProxy`,
    /// which forwards each connection's answer until the server closes it).
    public init(containers: [String] = ["argo"], disk: Bool = false, closeConnections: Bool = false, tokenLifetime: Int = 3600) throws {
        let config: [String: Any] = [
            "accounts": [account: ["key": accountKey, "containers": containers]], "disk": disk, "closeConnections": closeConnections,
            "tokenLifetime": tokenLifetime,
            "oauth": ["tenant": tenant, "clientId": clientID, "clientSecret": clientSecret, "assertion": federatedToken],
            "imds": ["clientId": imdsClientID],
        ]
        peer = try LoopbackScript("azure-fake.py", [String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)])
    }

    /// Azurite-style endpoint: the account is the first path segment.
    public var endpoint: String { "http://127.0.0.1:\(port)/\(account)" }
    /// Account-URL style (`<account>.localhost` resolves to loopback), as `https://<account>.blob.core.windows.net`.
    public var hostEndpoint: String { "http://\(account).localhost:\(port)" }
    /// The base URL of the token endpoint (AZURE_AUTHORITY_HOST) and of IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST).
    public var base: String { "http://127.0.0.1:\(port)" }

    /// Every request so far: method, account, container, blob, query [[k, v]], auth (sharedkey|sas-service|
    /// sas-account|bearer|oauth|imds|none), status, code, range, ifMatch, length.
    public func requests() -> [[String: Any]] { peer.requests() }

    /// `container` → blobs (size, md5, contentMD5, blocks, contentType) and uncommitted block counts.
    public func state(_ container: String = "argo") throws -> [String: Any] {
        let data = try Curl.run(["-sS", base + "/_fake/state"])
        let all = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        return all["\(account)/\(container)"] as? [String: Any] ?? [:]
    }

    public func blobs(_ container: String = "argo") throws -> [String: [String: Any]] {
        try state(container)["blobs"] as? [String: [String: Any]] ?? [:]
    }

    /// The next `count` requests matching `method` (and a query parameter name, or a blob) fail: with `status`
    /// and `code`, by dropping the connection (a GET after half the body), or by stalling `stall` seconds;
    /// `replace` then rewrites the blob (new content and ETag), as another writer would.
    public func fault(count: Int, method: String? = nil, query: String? = nil, blob: String? = nil, status: Int = 503,
                      code: String = "ServerBusy", drop: Bool = false, stall: Double = 0, replace: Bool = false) throws {
        var body: [String: Any] = ["count": count, "status": status, "code": code, "drop": drop, "stall": stall, "replace": replace]
        if let method { body["method"] = method }
        if let query { body["query"] = query }
        if let blob { body["blob"] = blob }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        _ = try Curl.run(["-sS", "-X", "POST", "-d", json, base + "/_fake/fault"])
    }

    /// A service SAS for `container` made by the official SDK (`generate_container_sas`): `permission` as
    /// letters (`rwdl`), valid for `minutes` from now (negative: already expired).
    public func containerSAS(_ container: String = "argo", permission: String, minutes: Int = 60) throws -> String {
        let script = """
        import sys, datetime
        from azure.storage.blob import generate_container_sas
        expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=int(sys.argv[4]))
        print(generate_container_sas(sys.argv[1], sys.argv[2], account_key=sys.argv[3], permission=sys.argv[5], expiry=expiry))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, account, container, accountKey, String(minutes), permission]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let token = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        guard p.terminationStatus == 0, !token.isEmpty else { throw MotoServer.SetupError(message: "generate_container_sas failed") }
        return token
    }

    /// Revokes every bearer token issued so far (the next request with one answers 401).
    public func expireTokens() throws {
        _ = try Curl.run(["-sS", "-X", "POST", base + "/_fake/expire-tokens"])
    }
}
