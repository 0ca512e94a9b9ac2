import Core
@testable import Drivers
import Foundation
import Model
import Testing
import TestSupport

/// `useSDKCreds`: the service principal, workload identity and managed identity links of DefaultAzureCredential
/// against the fake's token endpoint and IMDS, tokens cached and fetched again after a 401.
@Suite("Azure useSDKCreds against the fake's identity endpoints", .serialized)
struct AzureCredentialTests {
    let fake: AzureFake
    let scratch: ScratchDirectory

    init() throws {
        fake = try AzureFake()
        scratch = try ScratchDirectory("azure-creds")
    }

    func driver(_ env: AzureEnvironment) throws -> AzureDriver {
        var l = AzureArtifact(endpoint: fake.endpoint, container: "argo", blob: "k")
        l.useSDKCreds = true
        var d = try AzureDriver(location: l, secrets: SecretFiles(directory: "/nonexistent"), environment: env)
        d.retry = Backoff(steps: 2, duration: .milliseconds(10), factor: 1)
        return d
    }

    var servicePrincipal: AzureEnvironment {
        var env = AzureEnvironment()
        env.tenantID = fake.tenant
        env.clientID = fake.clientID
        env.clientSecret = fake.clientSecret
        env.authorityHost = fake.base + "/"
        return env
    }

    func tokenRequests(_ kind: String) -> Int { fake.requests().filter { $0["auth"] as? String == kind }.count }

    @Test("service principal: one token for many requests, fetched again once after a 401, the secret never in errors")
    func clientSecret() throws {
        let d = try driver(servicePrincipal)
        for i in 0..<3 { try d.saveStream(key: "sp/\(i).txt") { (sink) throws(ExecError) in try sink.write(Array("sp".utf8)) } }
        #expect(try d.peek(key: "sp/1.txt", count: 2) == Array("sp".utf8))
        #expect(tokenRequests("oauth") == 1, "the token is cached")
        #expect(fake.requests().filter { $0["auth"] as? String == "bearer" }.allSatisfy { $0["status"] as? Int ?? 0 < 300 })

        try fake.expireTokens()
        #expect(try d.peek(key: "sp/2.txt", count: 2) == Array("sp".utf8))
        #expect(tokenRequests("oauth") == 2, "a 401 fetches a new token and sends the request again")
        #expect(fake.requests().contains { $0["code"] as? String == "InvalidAuthenticationInfo" })

        var wrong = servicePrincipal
        wrong.clientSecret = "not-the-secret-123"
        let wrongDriver = try driver(wrong)
        do {
            _ = try wrongDriver.peek(key: "sp/1.txt", count: 1)
            Issue.record("a wrong client secret must fail")
        } catch {
            #expect(error.message.contains("ClientSecretCredential"))
            #expect(error.message.contains("invalid_client: AADSTS7000215"))
            #expect(!error.description.contains("not-the-secret-123"))
            #expect(error.code == .unauthorized)
        }
    }

    @Test("workload identity: the federated token file as client assertion, re-read on every fetch")
    func workloadIdentity() throws {
        var env = AzureEnvironment()
        env.tenantID = fake.tenant
        env.clientID = fake.clientID
        env.federatedTokenFile = scratch.path + "/token"
        env.authorityHost = fake.base
        try AzureDriverTests.write(scratch.path + "/token", Array((fake.federatedToken + "\n").utf8))
        let d = try driver(env)
        try d.saveStream(key: "wi/a.txt") { (sink) throws(ExecError) in try sink.write(Array("wi".utf8)) }
        #expect(try fake.blobs()["wi/a.txt"]?["size"] as? Int == 2)
        try AzureDriverTests.write(scratch.path + "/token", Array("rotated-but-wrong".utf8))
        try fake.expireTokens()
        #expect { try d.peek(key: "wi/a.txt", count: 1) } throws: {
            ($0 as? ExecError)?.message.contains("WorkloadIdentityCredential") == true
                && ($0 as? ExecError)?.message.contains("AADSTS700211") == true
        }
    }

    @Test("managed identity through IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST), a user-assigned id from AZURE_CLIENT_ID; none reachable is a clear error")
    func managedIdentity() throws {
        var env = AzureEnvironment()
        env.imdsEndpoint = fake.base
        env.clientID = fake.imdsClientID
        let d = try driver(env)
        try d.saveStream(key: "mi/a.txt") { (sink) throws(ExecError) in try sink.write(Array("mi".utf8)) }
        let sink = MemorySink()
        try d.stream(key: "mi/a.txt", into: sink)
        #expect(sink.bytes == Array("mi".utf8))
        #expect(tokenRequests("imds") == 1)

        env.clientID = "someone-else"
        #expect { try driver(env).peek(key: "mi/a.txt", count: 1) } throws: {
            ($0 as? ExecError)?.message.contains("Identity not found") == true
        }
        env.imdsEndpoint = "http://127.0.0.1:1"
        let unreachable = try driver(env)
        do {
            _ = try unreachable.peek(key: "mi/a.txt", count: 1)
            Issue.record("no IMDS must fail")
        } catch {
            #expect(error.message.contains("ManagedIdentityCredential at http://127.0.0.1:1/metadata/identity/oauth2/token"))
            #expect(error.message.contains("AZURE_FEDERATED_TOKEN_FILE"))
        }
    }
}
