import Core
import Digest
import Foundation
import Signing
import Testing
import TestSupport
import Transport

/// Our libcurl transport and SigV4 signer against a real S3 peer (moto_server) with signature checking on.
@Suite("Transport + SigV4 against moto_server with signature checking", .serialized)
struct SignedTransportTests {
    func send(_ moto: MotoServer, _ method: String, _ path: String, body: HTTPRequest.Body = .none, payload: [UInt8] = [],
              secret: String? = nil, into sink: (any ByteSink)? = nil) throws -> HTTPResponse {
        let host = String(moto.endpoint.dropFirst("http://".count))
        let hash: String
        if case .file = body { hash = "UNSIGNED-PAYLOAD" } else { hash = Digest.hex(try Digest.sha256(payload)) }
        let signer = SigV4Signer(region: "us-east-1", service: "s3", normalizePath: false)
        let credentials = AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: secret ?? moto.secretKey)
        let request = SigV4Signer.Request(method: method, path: path, headers: [("Host", host)], payloadHash: hash,
                                          includeContentHashHeader: true)
        let signed = try signer.sign(request, credentials: credentials, at: .now())
        return try HTTPClient.perform(HTTPRequest(method: method, url: moto.endpoint + SigV4Signer.encodePath(path),
                                                  headers: [("Host", host)] + signed, body: body), into: sink)
    }

    @Test("bucket, PUT bytes, PUT from a file descriptor, GET, HEAD; a wrong secret is 403 SignatureDoesNotMatch")
    func roundTrip() throws {
        let moto = try MotoServer()
        #expect(try send(moto, "PUT", "/argo-artifacts").status == 200)
        let hello = Array("hello world\n".utf8)
        #expect(try send(moto, "PUT", "/argo-artifacts/wf/pod/hello world.txt", body: .bytes(hello), payload: hello).status == 200)
        let got = MemorySink()
        #expect(try send(moto, "GET", "/argo-artifacts/wf/pod/hello world.txt", into: got).status == 200)
        #expect(got.bytes == hello)

        var random = [UInt8](repeating: 0, count: 3 << 20)
        for i in random.indices { random[i] = UInt8.random(in: 0...255) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("argoexec-transport-\(UUID().uuidString)")
        try Data(random).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        #expect(try send(moto, "PUT", "/argo-artifacts/big.bin", body: .file(fd: fd, length: Int64(random.count))).status == 200)
        let big = MemorySink(limit: .max)
        #expect(try send(moto, "GET", "/argo-artifacts/big.bin", into: big).status == 200)
        #expect(big.bytes == random)
        let head = try send(moto, "HEAD", "/argo-artifacts/big.bin")
        #expect(head.status == 200)
        #expect(head.header("content-length") == String(random.count))
        #expect(try send(moto, "GET", "/argo-artifacts/missing.txt").status == 404)

        let denied = MemorySink()
        let forbidden = try send(moto, "GET", "/argo-artifacts/wf/pod/hello world.txt", secret: "wrong", into: denied)
        #expect(forbidden.status == 403)
        #expect(forbidden.errorText.contains("SignatureDoesNotMatch"))
        #expect(denied.bytes.isEmpty, "an error document must not reach the caller's sink")
    }

    @Test("a refused connection is a transient error carrying curl's text")
    func refused() throws {
        let port = try MotoServer.freePort()
        do {
            _ = try HTTPClient.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/x"), into: nil)
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.isTransient)
            #expect(error.description.contains("127.0.0.1"))
        }
    }

    @Test("only http and https are allowed")
    func protocols() {
        #expect(throws: ExecError.self) { try HTTPClient.perform(HTTPRequest(method: "GET", url: "file:///etc/passwd"), into: nil) }
    }
}
