import Foundation
import Testing
import TestSupport

/// `argoexec artifact put|ls|get|rm` on GCS (fake-gcs-server, read back with Google's SDK) and Azure Blob (the strict
/// fake, Shared Key checked) repositories, through the binary: the same round trip the S3 and OSS suites make.
@Suite("artifact put/ls/get/rm against GCS and Azure peers", .serialized)
struct ArtifactCloudCommandTests {
    struct Tree {
        let root: URL
        let src: URL
        init() throws {
            root = try BinaryRunner.makeRoot()
            src = root.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: src.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("a\n".utf8).write(to: src.appendingPathComponent("a.txt"))
            try Data("b\n".utf8).write(to: src.appendingPathComponent("sub/b.txt"))
        }
        func repository(_ yaml: String) throws -> String {
            let path = root.appendingPathComponent("repo.yaml").path
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        func secret(_ name: String, _ key: String, _ value: String) throws {
            let dir = root.appendingPathComponent("secrets/\(name)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(value.utf8).write(to: dir.appendingPathComponent(key))
        }
    }

    /// put (tgz, zip, none), ls, get with and without unpack, rm, a missing key; returns nothing, checks as it goes.
    static func roundTrip(_ tree: Tree, repo: String, env: [String: String], listed: [String]) throws {
        let common = ["--repo", repo, "--secrets-dir", tree.root.appendingPathComponent("secrets").path]
        func run(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["artifact"] + args + common, environment: env) }
        let put = try run(["put", tree.src.path, "--key", "wf/pod/out.tgz"])
        #expect(put.status == 0, "\(put.stderr)")
        #expect(try run(["put", tree.src.path, "--key", "wf/pod/out.zip", "--archive", "zip"]).status == 0)
        #expect(try run(["put", tree.src.path, "--key", "wf/pod/tree", "--archive", "none"]).status == 0)
        let listing = try run(["ls", "wf/pod/"])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) } == listed)
        let dest = tree.root.appendingPathComponent("back").path
        #expect(try run(["get", "--key", "wf/pod/out.tgz", dest, "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: dest + "/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["get", "--key", "wf/pod/out.zip", dest + "-zip", "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: dest + "-zip/a.txt", encoding: .utf8) == "a\n")
        #expect(try run(["get", "--key", "wf/pod/tree", dest + "-tree"]).status == 0)
        #expect(try String(contentsOfFile: dest + "-tree/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["rm", "--key", "wf/pod/out.zip"]).status == 0)
        #expect(!(try run(["ls", "wf/pod/"]).stdout.contains("out.zip")))
        let missing = try run(["get", "--key", "wf/pod/nope.tgz", dest + "-missing"])
        #expect(missing.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dest + "-missing"))
    }

    @Test("GCS: an emulator through STORAGE_EMULATOR_HOST; objects read back with Google's SDK; a missing bucket is a clear error")
    func gcs() throws {
        let server = try GCSServer()
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let repo = try tree.repository("gcs:\n  bucket: argo-gcs\n  keyFormat: \"{{workflow.name}}\"\n")
        let env = ["STORAGE_EMULATOR_HOST": server.endpoint]
        try Self.roundTrip(tree, repo: repo, env: env, listed: ["wf/pod/out.tgz", "wf/pod/out.zip", "wf/pod/tree/a.txt", "wf/pod/tree/sub/b.txt"])
        #expect(try server.get("argo-gcs", "wf/pod/tree/a.txt") == Array("a\n".utf8))
        let other = try tree.repository("gcs:\n  bucket: no-such-bucket\n")
        let bad = try BinaryRunner.run(["artifact", "put", tree.src.path, "--key", "k.tgz", "--repo", other], environment: env)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no-such-bucket"))
    }

    @Test("Azure: Shared Key from the secret, Azurite-style endpoint; a wrong key is refused without showing it")
    func azure() throws {
        let fake = try AzureFake()
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        try tree.secret("azure-cred", "key", fake.accountKey)
        let repo = try tree.repository("""
            azure:
              endpoint: \(fake.endpoint)
              container: argo
              accountKeySecret: {name: azure-cred, key: key}
            """)
        try Self.roundTrip(tree, repo: repo, env: [:], listed: ["wf/pod/out.tgz", "wf/pod/out.zip", "wf/pod/tree/a.txt", "wf/pod/tree/sub/b.txt"])
        #expect(try fake.blobs().keys.contains("wf/pod/tree/sub/b.txt"))
        let wrong = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ=="
        try tree.secret("azure-cred", "key", wrong)
        let denied = try BinaryRunner.run(["artifact", "get", "--key", "wf/pod/out.tgz", tree.root.path + "/denied", "--repo", repo,
                                           "--secrets-dir", tree.root.appendingPathComponent("secrets").path])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("AuthenticationFailed") || denied.stderr.contains("403"), "\(denied.stderr)")
        #expect(!denied.stderr.contains(wrong))
        #expect(!FileManager.default.fileExists(atPath: tree.root.path + "/denied"))
    }
}
