import Core
@testable import Drivers
import Foundation
import Model
import Testing
import TestSupport

@Suite("HTTP and Artifactory artifacts against nginx (docs/artifacts.md)", .serialized)
struct HTTPStoreTests {
    @Test("PUT then GET with headers; 404 is NotFound; a 307 PUT re-sends the body; peek")
    func publicRoundTrip() throws {
        let nginx = try NginxServer()
        let scratch = try ScratchDirectory("http")
        let dir = scratch.path
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/in.bin"))
        var http = HTTPArtifact(url: nginx.base + "/public/wf/out.bin")
        http.headers = [HTTPHeader(name: "X-Argo-Test", value: "yes")]
        let store = try HTTPStore(http, secrets: SecretFiles(directory: "/nonexistent"))
        try store.save(dir + "/in.bin")
        try store.load(to: dir + "/back.bin")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/back.bin"))) == bytes)
        #expect(try store.peek(4) == Array(bytes.prefix(4)))
        #expect(nginx.accessLog.contains { $0.hasPrefix("PUT /public/wf/out.bin 201 \"yes\"") })
        let missing = #expect(throws: ExecError.self) { try HTTPStore(url: nginx.base + "/public/nope").load(to: dir + "/nope") }
        #expect(missing?.code == .notFound)
        #expect(!FileManager.default.fileExists(atPath: dir + "/nope"))
        try HTTPStore(url: nginx.base + "/redirect-put").save(dir + "/in.bin")
        #expect(nginx.accessLog.contains { $0.hasPrefix("PUT /redirect-put 307") })
        let redirected = try Data(contentsOf: URL(fileURLWithPath: nginx.dir + "/root/public/redirected.txt"))
        #expect(Array(redirected) == bytes)
        try HTTPStore(url: nginx.base + "/public/streamed.txt").saveStream { (sink) throws(ExecError) in try sink.write(Array("stream".utf8)) }
        #expect(nginx.file("/public/streamed.txt") == "stream")
    }

    @Test("Basic auth (http and artifactory), wrong password refused clearly, OAuth2 client credentials")
    func authentication() throws {
        let nginx = try NginxServer()
        let secrets = try TemporarySecrets(["cred/user": "argo", "cred/pass": "s3cret\n", "cred/bad": "nope",
                                            "oauth/id": "client", "oauth/secret": "shh"])
        let scratch = try ScratchDirectory("http")
        let dir = scratch.path
        try "private".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        var http = HTTPArtifact(url: nginx.base + "/private/p.txt")
        http.auth = HTTPAuth()
        http.auth?.basicAuth = BasicAuth()
        http.auth?.basicAuth?.usernameSecret = SecretKeySelector(name: "cred", key: "user")
        http.auth?.basicAuth?.passwordSecret = SecretKeySelector(name: "cred", key: "pass")
        try HTTPStore(http, secrets: secrets.resolver).save(dir + "/p.txt")
        #expect(nginx.file("/private/p.txt") == "private")
        var artifactory = ArtifactoryArtifact(url: nginx.base + "/private/a.txt")
        artifactory.usernameSecret = SecretKeySelector(name: "cred", key: "user")
        artifactory.passwordSecret = SecretKeySelector(name: "cred", key: "pass")
        try HTTPStore(artifactory, secrets: secrets.resolver).save(dir + "/p.txt")
        try HTTPStore(artifactory, secrets: secrets.resolver).load(to: dir + "/a-back.txt")
        #expect(try String(contentsOfFile: dir + "/a-back.txt", encoding: .utf8) == "private")
        artifactory.passwordSecret = SecretKeySelector(name: "cred", key: "bad")
        let refused = #expect(throws: ExecError.self) { try HTTPStore(artifactory, secrets: secrets.resolver).load(to: dir + "/x") }
        #expect(refused?.message == "loading content from \(nginx.base)/private/a.txt failed with reason: 401")
        // OAuth2: a token endpoint (the container-credentials fake serves JSON; a tiny token server here).
        let token = try TokenServer(token: "test-token")
        var oauth = HTTPArtifact(url: nginx.base + "/oauth/o.txt")
        oauth.auth = HTTPAuth()
        oauth.auth?.oauth2 = OAuth2Auth()
        oauth.auth?.oauth2?.clientIDSecret = SecretKeySelector(name: "oauth", key: "id")
        oauth.auth?.oauth2?.clientSecretSecret = SecretKeySelector(name: "oauth", key: "secret")
        try "\(token.url)".write(toFile: secrets.directory + "/oauth/url", atomically: true, encoding: .utf8)
        oauth.auth?.oauth2?.tokenURLSecret = SecretKeySelector(name: "oauth", key: "url")
        oauth.auth?.oauth2?.scopes = ["read", "write"]
        try HTTPStore(oauth, secrets: secrets.resolver).save(dir + "/p.txt")
        #expect(nginx.file("/oauth/o.txt") == "private")
        #expect(token.lastRequest.contains("grant_type=client_credentials") && token.lastRequest.contains("scope=read%20write"))
    }
}

extension HTTPStoreTests {
    @Test("client certificates from secrets (mutual TLS): accepted with the certificate, refused without")
    func clientCertificate() throws {
        let nginx = try NginxServer()
        let secrets = try TemporarySecrets(["tls/crt": try String(contentsOfFile: nginx.clientCertFile, encoding: .utf8),
                                            "tls/key": try String(contentsOfFile: nginx.clientKeyFile, encoding: .utf8)])
        let scratch = try ScratchDirectory("mtls")
        let dir = scratch.path
        try "mtls".write(toFile: dir + "/m.txt", atomically: true, encoding: .utf8)
        var http = HTTPArtifact(url: nginx.tlsBase + "/public/m.txt")
        http.auth = HTTPAuth()
        http.auth?.clientCert = ClientCertAuth()
        http.auth?.clientCert?.clientCertSecret = SecretKeySelector(name: "tls", key: "crt")
        http.auth?.clientCert?.clientKeySecret = SecretKeySelector(name: "tls", key: "key")
        var store = try HTTPStore(http, secrets: secrets.resolver)
        store.caFile = nginx.caFile
        try store.save(dir + "/m.txt")
        try store.load(to: dir + "/back.txt")
        #expect(try String(contentsOfFile: dir + "/back.txt", encoding: .utf8) == "mtls")
        var anonymous = try HTTPStore(url: nginx.tlsBase + "/public/m.txt")
        anonymous.caFile = nginx.caFile
        let refused = #expect(throws: ExecError.self) { try anonymous.load(to: dir + "/nope.txt") }
        #expect(refused?.message.contains("400") == true)  // nginx: "No required SSL certificate was sent"
    }
}

/// An OAuth2 token endpoint: Basic-authenticated client credentials in, `{"access_token": ...}` out.
final class TokenServer {
    let url: String
    private let process: Process
    private let log: String

    init(token: String) throws {
        let port = try MotoServer.freePort()
        url = "http://127.0.0.1:\(port)/token"
        log = NSTemporaryDirectory() + "token-\(UUID().uuidString)"
        let script = """
        import http.server, json, sys
        class H(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get('Content-Length') or 0)).decode()
                open(sys.argv[2], 'w').write(self.headers.get('Authorization', '') + ' ' + body)
                data = json.dumps({'access_token': sys.argv[3], 'token_type': 'bearer'}).encode()
                self.send_response(200); self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
            def log_message(self, *a): pass
        http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
        """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(port), log, token]
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: log)
    }

    var lastRequest: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
}
