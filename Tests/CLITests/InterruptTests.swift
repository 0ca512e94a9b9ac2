import Drivers
import Foundation
import Signing
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// An interrupted `artifact get` removes what it was writing (issue 13): Ctrl-C during a download that
/// stalls leaves neither the temporary file nor a tmpdir, and the exit status is 128 + SIGINT.
@Suite("artifact get interrupted", .serialized)
struct InterruptTests {
    @Test("SIGINT during a stalled download: exit 130, no `.argoexec-*.tmp` left, for a file and for --unpack")
    func interruptedGet() throws {
        let moto = try MotoServer(signatureChecking: false)
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let endpoint = String(moto.endpoint.dropFirst("http://".count))
        let client = S3Client(.init(endpoint: endpoint, secure: false,
                                    credentials: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)))
        try client.createBucket("argo")
        try client.putObject(bucket: "argo", key: "obj", bytes: Array(repeating: 0x61, count: 100_000))
        // Every connection through the proxy is held silent for 4 s.
        let proxy = try FaultProxy(upstream: moto.endpoint, schedule: ["stall"])
        let repo = root.appendingPathComponent("repo.json").path
        try Data("""
        {"s3": {"endpoint": "\(proxy.endpoint)", "bucket": "argo", "region": "us-east-1", "insecure": true, "useSDKCreds": true}}
        """.utf8).write(to: URL(fileURLWithPath: repo))
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for unpack in [false, true] {
            let process = Process()
            process.executableURL = BinaryRunner.binary
            process.arguments = ["artifact", "get", "--repo", repo, "--key", "obj", out.path + "/dest"] + (unpack ? ["--unpack"] : [])
            process.environment = ["PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": moto.accessKey, "AWS_SECRET_ACCESS_KEY": moto.secretKey]
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the download has started writing (its temporary file exists), then interrupt.
            let deadline = Date().addingTimeInterval(3)
            while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: out.path))?.isEmpty ?? true, !unpack {
                usleep(20_000)
            }
            if unpack { usleep(1_000_000) }
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 130, "unpack: \(unpack)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [], "unpack: \(unpack)")
        }
    }

    @Test("SIGINT while a 20,000-file tree is copied from or to a volume repository: exit 130, no temporary tree left")
    func interruptedTrees() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let repo = root.appendingPathComponent("repo")
        let src = root.appendingPathComponent("src")
        for dir in [repo.appendingPathComponent("big"), src, root.appendingPathComponent("out")] {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        for i in 0..<20_000 {
            fm.createFile(atPath: repo.appendingPathComponent("big/f\(i)").path, contents: Data("x".utf8))
            fm.createFile(atPath: src.appendingPathComponent("f\(i)").path, contents: Data("y".utf8))
        }
        let repoFile = root.appendingPathComponent("repo.json").path
        try #"{"volume":{"path":"\#(repo.path)"}}"#.write(toFile: repoFile, atomically: true, encoding: .utf8)
        for args in [["get", "--key", "big", root.appendingPathComponent("out/dest").path], ["put", src.path, "--key", "copy", "--archive", "none"]] {
            let process = Process()
            process.executableURL = BinaryRunner.binary
            process.arguments = ["artifact"] + args + ["--repo", repoFile]
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(400_000)
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(args[0]): \(process.terminationStatus)")
        }
        #expect(try fm.contentsOfDirectory(atPath: root.appendingPathComponent("out").path) == [])
        #expect(try fm.contentsOfDirectory(atPath: repo.path).sorted() == ["big"])
    }
}
