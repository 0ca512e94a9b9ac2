import Core
import Foundation
@testable import Kube
import Testing
import TestSupport

@Suite("Kubernetes client: in-cluster configuration, token rotation, secrets and config maps", .serialized)
struct KubeClientTests {
    /// A fake pod root with the service-account files client-go reads.
    static func serviceAccount(_ fake: KubeFake, token: String) throws -> String {
        let dir = NSTemporaryDirectory() + "argoexec-sa-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fake.caFile, toPath: dir + "/ca.crt")
        try token.write(toFile: dir + "/token", atomically: false, encoding: .utf8)
        try "argo\n".write(toFile: dir + "/namespace", atomically: false, encoding: .utf8)
        return dir
    }

    static func port(_ fake: KubeFake) -> String { String(fake.server.split(separator: ":").last ?? "") }

    @Test("in-cluster configuration from KUBERNETES_SERVICE_* and the service-account files; TLS verified against ca.crt")
    func inCluster() throws {
        let fake = try KubeFake(users: ["sa-token": ("sa", ["get pods"])],
                                objects: [["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "argo"]]])
        let dir = try Self.serviceAccount(fake, token: "sa-token\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try KubeConfig.inCluster(host: "127.0.0.1", port: Self.port(fake), serviceAccountDir: dir)
        #expect(config.namespace == "argo")
        #expect(config.server == fake.server)
        let pod = try KubeClient(config).send("GET", "/api/v1/namespaces/argo/pods/p")
        #expect(pod.status == 200)
        // Without the CA the fake's certificate is refused.
        var untrusted = config
        untrusted.caFile = nil
        #expect(throws: ExecError.self) { try KubeClient(untrusted).send("GET", "/api/v1/namespaces/argo/pods/p") }
        let missing = #expect(throws: ExecError.self) { try KubeConfig.inCluster(host: nil, port: nil, serviceAccountDir: dir) }
        #expect(missing?.message.contains("KUBERNETES_SERVICE_HOST") == true)
    }

    @Test("rotated tokens: a changed token file is re-read; a 401 re-reads it even when the change went unnoticed")
    func tokenRotation() throws {
        let fake = try KubeFake(users: ["token-one": ("sa", ["get pods"]), "admin": ("admin", ["*"])],
                                objects: [["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "argo"]]])
        let dir = try Self.serviceAccount(fake, token: "token-one")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let client = KubeClient(try KubeConfig.inCluster(host: "127.0.0.1", port: Self.port(fake), serviceAccountDir: dir))
        #expect(try client.send("GET", "/api/v1/namespaces/argo/pods/p").status == 200)
        // kubelet rotates: new file contents, the old token stops working.
        try fake.setUsers(["token-two": ("sa", ["get pods"]), "admin": ("admin", ["*"])], adminToken: "admin")
        try "token-two".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        #expect(try client.send("GET", "/api/v1/namespaces/argo/pods/p").status == 200)
        // Same size, same mtime, same inode: the cache cannot see it, the 401 makes the client re-read.
        var st = stat()
        stat(dir + "/token", &st)
        try fake.setUsers(["token-six": ("sa", ["get pods"]), "admin": ("admin", ["*"])], adminToken: "admin")
        let fd = open(dir + "/token", O_WRONLY)
        _ = Array("token-six".utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [st.st_atim, st.st_mtim]
        futimens(fd, &times)
        close(fd)
        #expect(try client.send("GET", "/api/v1/namespaces/argo/pods/p").status == 200)
        let users = fake.requests().filter { ($0["path"] as? String) == "/api/v1/namespaces/argo/pods/p" }.map { "\($0["status"] ?? "")" }
        #expect(users == ["200", "200", "401", "200"])
        // A wrong token that stays wrong: a clear Unauthorized, not a loop.
        try fake.setUsers(["admin": ("admin", ["*"])], adminToken: "admin")
        let error = #expect(throws: ExecError.self) { try client.send("GET", "/api/v1/namespaces/argo/pods/p") }
        #expect(error?.code == .unauthorized)
    }

    @Test("secrets and config maps through the API; missing keys and objects are NotFound with the name")
    func secretsAndConfigMaps() throws {
        let fake = try KubeFake(users: ["t": ("sa", ["get secrets", "get configmaps"])], objects: [
            ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s3-cred", "namespace": "argo"], "data": ["accesskey": "QUtJQQ=="]],
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "hdfs", "namespace": "argo"], "data": ["krb5.conf": "[libdefaults]"]],
        ])
        let client = KubeClient(KubeConfig(server: fake.server, token: BearerToken(fixed: "t"), caFile: fake.caFile))
        #expect(try client.secretValue(namespace: "argo", name: "s3-cred", key: "accesskey") == Array("AKIA".utf8))
        #expect(try client.configMapValue(namespace: "argo", name: "hdfs", key: "krb5.conf") == "[libdefaults]")
        let noKey = #expect(throws: ExecError.self) { try client.secretValue(namespace: "argo", name: "s3-cred", key: "nope") }
        #expect(noKey?.code == .notFound && noKey?.message.contains("nope") == true)
        let noSecret = #expect(throws: ExecError.self) { try client.secretValue(namespace: "argo", name: "gone", key: "k") }
        #expect(noSecret?.code == .notFound && noSecret?.kubeReason == "NotFound")
    }

    @Test("v3.0-v3.1 template from the downward-API annotations file (value decoded twice)")
    func podMetadata() throws {
        let template = #"{"name":"main","container":{"image":"busybox","args":["echo \"hi\""]}}"#
        let quoted = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
        let text = "kubectl.kubernetes.io/default-container=\"main\"\nworkflows.argoproj.io/template=\(quoted)\n"
        #expect(try PodMetadataFile.annotations(text)["workflows.argoproj.io/template"] == template)
        #expect(try PodMetadataFile.annotations(text)["kubectl.kubernetes.io/default-container"] == "main")
        #expect(throws: ExecError.self) { try PodMetadataFile.annotations("broken line") }
    }
}
