import Foundation

/// The OSS fake (`hack/oss-fake.py`) on loopback: strict V1/V4 signature checks, STS tokens, multipart,
/// CRC-64 headers, injected faults, and a state dump and request log the tests read back.
public final class OSSFake {
    public let port: Int
    public let stateDir: String
    public let accessKey = "LTAI-argo-test"
    public let secretKey = "fakeSecret123"
    /// Temporary keys that are accepted only with `stsToken`.
    public let stsAccessKey = "STS.argo-test"
    public let stsSecretKey = "stsSecret456"
    public let stsToken = "sts-token/+="
    public let region: String
    private let process: Process

    /// `oidc`: the role, provider and token AssumeRoleWithOIDC accepts.
    public init(buckets: [String] = ["argo-oss"], region: String = "cn-hangzhou",
                oidc: (role: String, provider: String, token: String)? = nil) throws {
        try ExternalTool.requirePython("crcmod")
        self.region = region
        stateDir = NSTemporaryDirectory() + "oss-fake-\(UUID().uuidString)"
        var config: [String: Any] = [
            "users": [accessKey: ["secret": secretKey], stsAccessKey: ["secret": stsSecretKey, "token": stsToken]],
            "region": region, "domain": "localhost", "buckets": buckets,
        ]
        if let oidc { config["oidc"] = ["roleArn": oidc.role, "providerArn": oidc.provider, "token": oidc.token] }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hack/oss-fake.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, stateDir, String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var found: Int?
        for _ in 0..<200 {
            if let p = try? String(contentsOfFile: stateDir + "/port", encoding: .utf8), let n = Int(p) { found = n; break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            throw MotoServer.SetupError(message: "oss-fake did not start")
        }
        port = found
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: stateDir)
    }

    /// Path-style endpoint (an IP literal).
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    /// Virtual-hosted endpoint (`<bucket>.localhost` resolves to loopback).
    public var hostEndpoint: String { "http://localhost:\(port)" }

    /// Every request so far: method, bucket, key, query [[k, v]], auth (v1|v4|sts|...), status, code, token.
    public func requests() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: stateDir + "/requests.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Buckets → objects (size, md5, crc64, contentType), lifecycle and logging documents; open uploads.
    public func state() throws -> [String: Any] {
        let data = try Curl.run(["-sS", endpoint + "/_fake/state"])
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    public func objects(_ bucket: String = "argo-oss") throws -> [String: [String: Any]] {
        let buckets = try state()["buckets"] as? [String: [String: Any]]
        return buckets?[bucket]?["objects"] as? [String: [String: Any]] ?? [:]
    }

    /// The next `count` requests matching `method` (and a query key, or a key) fail as described.
    public func fault(count: Int, method: String? = nil, query: String? = nil, key: String? = nil, status: Int = 503,
                      code: String = "ServiceUnavailable", drop: Bool = false, badCrc: Bool = false) throws {
        var body: [String: Any] = ["count": count, "status": status, "code": code, "drop": drop, "badCrc": badCrc]
        if let method { body["method"] = method }
        if let query { body["query"] = query }
        if let key { body["key"] = key }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        _ = try Curl.run(["-sS", "-X", "POST", "-d", json, endpoint + "/_fake/fault"])
    }
}
