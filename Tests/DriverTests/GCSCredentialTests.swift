import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Signing
import Testing
import TestSupport

/// RS256 signatures against the openssl CLI, Google credential files, and token fetching, caching and refresh
/// against the loopback token and metadata server (`hack/gcp-token-server.py`), which checks every JWT claim
/// and the signature with the public key.
@Suite("GCS credentials: RS256 JWTs, credential files, token server and metadata server", .serialized)
struct GCSCredentialTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory("gcs-cred") }

    func file(_ name: String, _ text: String) throws -> String {
        let path = scratch.path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func openssl(_ arguments: [String]) throws -> [UInt8] { Array(try GCSServer.run(["openssl"] + arguments, env: [:])) }

    @Test("RS256 signatures equal openssl's byte for byte (PKCS#8 PEM, PKCS#1 PEM, DER) and verify with the public key")
    func signatureMatchesOpenSSL() throws {
        try ExternalTool.require("openssl")
        let pkcs8 = try file("key.pem", String(decoding: try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]), as: UTF8.self))
        let pkcs1 = String(decoding: try openssl(["rsa", "-in", pkcs8, "-traditional"]), as: UTF8.self)
        let der = try openssl(["pkey", "-in", pkcs8, "-outform", "DER"])
        #expect(pkcs1.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        let signer = try JWTSigner(privateKeyPEM: Array(try String(contentsOfFile: pkcs8, encoding: .utf8).utf8), keyID: "kid-1")
        #expect(signer.keyBits == 2048)
        let token = try signer.sign([("iss", .string("a@b.iam.gserviceaccount.com")), ("scope", .string("s \"q\"\n")),
                                     ("aud", .string("https://oauth2.googleapis.com/token")), ("exp", .number(1_700_003_600)), ("iat", .number(1_700_000_000))])
        let parts = token.split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        let input = try file("input", parts[0] + "." + parts[1])
        let theirs = try openssl(["dgst", "-sha256", "-sign", pkcs8, input])
        #expect(JWTSigner.base64URL(theirs) == parts[2])
        for key in [Array(pkcs1.utf8), der] {
            #expect(try RSAPrivateKey(pem: key).signSHA256(Array((parts[0] + "." + parts[1]).utf8)) == theirs)
        }
        // The header and claims decode to what Google expects, escapes included.
        func decoded(_ s: String) throws -> [String: Any] {
            var b64 = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
            let data = try #require(Data(base64Encoded: b64))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let header = try decoded(parts[0])
        #expect(header.count == 3 && header["alg"] as? String == "RS256" && header["typ"] as? String == "JWT" && header["kid"] as? String == "kid-1")
        #expect(try decoded(parts[1])["scope"] as? String == "s \"q\"\n")
        #expect(try decoded(parts[1])["exp"] as? Int == 1_700_003_600)
        let signature = try file("sig", "")
        try Data(theirs).write(to: URL(fileURLWithPath: signature))
        try Data(try openssl(["pkey", "-in", pkcs8, "-pubout"])).write(to: URL(fileURLWithPath: scratch.path + "/pub.pem"))
        #expect(String(decoding: try openssl(["dgst", "-sha256", "-verify", scratch.path + "/pub.pem", "-signature", signature, input]),
                       as: UTF8.self).contains("Verified OK"))
    }

    @Test("keys that are not usable RSA keys are refused without quoting them, and encrypted ones without prompting")
    func badKeys() throws {
        let pkcs8 = try file("key.pem", String(decoding: try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]), as: UTF8.self))
        let encrypted = try openssl(["pkey", "-in", pkcs8, "-aes256", "-passout", "pass:secret-pass"])
        let ec = try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        let garbage = Array("-----BEGIN PRIVATE KEY-----\nTUlJQ0ZBS0VLRVlNQVRFUklBTA==\n-----END PRIVATE KEY-----\n".utf8)
        for (key, expected) in [(encrypted, "PEM or plain PKCS1 or PKCS8"), (ec, "not an RSA key"), (garbage, "PEM or plain PKCS1 or PKCS8"),
                                ([], "PEM or plain PKCS1 or PKCS8")] {
            #expect { try RSAPrivateKey(pem: key) } throws: { error in
                let text = "\(error)"
                return text.contains(expected) && !text.contains("TUlJ") && !text.contains("BEGIN")
            }
        }
    }

    @Test("CRC-32C: the RFC 3720 check value and GCS's base64 spelling")
    func crc32c() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        var crc = CRC32C()
        crc.update(Array("hello world".utf8))
        #expect(crc.base64 == "yZRlqg==")  // what fake-gcs-server and GCS report for "hello world"
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(GCSDriver.crc32c(in: "crc32c=yZRlqg==,md5=XrY7u+Ae7tCTyyK7j1rNww==") == "yZRlqg==")
    }

    @Test("service account: one JWT bearer grant, the token cached, fetched again before it expires and after invalidate()")
    func serviceAccountCaching() throws {
        let server = try GCPTokenServer(expiresIn: 2)
        let provider = try GCSCredentialProvider.serviceAccountKey(Array(try server.serviceAccountJSON().utf8))
        let first = try #require(try provider.authorization())
        #expect(first == "Bearer tok-1")
        #expect(try provider.authorization() == first)
        #expect(server.issued == ["tok-1"])
        #expect(server.requests().allSatisfy { $0["error"] == nil })
        // expires_in 2 s: refreshed halfway through its life.
        Thread.sleep(forTimeInterval: 1.3)
        #expect(try provider.authorization() == "Bearer tok-2")
        provider.invalidate()
        #expect(try provider.authorization() == "Bearer tok-3")
        // Parallel first requests share one fetch.
        let fresh = try GCSCredentialProvider.serviceAccountKey(Array(try server.serviceAccountJSON().utf8))
        try ParallelWork.run(count: 8, width: 8, label: "test.tokens") { (_) throws(ExecError) in _ = try fresh.authorization() }
        #expect(server.issued.count == 4)
    }

    @Test("Argo's key secret takes service_account only; malformed JSON and missing fields name the cause, never the content")
    func keyFileErrors() throws {
        let server = try GCPTokenServer()
        let cases: [(String, String)] = [
            (try server.authorizedUserJSON(), "google: expected credential type \"service_account\", found \"authorized_user\""),
            ("{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n\"}", "client_email is missing"),
            (try server.serviceAccountJSON(privateKey: "not a key \(server.refreshToken)"), "private key should be a PEM"),
            ("{\"type\": \"service_account\", \"private_key\": \"\(server.clientSecret)", "not a JSON credentials object"),
        ]
        for (json, expected) in cases {
            #expect { try GCSCredentialProvider.serviceAccountKey(Array(json.utf8)) } throws: { error in
                let text = "\(error)"
                return text.hasPrefix("GCS client CredentialsFromJSONWithType") && text.contains(expected)
                    && !text.contains(server.clientSecret) && !text.contains(server.refreshToken) && !text.contains("BEGIN")
            }
        }
    }

    @Test("Application Default Credentials: an authorized_user file refreshes its token; a metadata server answers only Metadata-Flavor: Google")
    func applicationDefault() throws {
        let server = try GCPTokenServer()
        var env = GCSEnvironment()
        env.applicationCredentials = try file("adc.json", try server.authorizedUserJSON())
        #expect(try env.applicationDefaultCredentials().authorization() == "Bearer tok-1")
        #expect(server.requests().last?["grant"] as? String == "refresh_token")
        env.applicationCredentials = try file("sa.json", try server.serviceAccountJSON())
        #expect(try env.applicationDefaultCredentials().authorization() == "Bearer tok-2")  // scopes full_control + cloud-platform
        env.applicationCredentials = try file("ext.json", "{\"type\": \"external_account\"}")
        #expect { try env.applicationDefaultCredentials() } throws: { "\($0)".contains("\"external_account\" is not supported") }
        env.applicationCredentials = scratch.path + "/missing.json"
        #expect { try env.applicationDefaultCredentials() } throws: { "\($0)".contains("GOOGLE_APPLICATION_CREDENTIALS") }

        env.applicationCredentials = nil
        env.wellKnownCredentials = scratch.path + "/absent.json"
        env.metadataHost = server.metadataHost
        #expect(try env.applicationDefaultCredentials().authorization() == "Bearer tok-3")
        let asked = try #require(server.requests().last)
        #expect(asked["flavor"] as? String == "Google")
        #expect(asked["scopes"] as? String == GCSCredentialProvider.defaultScopes.joined(separator: ","))
        let bare = try GCSServer.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                      "http://\(server.metadataHost)/computeMetadata/v1/instance/service-accounts/default/token"], env: [:])
        #expect(String(decoding: bare, as: UTF8.self) == "403")
    }

    @Test("token endpoint failures: invalid_grant is Forbidden and final, 500 is transient, a body without access_token is named; no secret in the text",
          arguments: [("deny", "invalid_grant", false), ("500", "answered 500", true), ("garbage", "missing access_token", false),
                      ("notoken", "missing access_token", false)])
    func tokenFailures(mode: String, expected: String, transient: Bool) throws {
        let server = try GCPTokenServer()
        try server.mode(mode)
        let provider = try GCSCredentialProvider.serviceAccountKey(Array(try server.serviceAccountJSON().utf8))
        do {
            _ = try provider.authorization()
            Issue.record("mode \(mode) must fail")
        } catch {
            #expect(error.description.contains(expected))
            #expect(error.isTransient == transient)
            #expect(!error.description.contains("eyJ"), "no assertion in the error")
        }
        // Unreachable metadata server: a transient network error naming what was looked for.
        let metadata = GCSCredentialProvider(.metadata(host: "127.0.0.1:1", scopes: []))
        #expect { try metadata.authorization() } throws: { error in
            let e = error as? ExecError
            return e?.isTransient == true && e?.message.contains("no GOOGLE_APPLICATION_CREDENTIALS") == true
        }
    }
}
