import Core
import Digest
import Foundation
@testable import Signing
import Testing

/// OSS V1 and V4 signatures: fixed vectors (key, time and request pinned; docs/artifacts.md), then a table of requests signed
/// by the official `oss2` SDK (PyPI, test-only) with the clock pinned, compared header for header.
@Suite("OSS request signing")
struct OSSSignerTests {
    static let time = UTCTime.parseRFC3339("2025-01-01T00:00:00Z") ?? UTCTime(secondsSinceEpoch: 0, nanoseconds: 0)

    @Test("V1 fixed vectors")
    func specVectors() throws {
        let signer = OSSSigner(.v1)
        let put = OSSSigner.Request(method: "PUT", bucket: "argo-oss", key: "wf/pod/hello.txt", headers: [("Content-Type", "text/plain")])
        let headers = try signer.sign(put, credentials: OSSCredentials(accessKeyID: "AK", accessKeySecret: "fakeSecret123", securityToken: "tok123"),
                                      at: Self.time)
        #expect(headers.first { $0.0 == "Date" }?.1 == "Wed, 01 Jan 2025 00:00:00 GMT")
        #expect(headers.first { $0.0 == "x-oss-security-token" }?.1 == "tok123")
        #expect(headers.first { $0.0 == "Authorization" }?.1 == "OSS AK:9eKYnGgZtbVKXhamMZATHqtORPY=")

        let initiate = OSSSigner.Request(method: "POST", bucket: "argo-oss", key: "wf/pod/big.bin", query: [("uploads", "")])
        let signed = try signer.sign(initiate, credentials: OSSCredentials(accessKeyID: "AK", accessKeySecret: "fakeSecret123"), at: Self.time)
        #expect(signed.first { $0.0 == "Authorization" }?.1 == "OSS AK:9iIRHXTryE7FYAIx1f1rt0+KHoo=")
        #expect(!signed.contains { $0.0 == "x-oss-security-token" })
    }

    @Test("V1 string to sign: unsigned list parameters, sorted sub-resources, service level")
    func stringToSign() {
        let list = OSSSigner.Request(method: "GET", bucket: "b", query: [("prefix", "wf/"), ("max-keys", "1"), ("list-type", "2"),
                                                                       ("continuation-token", "tok/en")])
        #expect(OSSSigner.stringToSignV1(list).hasSuffix("\n/b/?continuation-token=tok/en"))
        let part = OSSSigner.Request(method: "PUT", bucket: "b", key: "k", query: [("uploadId", "U1"), ("partNumber", "2")])
        #expect(OSSSigner.stringToSignV1(part).hasSuffix("\n/b/k?partNumber=2&uploadId=U1"))
        let service = OSSSigner.Request(method: "GET", bucket: "", query: [("prefix", "b"), ("max-keys", "1")])
        #expect(OSSSigner.stringToSignV1(service).hasSuffix("\n/"))
    }

    struct Case: Sendable, CustomStringConvertible {
        var method: String
        var bucket: String
        var key: String
        var query: [(String, String)]
        var headers: [(String, String)]
        var token: String?
        var description: String { "\(method) /\(bucket)/\(key) \(query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))" }
    }

    static let cases: [Case] = [
        Case(method: "PUT", bucket: "argo-oss", key: "wf/pod/hello.txt", query: [], headers: [("Content-Type", "text/plain")], token: "tok123"),
        Case(method: "GET", bucket: "argo-oss", key: "wf/pod/with space & plus+.tgz", query: [], headers: []),
        Case(method: "GET", bucket: "argo-oss", key: "日本/ü.txt", query: [], headers: [("Range", "bytes=0-511")]),
        Case(method: "GET", bucket: "argo-oss", key: "", query: [("list-type", "2"), ("prefix", "wf/pod/"), ("continuation-token", "a+b/c="),
                                                               ("max-keys", "100")], headers: []),
        Case(method: "GET", bucket: "argo-oss", key: "", query: [("prefix", "wf/dir/"), ("max-keys", "1"), ("marker", "m")], headers: []),
        Case(method: "POST", bucket: "argo-oss", key: "big.bin", query: [("uploads", "")], headers: [("Content-Type", "application/octet-stream")]),
        Case(method: "PUT", bucket: "argo-oss", key: "big.bin", query: [("partNumber", "3"), ("uploadId", "0004B9/ABC==")],
             headers: [("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")], token: "STS.tok/+="),
        Case(method: "PUT", bucket: "argo-oss", key: "", query: [("lifecycle", "")], headers: [("Content-Type", "application/xml"),
                                                                                         ("x-oss-meta-Note", "two")]),
        Case(method: "GET", bucket: "", key: "", query: [("prefix", "argo-oss"), ("max-keys", "1")], headers: []),
        Case(method: "DELETE", bucket: "argo-oss", key: "wf/pod/dir/", query: [], headers: [], token: "tok"),
    ]

    /// oss2 signs the request with its clock pinned to 2025-01-01T00:00:00Z; prints the headers it set.
    static let oracle = """
    import json, sys, datetime
    import oss2, oss2.auth, oss2.http, oss2.utils
    c = json.loads(sys.argv[1])
    oss2.utils.http_date = lambda *a: 'Wed, 01 Jan 2025 00:00:00 GMT'
    class Pinned(datetime.datetime):
        @classmethod
        def utcnow(cls): return datetime.datetime(2025, 1, 1, 0, 0, 0)
    oss2.auth.datetime = Pinned
    if c['version'] == 'v1':
        auth = oss2.StsAuth('AKID', 'fakeSecret123', c['token']) if c['token'] else oss2.Auth('AKID', 'fakeSecret123')
    else:
        auth = oss2.StsAuth('AKID', 'fakeSecret123', c['token'], auth_version='v4') if c['token'] else oss2.AuthV4('AKID', 'fakeSecret123')
    req = oss2.http.Request(c['method'], 'http://127.0.0.1/', params=dict(c['query']), headers=dict(c['headers']),
                            region='cn-hangzhou', product='oss')
    auth._sign_request(req, c['bucket'], c['key'])
    print(json.dumps({k.lower(): v for k, v in req.headers.items() if v is not None and k.lower() in
                      ('authorization', 'date', 'x-oss-date', 'x-oss-security-token', 'x-oss-content-sha256')}))
    """

    @Test("V1 agrees with oss2", arguments: cases)
    func v1(c: Case) throws { try compare(c, version: .v1, name: "v1") }

    @Test("V4 agrees with oss2", arguments: cases)
    func v4(c: Case) throws { try compare(c, version: .v4(region: "cn-hangzhou"), name: "v4") }

    func compare(_ c: Case, version: OSSSigner.Version, name: String) throws {
        let input = try JSONSerialization.data(withJSONObject: [
            "method": c.method, "bucket": c.bucket, "key": c.key, "query": c.query.map { [$0.0, $0.1] },
            "headers": c.headers.map { [$0.0, $0.1] }, "token": c.token as Any, "version": name,
        ])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", Self.oracle, String(decoding: input, as: UTF8.self)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "oss2 (pip install oss2) must be importable")
        let sdk = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])

        let ours = try OSSSigner(version).sign(
            OSSSigner.Request(method: c.method, bucket: c.bucket, key: c.key, query: c.query, headers: c.headers),
            credentials: OSSCredentials(accessKeyID: "AKID", accessKeySecret: "fakeSecret123", securityToken: c.token), at: Self.time)
        let mine = Dictionary(ours.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })
        // oss2 writes `Credential=..., Signature=...` with a space; OSS accepts both separators.
        #expect(mine["authorization"]?.replacingOccurrences(of: ",", with: ", ") == sdk["authorization"])
        for header in ["date", "x-oss-date", "x-oss-security-token", "x-oss-content-sha256"] {
            #expect(mine[header] == sdk[header], "\(header)")
        }
    }
}
