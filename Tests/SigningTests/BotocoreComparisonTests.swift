import Core
import Digest
import Foundation
@testable import Signing
import Testing

/// Cross-checks S3 signing against botocore's `S3SigV4Auth` (the signer awscli and boto3 use) on a table of
/// S3-shaped requests: awkward keys, list queries, multipart sub-resources, session tokens, SSE headers.
@Suite("SigV4 for S3 agrees with botocore")
struct BotocoreComparisonTests {
    struct Case: Sendable, CustomStringConvertible {
        var method: String
        var host: String
        var path: String  // raw key path
        var query: [(String, String)]
        var headers: [(String, String)]
        var body: String
        var region: String
        var token: String?
        var description: String { "\(method) \(path) \(query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))" }
    }

    static let cases: [Case] = [
        Case(method: "PUT", host: "127.0.0.1:9000", path: "/argo-artifacts/wf/pod/hello.txt", query: [], headers: [], body: "hello\n", region: "us-east-1"),
        Case(method: "GET", host: "127.0.0.1:9000", path: "/argo-artifacts/wf/pod/with space & plus+.tgz", query: [], headers: [], body: "", region: "us-east-1"),
        Case(method: "GET", host: "s3.eu-west-1.amazonaws.com", path: "/bucket/日本/ü.txt", query: [], headers: [], body: "", region: "eu-west-1"),
        Case(method: "GET", host: "127.0.0.1:9000", path: "/argo-artifacts", query: [("list-type", "2"), ("prefix", "wf/pod/"), ("encoding-type", "url"), ("continuation-token", "a+b/c=")], headers: [], body: "", region: "us-east-1"),
        Case(method: "POST", host: "127.0.0.1:9000", path: "/b/big.bin", query: [("uploads", "")], headers: [("Content-Type", "application/octet-stream")], body: "", region: "us-east-1"),
        Case(method: "PUT", host: "127.0.0.1:9000", path: "/b/big.bin", query: [("partNumber", "3"), ("uploadId", "2~abc/DEF==")], headers: [("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")], body: "part three", region: "us-east-1"),
        Case(method: "DELETE", host: "bucket.s3.amazonaws.com", path: "/a//b/./c/../d", query: [], headers: [], body: "", region: "us-east-1", token: "FQoGZXIvYXdzE//token+/="),
        Case(method: "PUT", host: "127.0.0.1:9000", path: "/b/enc.bin", query: [], headers: [("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", "alias/argo"), ("X-Amz-Meta-Note", "  two   spaces ")], body: "secret", region: "us-west-2"),
    ]

    @Test("canonical request and signature match", arguments: cases)
    func matches(c: Case) throws {
        let script = """
        import json, sys
        import botocore.auth, botocore.awsrequest, botocore.credentials
        from urllib.parse import quote
        c = json.loads(sys.argv[1])
        creds = botocore.credentials.Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', c.get('token'))
        qs = '&'.join(quote(k, safe='') + '=' + quote(v, safe='') for k, v in c['query'])
        url = 'http://' + c['host'] + quote(c['path'], safe='/~') + ('?' + qs if qs else '')
        req = botocore.awsrequest.AWSRequest(method=c['method'], url=url, data=c['body'].encode(), headers=dict(c['headers']))
        auth = botocore.auth.S3SigV4Auth(creds, 's3', c['region'])
        req.context['timestamp'] = '20261124T172738Z'
        auth._modify_request_before_signing(req)
        canonical = auth.canonical_request(req)
        sts = auth.string_to_sign(req, canonical)
        print(json.dumps({'canonical': canonical, 'signature': auth.signature(sts, req)}))
        """
        let input = try JSONSerialization.data(withJSONObject: [
            "method": c.method, "host": c.host, "path": c.path, "query": c.query.map { [$0.0, $0.1] },
            "headers": c.headers.map { [$0.0, $0.1] }, "body": c.body, "region": c.region, "token": c.token as Any,
        ])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, String(decoding: input, as: UTF8.self)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let botocore = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])

        let signer = SigV4Signer(region: c.region, service: "s3", normalizePath: false)
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: c.token)
        let hash = Digest.hex(try Digest.sha256(Array(c.body.utf8)))
        let request = SigV4Signer.Request(method: c.method, path: c.path, query: c.query, headers: [("Host", c.host)] + c.headers,
                                          payloadHash: hash, includeContentHashHeader: true)
        let time = try #require(UTCTime.parseRFC3339("2026-11-24T17:27:38Z"))
        let (canonical, _) = signer.canonicalRequest(request, credentials: credentials, at: time)
        #expect(canonical == botocore["canonical"])
        #expect(try signer.sign(canonical: canonical, secret: credentials.secretAccessKey, at: time) == botocore["signature"])
    }
}
