import Core
import Foundation
@testable import Signing
import Testing

/// AWS's official SigV4 test suite (awslabs/aws-c-auth `tests/aws-signing-test-suite/v4`, Apache-2.0),
/// copied under Fixtures: for every case the canonical request, string to sign, signature and
/// Authorization header must match exactly (header signing).
@Suite("SigV4 against AWS's published test suite")
struct SigV4SuiteTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    func text(_ name: String, _ file: String) throws -> String {
        try String(contentsOf: Self.directory.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
    }

    /// Parses the raw request: request line, headers (continuation lines folded in), body.
    func parse(_ raw: String) -> SigV4Signer.Request {
        var lines = raw.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [(String, String)] = []
        var body = ""
        while !lines.isEmpty {
            let line = lines.removeFirst()
            if line.isEmpty {
                body = lines.joined(separator: "\n")
                break
            }
            if line.first == " " || line.first == "\t", let last = headers.popLast() {
                headers.append((last.0, last.1 + "\n" + line))
                continue
            }
            let colon = line.firstIndex(of: ":")!
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let target = String(requestLine[1..<(requestLine.count - 1)].joined(separator: " "))
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query: [(String, String)] = parts.count > 1 && !parts[1].isEmpty ? parts[1].split(separator: "&").map { item in
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (SigV4Signer.percentDecode(String(kv[0])), kv.count > 1 ? SigV4Signer.percentDecode(String(kv[1])) : "")
        } : []
        var request = SigV4Signer.Request(method: String(requestLine[0]), path: String(parts[0]), query: query, headers: headers,
                                          payloadHash: "")
        request.payloadHash = body
        return request
    }

    @Test("header signing", arguments: cases)
    func suite(name: String) throws {
        let context = try JSONDecoder().decode(Context.self, from: Data(try text(name, "context.json").utf8))
        var request = parse(try text(name, "request.txt"))
        let body = request.payloadHash
        request.payloadHash = Digest_hex_sha256(body)
        request.includeContentHashHeader = context.sign_body
        let signer = SigV4Signer(region: context.region, service: context.service, normalizePath: context.normalize,
                                 omitSessionTokenFromSignature: context.omit_session_token ?? false)
        let credentials = AWSCredentials(accessKeyID: context.credentials.access_key_id,
                                         secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token)
        let time = try #require(UTCTime.parseRFC3339(context.timestamp))
        let (canonical, _) = signer.canonicalRequest(request, credentials: credentials, at: time)
        #expect(canonical == (try text(name, "header-canonical-request.txt")))
        #expect(try signer.stringToSign(canonical: canonical, at: time) == (try text(name, "header-string-to-sign.txt")))
        #expect(try signer.sign(canonical: canonical, secret: credentials.secretAccessKey, at: time)
            == (try text(name, "header-signature.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        let authorization = try signer.sign(request, credentials: credentials, at: time).first { $0.0 == "Authorization" }?.1
        let expected = try text(name, "header-signed-request.txt").components(separatedBy: "\n")
            .first { $0.hasPrefix("Authorization:") }.map { String($0.dropFirst("Authorization:".count)) }
        #expect(authorization == expected)
    }

    @Test("the suite is all there")
    func count() { #expect(Self.cases.count == 38) }
}

import Digest

/// Hex SHA-256 of a string (test helper).
func Digest_hex_sha256(_ text: String) -> String {
    (try? Digest.hex(Digest.sha256(Array(text.utf8)))) ?? ""
}
