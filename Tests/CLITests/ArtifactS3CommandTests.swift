import Drivers
import Foundation
import Signing
import Testing
import TestSupport

/// `argoexec artifact put|ls|get|rm` as a user runs them, against moto_server. Listing runs with signature
/// checking off: moto 5.2.1 rejects valid signatures on list requests with a prefix (boto3's too,
/// docs/build.md, "Test peers"); signing itself is covered under checking by the other tests here and in
/// TransportTests.
@Suite("artifact put/ls/get/rm against moto_server", .serialized)
struct ArtifactS3CommandTests {
    @Test("tgz, zip and none uploads, listing, download with unpack, prefix delete, clear errors", arguments: [false, true])
    func roundTrip(signatureChecking: Bool) throws {
        let moto = try MotoServer(signatureChecking: signatureChecking)
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let endpoint = String(moto.endpoint.dropFirst("http://".count))
        try S3Client(.init(endpoint: endpoint, secure: false,
                           credentials: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey))).createBucket("argo")
        let secrets = root.appendingPathComponent("secrets/cred")
        try fm.createDirectory(at: secrets, withIntermediateDirectories: true)
        try Data((moto.accessKey + "\n").utf8).write(to: secrets.appendingPathComponent("ak"))  // trailing newline: trimmed
        try Data(moto.secretKey.utf8).write(to: secrets.appendingPathComponent("sk"))
        // The JSON form in one run, the YAML form users keep in the ConfigMap in the other.
        let repo = root.appendingPathComponent(signatureChecking ? "repo.yaml" : "repo.json").path
        let json = """
        {"archiveLogs": true, "s3": {"endpoint": "\(endpoint)", "bucket": "argo", "insecure": true,
         "accessKeySecret": {"name": "cred", "key": "ak"}, "secretKeySecret": {"name": "cred", "key": "sk"}}}
        """
        let yaml = """
        archiveLogs: true
        s3:
          endpoint: \(endpoint)
          bucket: argo
          insecure: true
          accessKeySecret:
            name: cred
            key: ak
          secretKeySecret:
            name: cred
            key: sk
        """
        try Data((signatureChecking ? yaml : json).utf8).write(to: URL(fileURLWithPath: repo))
        let src = root.appendingPathComponent("out")
        try fm.createDirectory(at: src.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("a\n".utf8).write(to: src.appendingPathComponent("a.txt"))
        try Data("b\n".utf8).write(to: src.appendingPathComponent("sub/b.txt"))
        let common = ["--repo", repo, "--secrets-dir", root.appendingPathComponent("secrets").path]
        func run(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["artifact"] + args + common) }

        #expect(try run(["put", src.path, "--key", "wf/pod/out.tgz"]).status == 0)
        #expect(try run(["put", src.path, "--key", "wf/pod/out.zip", "--archive", "zip"]).status == 0)
        #expect(try run(["put", src.path, "--key", "wf/pod/tree", "--archive", "none"]).status == 0)
        if !signatureChecking {
            let listing = try run(["ls", "wf/pod/"])
            #expect(listing.status == 0)
            #expect(listing.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) }
                == ["wf/pod/out.tgz", "wf/pod/out.zip", "wf/pod/tree/a.txt", "wf/pod/tree/sub/b.txt"])
        }

        let dest = root.appendingPathComponent("back").path
        #expect(try run(["get", "--key", "wf/pod/out.tgz", dest, "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: dest + "/sub/b.txt", encoding: .utf8) == "b\n")
        #expect(try run(["get", "--key", "wf/pod/out.zip", dest + "-zip", "--unpack"]).status == 0)
        #expect(try String(contentsOfFile: dest + "-zip/sub/b.txt", encoding: .utf8) == "b\n")
        if !signatureChecking {  // a key prefix (archive: none) comes back as the tree
            #expect(try run(["get", "--key", "wf/pod/tree", dest + "-tree"]).status == 0)
            #expect(try String(contentsOfFile: dest + "-tree/sub/b.txt", encoding: .utf8) == "b\n")
        }
        #expect(try run(["get", "--key", "wf/pod/tree/a.txt", dest + "-a"]).status == 0)
        #expect(try String(contentsOfFile: dest + "-a", encoding: .utf8) == "a\n")

        if !signatureChecking {
            #expect(try run(["rm", "--key", "wf/pod/tree/"]).status == 0)
            #expect(!(try run(["ls", "wf/pod/"]).stdout.contains("tree/")))
        }
        #expect(try run(["rm", "--key", "wf/pod/out.zip"]).status == 0)

        let missing = try run(["get", "--key", "wf/pod/nope.tgz", dest + "-missing"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("NoSuchKey"))
        #expect(!fm.fileExists(atPath: dest + "-missing"))

        guard signatureChecking else { return }
        try Data("wrong".utf8).write(to: secrets.appendingPathComponent("sk"))
        let denied = try run(["get", "--key", "wf/pod/out.tgz", dest + "-denied"])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("SignatureDoesNotMatch"))
        #expect(!fm.fileExists(atPath: dest + "-denied"))
    }
}
