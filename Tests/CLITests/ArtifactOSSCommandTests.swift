import Foundation
import Testing
import TestSupport

/// `argoexec artifact put|ls|get|rm` on an OSS repository, against the OSS fake (signatures always checked),
/// once with V1 (Argo's signing) and once with V4 (ARGOEXEC_OSS_SIGNATURE_VERSION=v4, virtual-hosted).
@Suite("artifact put/ls/get/rm against the OSS fake", .serialized)
struct ArtifactOSSCommandTests {
    @Test("tgz, zip and none uploads, listing, download with unpack, delete, clear errors", arguments: [false, true])
    func roundTrip(v4: Bool) throws {
        let fake = try OSSFake()
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let secrets = root.appendingPathComponent("secrets/oss-cred")
        try fm.createDirectory(at: secrets, withIntermediateDirectories: true)
        try Data((fake.accessKey + "\n").utf8).write(to: secrets.appendingPathComponent("ak"))
        try Data(fake.secretKey.utf8).write(to: secrets.appendingPathComponent("sk"))
        let repo = root.appendingPathComponent("repo.yaml").path
        try Data("""
        archiveLogs: true
        oss:
          endpoint: \(v4 ? fake.hostEndpoint : fake.endpoint)
          bucket: argo-oss
          keyFormat: "{{workflow.name}}/{{pod.name}}"
          accessKeySecret:
            name: oss-cred
            key: ak
          secretKeySecret:
            name: oss-cred
            key: sk
        """.utf8).write(to: URL(fileURLWithPath: repo))
        let src = root.appendingPathComponent("out")
        try fm.createDirectory(at: src.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("a\n".utf8).write(to: src.appendingPathComponent("a.txt"))
        try Data("b\n".utf8).write(to: src.appendingPathComponent("sub/b.txt"))
        let common = ["--repo", repo, "--secrets-dir", root.appendingPathComponent("secrets").path]
        let env = v4 ? ["ARGOEXEC_OSS_SIGNATURE_VERSION": "v4", "ARGOEXEC_OSS_REGION": fake.region] : [:]
        func run(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["artifact"] + args + common, environment: env) }

        #expect(try run(["put", src.path, "--key", "wf/pod/out.tgz"]).status == 0)
        #expect(try run(["put", src.path, "--key", "wf/pod/out.zip", "--archive", "zip"]).status == 0)
        #expect(try run(["put", src.path, "--key", "wf/pod/tree", "--archive", "none"]).status == 0)
        let listing = try run(["ls", "wf/pod/"])
        #expect(listing.status == 0)
        #expect(listing.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) }
            == ["wf/pod/out.tgz", "wf/pod/out.zip", "wf/pod/tree/", "wf/pod/tree/a.txt", "wf/pod/tree/sub/", "wf/pod/tree/sub/b.txt"])

        let dest = root.appendingPathComponent("back").path
        #expect(try run(["get", "--key", "wf/pod/out.tgz", dest, "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: dest + "/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["get", "--key", "wf/pod/out.zip", dest + "-zip", "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: dest + "-zip/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["get", "--key", "wf/pod/tree", dest + "-tree"]).status == 0)
        #expect(try String(contentsOfFile: dest + "-tree/sub/b.txt", encoding: .utf8) == "b\n")

        #expect(try run(["rm", "--key", "wf/pod/out.zip"]).status == 0)
        #expect(!(try run(["ls", "wf/pod/"]).stdout.contains("out.zip")))

        let missing = try run(["get", "--key", "wf/pod/nope.tgz", dest + "-missing"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("NoSuchKey"))
        #expect(!fm.fileExists(atPath: dest + "-missing"))

        try Data("wrong".utf8).write(to: secrets.appendingPathComponent("sk"))
        let denied = try run(["get", "--key", "wf/pod/out.tgz", dest + "-denied"])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("SignatureDoesNotMatch"))
        #expect(!fm.fileExists(atPath: dest + "-denied"))
        #expect(fake.requests().allSatisfy { ($0["auth"] as? String) == (v4 ? "v4" : "v1") })

        let badSetting = try BinaryRunner.run(["artifact", "ls", "wf/"] + common, environment: ["ARGOEXEC_OSS_SIGNATURE_VERSION": "v9"])
        #expect(badSetting.status != 0)
        #expect(badSetting.stderr.contains("ARGOEXEC_OSS_SIGNATURE_VERSION must be v1 or v4"))
    }
}
