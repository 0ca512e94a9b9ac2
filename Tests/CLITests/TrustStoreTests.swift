import Drivers
import Foundation
import Signing
import Testing
import TestSupport

/// `SSL_CERT_FILE` (issue 14): Go's crypto/x509, so Argo's executor, trusts the CA bundle it names instead
/// of the system's; argoexec does too, for every TLS connection without a CA of its own.
@Suite("SSL_CERT_FILE replaces the trust store", .serialized)
struct TrustStoreTests {
    @Test("artifact get from S3 over TLS: refused with the system bundle, accepted with SSL_CERT_FILE naming the CA")
    func sslCertFile() throws {
        let moto = try MotoServer(signatureChecking: false, tls: true)
        let ca = try #require(moto.caFile)
        let endpoint = String(moto.endpoint.dropFirst("https://".count))
        let client = S3Client(.init(endpoint: endpoint, secure: true,
                                    credentials: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey), caFile: ca))
        try client.createBucket("argo")
        try client.putObject(bucket: "argo", key: "hello.txt", bytes: Array("hello".utf8))
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo.json").path
        try #"{"s3":{"endpoint":"\#(endpoint)","bucket":"argo","region":"us-east-1","useSDKCreds":true}}"#
            .write(toFile: repo, atomically: true, encoding: .utf8)
        let env = ["AWS_ACCESS_KEY_ID": moto.accessKey, "AWS_SECRET_ACCESS_KEY": moto.secretKey]
        let args = ["artifact", "get", "--repo", repo, "--key", "hello.txt"]
        let refused = try BinaryRunner.run(args + [root.appendingPathComponent("a").path], environment: env)
        #expect(refused.status != 0 && refused.stderr.lowercased().contains("certificate"), "\(refused.stderr)")
        let accepted = try BinaryRunner.run(args + [root.appendingPathComponent("b").path], environment: env.merging(["SSL_CERT_FILE": ca]) { $1 })
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try String(contentsOf: root.appendingPathComponent("b"), encoding: .utf8) == "hello")
    }
}
