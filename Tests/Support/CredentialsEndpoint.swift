import Foundation

/// A container credentials endpoint (the ECS / EKS Pod Identity protocol) on loopback: every GET answers
/// the given keys as a credentials document and is counted, with the Authorization header it carried.
public final class CredentialsEndpoint {
    public let url: String
    private let process: Process
    private let state: String

    static let script = #"""
    import http.server, json, sys
    port, key, secret, state = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    hits = [0]
    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != '/creds':
                self.send_response(200); self.send_header('Content-Length', '0'); self.end_headers(); return
            hits[0] += 1
            with open(state, 'w') as f: f.write('%d\n%s' % (hits[0], self.headers.get('Authorization', '')))
            body = json.dumps({'AccessKeyId': key, 'SecretAccessKey': secret, 'Token': 'session-%d' % hits[0],
                               'Expiration': '2099-01-01T00:00:00Z'}).encode()
            self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()
            self.wfile.write(body)
        def log_message(self, *a): pass
    http.server.HTTPServer(('127.0.0.1', port), H).serve_forever()
    """#

    public init(accessKey: String, secretKey: String) throws {
        try ExternalTool.require("python3")
        let port = try MotoServer.freePort()
        url = "http://127.0.0.1:\(port)/creds"
        state = NSTemporaryDirectory() + "argoexec-creds-\(UUID().uuidString)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(port), accessKey, secretKey, state]
        try process.run()
        for _ in 0..<100 {
            if (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/ready")!)) != nil { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try? FileManager.default.removeItem(atPath: state)
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: state)
    }

    private var lines: [String] { ((try? String(contentsOfFile: state, encoding: .utf8)) ?? "").components(separatedBy: "\n") }
    public var hits: Int { Int(lines.first ?? "") ?? 0 }
    public var lastAuthorization: String { lines.count > 1 ? lines[1] : "" }
}
