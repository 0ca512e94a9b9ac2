import Core
import Foundation
import Model
import Testing
import TestSupport
@testable import Agent

/// HTTP templates run against loopback servers (Argo's `workflow/executor/agent.go` `executeHTTPTemplate`):
/// statuses, timeouts, TLS with and without verification, successCondition, secret and Host headers, bodies,
/// and the inputs that must fail only their node.
@Suite("Agent HTTP templates", .serialized)
struct HTTPTaskTests {
    nonisolated(unsafe) static let peer = Result { try AgentPeer(pluginToken: "unused") }

    let runner = HTTPTaskRunner(builder: HTTPRequestBuilder { (ref) throws(ExecError) -> [UInt8] in
        guard ref.name == "http-secret", ref.key == "token" else { throw ExecError(.badRequest, "secret '\(ref.name ?? "")' does not have the key '\(ref.key)'") }
        return Array("s3cret-value".utf8)
    })

    func peer() throws -> AgentPeer { try Self.peer.get() }

    func run(_ http: HTTPTemplate) -> NodeResult {
        do {
            return try runner.run(http)
        } catch {
            return NodeResult(phase: NodePhase.failed, message: error.description)
        }
    }

    @Test func twoHundredIsSuccessWithTheBodyAsResult() throws {
        let r = run(HTTPTemplate(url: try peer().httpBase + "/"))
        #expect(r.phase == "Succeeded")
        #expect(r.message == nil)
        #expect(r.outputs?.result == "hello")
    }

    @Test(arguments: [404, 500, 302])
    func nonTwoHundredFails(status: Int) throws {
        let r = run(HTTPTemplate(url: try peer().httpBase + "/status/\(status)"))
        #expect(r.phase == "Failed")
        #expect(r.message == "received non-2xx response code: \(status)")
        #expect(r.outputs?.result == "status \(status)")
    }

    @Test func timeoutSecondsBoundsASlowServer() throws {
        let url = try peer().httpBase + "/slow"
        let start = ContinuousClock.now
        let r = run(HTTPTemplate(url: url, timeoutSeconds: 1))
        #expect(ContinuousClock.now - start < .seconds(4))
        #expect(r.phase == "Failed")
        #expect(r.message == "Get \"\(url)\": context deadline exceeded")
    }

    @Test func selfSignedCertificateFailsUnlessVerificationIsSkipped() throws {
        let url = try peer().tlsBase + "/"
        let verified = run(HTTPTemplate(url: url))
        #expect(verified.phase == "Failed")
        #expect(verified.message?.hasPrefix("Get \"\(url)\": ") == true)
        #expect(verified.message?.contains("certificate") == true)
        let skipped = run(HTTPTemplate(url: url, insecureSkipVerify: true))
        #expect(skipped.phase == "Succeeded")
        #expect(skipped.outputs?.result == "hello")
    }

    @Test(arguments: [
        ("response.statusCode == 200 && response.body == 'hello'", "Succeeded", nil),
        ("response.statusCode == 201", "Failed", "successCondition 'response.statusCode == 201' evaluated false"),
        ("request.method == 'GET' && request.url endsWith '/'", "Succeeded", nil),
    ] as [(String, String, String?)])
    func successCondition(condition: String, phase: String, message: String?) throws {
        let r = run(HTTPTemplate(method: "GET", url: try peer().httpBase + "/", successCondition: condition))
        #expect(r.phase == phase)
        #expect(r.message == message)
    }

    @Test func successConditionOverridesTheStatusAndSeesHeaders() throws {
        let r = run(HTTPTemplate(url: try peer().httpBase + "/echo", headers: [HTTPTemplateHeader(name: "x-in", value: "1")],
                                 successCondition: "response.headers['X-Multi'] == ['a', 'b'] && request.headers['x-in'][0] == '1'"))
        #expect(r.phase == "Succeeded", "\(r.message ?? "")")
        let notFound = run(HTTPTemplate(url: try peer().httpBase + "/status/404", successCondition: "response.statusCode == 404"))
        #expect(notFound.phase == "Succeeded")
    }

    @Test func invalidSuccessConditionFailsTheNode() throws {
        let r = run(HTTPTemplate(url: try peer().httpBase + "/", successCondition: "response.statusCode =="))
        #expect(r.phase == "Failed")
        #expect(r.message?.contains("unexpected token EOF") == true, "\(r.message ?? "")")
        let notBool = run(HTTPTemplate(url: try peer().httpBase + "/", successCondition: "response.statusCode"))
        #expect(notBool.message == "unable to cast expression result '%!s(int=200)' to bool")  // Go's %s of an int
    }

    @Test func headersBodiesSecretsAndHost() throws {
        let bytes = Base64.encode(Array("raw-bytes".utf8))
        let r = run(HTTPTemplate(method: "POST", url: try peer().httpBase + "/echo", headers: [
            HTTPTemplateHeader(name: "X-Plain", value: "plain"),
            HTTPTemplateHeader(name: "Authorization", valueFrom: HTTPHeaderSource(secretKeyRef: SecretKeySelector(name: "http-secret", key: "token"))),
            HTTPTemplateHeader(name: "Host", value: "example.test"),
        ], body: "ignored", bodyFrom: HTTPBodySource(bytes: bytes)))
        #expect(r.phase == "Succeeded")
        let echo = try JSONSerialization.jsonObject(with: Data((r.outputs?.result ?? "").utf8)) as? [String: Any]
        let headers = echo?["headers"] as? [String: String]
        #expect(echo?["method"] as? String == "POST")
        #expect(echo?["body"] as? String == "raw-bytes")
        #expect(headers?["x-plain"] == "plain")
        #expect(headers?["authorization"] == "s3cret-value")
        #expect(headers?["host"] == "example.test")
        #expect(headers?["user-agent"] == "Go-http-client/1.1")
        let getBody = run(HTTPTemplate(url: try peer().httpBase + "/echo", headers: [
            HTTPTemplateHeader(name: "Content-Length", value: "999"), HTTPTemplateHeader(name: "host", value: "first"),
            HTTPTemplateHeader(name: "Host", value: "last"),
        ], timeoutSeconds: 3, body: "payload"))
        #expect(getBody.phase == "Succeeded", "\(getBody.message ?? "")")  // a lying Content-Length is not sent
        #expect(getBody.outputs?.result?.contains("\"host\": \"last\"") == true)
        #expect(getBody.outputs?.result?.contains("\"method\": \"GET\"") == true)
        #expect(getBody.outputs?.result?.contains("\"body\": \"payload\"") == true)
    }

    @Test(arguments: [
        (HTTPTemplate(url: "http://127.0.0.1:1/"), "Get \"http://127.0.0.1:1/\": "),
        (HTTPTemplate(url: "ftp://127.0.0.1/x"), "Get \"ftp://127.0.0.1/x\": "),
        (HTTPTemplate(url: ""), "Get \"\": "),
        (HTTPTemplate(method: "BAD METHOD", url: "http://127.0.0.1:1/"), "net/http: invalid method \"BAD METHOD\""),
        (HTTPTemplate(url: "http://127.0.0.1:1/", headers: [HTTPTemplateHeader(name: "X-Evil", value: "a\r\nInjected: 1")]),
         "net/http: invalid header field value for \"X-Evil\""),
        (HTTPTemplate(url: "http://127.0.0.1:1/", headers: [HTTPTemplateHeader(name: "Bad Name", value: "x")]),
         "net/http: invalid header field name \"Bad Name\""),
        (HTTPTemplate(url: "http://127.0.0.1:1/", headers: [HTTPTemplateHeader(name: "A", valueFrom: HTTPHeaderSource(secretKeyRef: SecretKeySelector(name: "other", key: "k")))]),
         "secret 'other' does not have the key 'k'"),
        (HTTPTemplate(url: "http://127.0.0.1:1/", bodyFrom: HTTPBodySource(bytes: "not base64!")), "illegal base64 data in bodyFrom.bytes"),
        (HTTPTemplate(url: "http://u:pw@127.0.0.1:1/", timeoutSeconds: 0), "Get \"http://u:xxxxx@127.0.0.1:1/\": context deadline exceeded"),
    ] as [(HTTPTemplate, String)])
    func badTasksFailTheirNodeOnly(template: HTTPTemplate, prefix: String) {
        let r = run(template)
        #expect(r.phase == "Failed")
        #expect(r.message?.hasPrefix(prefix) == true, "\(r.message ?? "")")
        #expect(r.message?.contains("pw") == false)
    }
}
