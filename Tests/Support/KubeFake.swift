import Foundation

/// The Kubernetes API fake (`hack/kube-fake.py`) on loopback over HTTPS with its own CA: bearer tokens with
/// per-user permissions, merge patches, Status bodies, and a request log the tests read back.
public final class KubeFake {
    public let server: String
    public let caFile: String
    public let stateDir: String
    private let process: Process

    /// `users`: token → (name, allowed "verb resource" pairs, "*" for everything); `objects`: JSON objects
    /// present at start (each with apiVersion, kind, metadata.name and metadata.namespace).
    /// `absent`: resource types the fake does not serve (404 on them, missing from discovery), as a cluster
    /// without that CRD.
    /// `crds`: custom resource types served besides the built-in ones (`group`, `version`, `kind`, `plural`,
    /// `namespaced`, `shortNames`, `status`), as an installed CRD.
    public init(users: [String: (name: String, allow: [String])], objects: [[String: Any]] = [], absent: [String] = [],
                crds: [[String: Any]] = []) throws {
        try ExternalTool.require("python3")
        try ExternalTool.require("openssl")
        stateDir = NSTemporaryDirectory() + "kube-fake-\(UUID().uuidString)"
        var userJSON: [String: Any] = [:]
        for (token, user) in users { userJSON[token] = ["name": user.name, "allow": user.allow] }
        let config = try JSONSerialization.data(withJSONObject: ["users": userJSON, "objects": objects, "absent": absent, "crds": crds])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hack/kube-fake.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, stateDir, String(decoding: config, as: UTF8.self)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port: String?
        for _ in 0..<200 {
            if let p = try? String(contentsOfFile: stateDir + "/port", encoding: .utf8) { port = p; break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw MotoServer.SetupError(message: "kube-fake did not start")
        }
        server = "https://127.0.0.1:\(port)"
        caFile = stateDir + "/ca.pem"
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: stateDir)
    }

    /// Every request so far: method, path, user, contentType, status, body (parsed JSON).
    public func requests() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: stateDir + "/requests.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Makes every API call answer `status` (503 or 429 with Retry-After: 1) for `seconds`.
    public func outage(seconds: Double, status: Int = 503, adminToken: String) throws {
        try control("/_fake/outage", ["seconds": seconds, "status": status], adminToken: adminToken)
    }

    /// Makes the fake apply a request `after` seconds from now, as a controller changing an object while a
    /// client polls it (a Job going Complete).
    public func later(after: Double, method: String, path: String, body: Any, contentType: String = "application/merge-patch+json",
                      adminToken: String) throws {
        try control("/_fake/later", ["after": after, "method": method, "path": path, "body": body, "contentType": contentType],
                    adminToken: adminToken)
    }

    /// Ends every open watch stream abruptly (no terminating chunk), as a connection lost mid-stream.
    public func dropWatches(adminToken: String) throws {
        try control("/_fake/drop-watches", [:], adminToken: adminToken)
    }

    /// Forgets the history up to now and cuts open watches: a watch resumed from an older resourceVersion gets a
    /// 410 `Expired` ERROR event, as after an etcd compaction.
    public func compact(adminToken: String) throws {
        try control("/_fake/compact", [:], adminToken: adminToken)
    }

    /// Replaces the accepted tokens (token rotation).
    public func setUsers(_ users: [String: (name: String, allow: [String])], adminToken: String) throws {
        var json: [String: Any] = [:]
        for (token, user) in users { json[token] = ["name": user.name, "allow": user.allow] }
        try control("/_fake/tokens", json, adminToken: adminToken)
    }

    /// The stored object at `path`, through curl (the test's own independent client).
    public func object(_ path: String, adminToken: String) throws -> [String: Any] {
        let data = try Curl.run(["-sS", "--cacert", caFile, "-H", "Authorization: Bearer \(adminToken)", server + path])
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    private func control(_ path: String, _ body: [String: Any], adminToken: String) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        _ = try Curl.run(["-sS", "-X", "POST", "--cacert", caFile, "-H", "Authorization: Bearer \(adminToken)", "-d", json, server + path])
    }
}
