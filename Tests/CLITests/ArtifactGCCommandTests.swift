import Drivers
import Foundation
import Signing
import Testing
import TestSupport

/// `argoexec artifact delete` as a GC pod runs it (Argo's `cmd/argoexec/commands/artifact/delete.go`): the
/// WorkflowArtifactGCTasks of this pod from the Kubernetes API fake, artifacts in moto (S3), the OSS fake (with a
/// wrong secret: refused), the volume repository and an HTTP location (not deletable), present and missing;
/// both the stores and the reported status are checked (docs/artifacts.md, "Artifact garbage collection").
@Suite("artifact delete (artifact GC) against moto, the OSS fake and the Kubernetes API fake", .serialized)
struct ArtifactGCCommandTests {
    @Test("present, missing, prefixed, refused and undeletable artifacts: each deleted or reported")
    func mixedArtifacts() throws {
        let moto = try MotoServer(signatureChecking: false)  // moto 5.2.1 rejects signed prefix listings (docs/build.md)
        let oss = try OSSFake()
        let endpoint = String(moto.endpoint.dropFirst("http://".count))
        let s3 = S3Client(.init(endpoint: endpoint, secure: false,
                                credentials: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)))
        try s3.createBucket("argo")
        for key in ["wf/a.txt", "wf/dir/1.txt", "wf/dir/sub/2.txt", "wf/keep.txt"] {
            try s3.putObject(bucket: "argo", key: key, bytes: Array("x".utf8))
        }
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        func secret(_ name: String, _ key: String, _ value: String) throws {
            let dir = root.appendingPathComponent("argo/secret/\(name)")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(value.utf8).write(to: dir.appendingPathComponent(key))
        }
        try secret("s3", "ak", moto.accessKey)
        try secret("s3", "sk", moto.secretKey)
        try secret("oss", "ak", oss.accessKey)
        try secret("oss", "sk", "not-the-secret")
        let volume = root.appendingPathComponent("argo/repo/claim/wf")
        try fm.createDirectory(at: volume.appendingPathComponent("tree/sub"), withIntermediateDirectories: true)
        try Data("v".utf8).write(to: volume.appendingPathComponent("v.txt"))
        try Data("t".utf8).write(to: volume.appendingPathComponent("tree/sub/t.txt"))

        let s3Archive: [String: Any] = ["s3": ["endpoint": endpoint, "bucket": "argo", "insecure": true,
                                               "accessKeySecret": ["name": "s3", "key": "ak"], "secretKeySecret": ["name": "s3", "key": "sk"]]]
        let task: [String: Any] = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowArtifactGCTask",
            "metadata": ["name": "wf-gc-1", "namespace": "argo", "labels": ["workflows.argoproj.io/artifact-gc-pod": "abc123"]],
            "spec": ["artifactsByNode": [
                "wf-1": ["archiveLocation": s3Archive, "artifacts": [
                    "a": ["name": "a", "s3": ["key": "wf/a.txt"]],
                    "dir": ["name": "dir", "s3": ["key": "wf/dir/"]],
                    "gone": ["name": "gone", "s3": ["key": "wf/never-there.txt"]],
                ]],
                "wf-2": ["artifacts": [
                    "refused": ["name": "refused", "oss": ["endpoint": oss.endpoint, "bucket": "argo-oss", "key": "wf/o.txt",
                                                           "accessKeySecret": ["name": "oss", "key": "ak"], "secretKeySecret": ["name": "oss", "key": "sk"]]],
                    "vol": ["name": "vol", "volume": ["claimName": "claim", "key": "wf/v.txt"]],
                    "voltree": ["name": "voltree", "volume": ["claimName": "claim", "key": "wf/tree"]],
                    "volgone": ["name": "volgone", "volume": ["claimName": "claim", "key": "wf/none"]],
                    "web": ["name": "web", "http": ["url": "http://127.0.0.1:9/x"]],
                ]],
            ]],
        ]
        var other = task
        other["metadata"] = ["name": "wf-gc-2", "namespace": "argo", "labels": ["workflows.argoproj.io/artifact-gc-pod": "another"]]
        let fake = try KubeFake(users: ["admin": ("admin", ["*"]),
                                        "gc": ("gc", ["list workflowartifactgctasks", "patch workflowartifactgctasks/status"])],
                                objects: [task, other])
        try BinaryRunner.mountServiceAccount(in: root, token: "gc", namespace: "argo", caFile: fake.caFile)

        let result = try BinaryRunner.run(["artifact", "delete"], environment: [
            "ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "wf-artgc-abc123", "ARGO_TEMPLATE": "{}",
            "ARGO_ARTIFACT_POD_NAME": "abc123", "KUBERNETES_SERVICE_HOST": "127.0.0.1",
            "KUBERNETES_SERVICE_PORT": "\(URL(string: fake.server)?.port ?? 0)",
            "RETRY_BACKOFF_STEPS": "2", "EXECUTOR_RETRY_BACKOFF_STEPS": "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")

        // The stores: what GC was told to delete is gone, the rest stays.
        #expect(try s3.listObjects(bucket: "argo", prefix: "wf/").objects.map(\.key) == ["wf/keep.txt"])
        #expect(!fm.fileExists(atPath: volume.appendingPathComponent("v.txt").path))
        #expect(!fm.fileExists(atPath: volume.appendingPathComponent("tree").path))

        // The reported status, as Go marshals ArtifactResult.
        let stored = try fake.object("/apis/argoproj.io/v1alpha1/namespaces/argo/workflowartifactgctasks/wf-gc-1", adminToken: "admin")
        let byNode = ((stored["status"] as? [String: Any])?["artifactResultsByNode"] as? [String: Any]) ?? [:]
        func results(_ node: String) -> [String: [String: Any]] {
            ((byNode[node] as? [String: Any])?["artifactResults"] as? [String: [String: Any]]) ?? [:]
        }
        for name in ["a", "dir", "gone"] {
            #expect(results("wf-1")[name]?["success"] as? Bool == true, "\(name)")
            #expect(results("wf-1")[name]?["error"] == nil)
        }
        for name in ["vol", "voltree", "volgone"] { #expect(results("wf-2")[name]?["success"] as? Bool == true, "\(name)") }
        #expect(results("wf-2")["refused"]?["success"] == nil)
        #expect((results("wf-2")["refused"]?["error"] as? String)?.contains("SignatureDoesNotMatch") == true)
        #expect((results("wf-2")["web"]?["error"] as? String)?.hasPrefix("delete not supported for this artifact storage") == true)
        let untouched = try fake.object("/apis/argoproj.io/v1alpha1/namespaces/argo/workflowartifactgctasks/wf-gc-2", adminToken: "admin")
        #expect(untouched["status"] == nil || (untouched["status"] as? [String: Any])?.isEmpty == true)
        #expect(try oss.objects("argo-oss").isEmpty)  // nothing was there; the refused delete changed nothing
    }

    @Test("without ARGO_ARTIFACT_POD_NAME nothing is listed and the command succeeds, as Argo's")
    func noGCPod() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryRunner.run(["artifact", "delete", "--server", "https://127.0.0.1:9", "--token", "x"], environment: [
            "ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "wf-artgc", "ARGO_TEMPLATE": "{}",
            // GC pods carry ARGO_DEADLINE=<now>: finalising the (absent) task result gives up after the grace period.
            "ARGO_DEADLINE": "2000-01-01T00:00:00Z", "ARGO_TERMINATION_GRACE_PERIOD_SECONDS": "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
