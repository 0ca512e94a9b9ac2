import Foundation
import Testing
import TestSupport

/// `argoexec agent init|main` as processes (Argo's `cmd/argoexec/commands/agent.go`): init's token files, main
/// against the Kubernetes API fake with HTTP tasks and a plugin sidecar using init's token, the results read back
/// from the task set's status after the agent stops on `workflows.argoproj.io/completed=true`.
@Suite("argoexec agent", .serialized)
struct AgentCommandTests {
    static let path = "/apis/argoproj.io/v1alpha1/namespaces/argo/workflowtasksets/wf"

    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var result: BinaryRunner.Result?
    }

    @Test func initWritesOneTokenPerPlugin() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("var/run/argo"), withIntermediateDirectories: true)
        let r = try BinaryRunner.run(["agent", "init"], environment: ["ARGOEXEC_ROOT": root.path, "ARGO_PLUGIN_NAMES": #"["one","two"]"#])
        #expect(r.status == 0, "\(r.stderr)")
        var tokens: [String] = []
        for name in ["one", "two"] {
            let dir = root.appendingPathComponent("var/run/argo/\(name)").path
            let file = dir + "/token"
            let token = try String(contentsOfFile: file, encoding: .utf8)
            #expect(token.count == 32)
            #expect(token.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
            let fileMode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? 0
            let dirMode = (try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int) ?? 0
            #expect(fileMode & 0o222 == 0 && fileMode & 0o440 == 0o440)
            #expect(dirMode & 0o007 == 0 && dirMode & 0o700 == 0o700)
            tokens.append(token)
        }
        #expect(tokens[0] != tokens[1])
        #expect(r.stderr.contains("creating token file for plugin"))
        // Run twice, mkdir fails as Go's os.Mkdir does: a returned error, exit 64.
        let again = try BinaryRunner.run(["agent", "init"], environment: ["ARGOEXEC_ROOT": root.path, "ARGO_PLUGIN_NAMES": #"["one"]"#])
        #expect(again.status == 64)
        #expect(again.stderr.contains("file exists") || again.stderr.contains("File exists"), "\(again.stderr)")
    }

    @Test(arguments: [
        (["ARGO_PLUGIN_NAMES": "not json"], ["agent", "init"], "Failed to unmarshal plugin names"),
        ([:], ["agent", "init"], "Failed to unmarshal plugin names (ARGO_PLUGIN_NAMES): unexpected end of JSON input"),
    ] as [([String: String], [String], String)])
    func badPluginNamesAreFatal(env: [String: String], arguments: [String], message: String) throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(arguments, environment: ["ARGOEXEC_ROOT": root.path].merging(env) { _, new in new })
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func mainRunsTheTaskSetAndStopsWhenCompleted() throws {
        let pod = try ResourceCommandTests.Pod(crds: [["group": "argoproj.io", "version": "v1alpha1", "kind": "WorkflowTaskSet",
                                                       "plural": "workflowtasksets", "status": true]])
        let root = pod.root.path
        try FileManager.default.createDirectory(atPath: root + "/var/run/argo", withIntermediateDirectories: true)
        let initRun = try BinaryRunner.run(["agent", "init"], environment: ["ARGOEXEC_ROOT": root, "ARGO_PLUGIN_NAMES": #"["test-plugin"]"#])
        #expect(initRun.status == 0)
        let token = try String(contentsOfFile: root + "/var/run/argo/test-plugin/token", encoding: .utf8)
        let peer = try AgentPeer(pluginToken: token)
        let tasks: [String: Any] = [
            "n-ok": ["name": "ok", "http": ["url": peer.httpBase + "/echo", "method": "POST", "body": "hi",
                                             "headers": [["name": "X-Token", "valueFrom": ["secretKeyRef": ["name": "s", "key": "k"]]]],
                                             "successCondition": "response.statusCode == 200"]],
            "n-tls": ["name": "tls", "http": ["url": peer.tlsBase + "/", "insecureSkipVerify": true]],
            "n-tls-verified": ["name": "tlsv", "http": ["url": peer.tlsBase + "/"]],
            "n-slow": ["name": "slow", "http": ["url": peer.httpBase + "/slow", "timeoutSeconds": 1]],
            "n-plugin": ["name": "p", "plugin": ["test": ["mode": "node"]]],
        ]
        _ = try Curl.run(["-sS", "--cacert", pod.fake.caFile, "-H", "Authorization: Bearer admin", "-H", "Content-Type: application/json", "-d",
                          String(decoding: try JSONSerialization.data(withJSONObject: ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"],
                                                                                       "data": ["k": Data("from-secret".utf8).base64EncodedString()]]), as: UTF8.self),
                          pod.fake.server + "/api/v1/namespaces/argo/secrets"])
        _ = try Curl.run(["-sS", "--cacert", pod.fake.caFile, "-H", "Authorization: Bearer admin", "-H", "Content-Type: application/json", "-d",
                          String(decoding: try JSONSerialization.data(withJSONObject: ["apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskSet",
                                                                                       "metadata": ["name": "wf"], "spec": ["tasks": tasks]]), as: UTF8.self),
                          pod.fake.server + "/apis/argoproj.io/v1alpha1/namespaces/argo/workflowtasksets"])
        let port = URL(string: pod.fake.server)?.port ?? 0
        let env = ["ARGOEXEC_ROOT": root, "ARGO_WORKFLOW_NAME": "wf", "ARGO_WORKFLOW_UID": "uid-9",
                   "ARGO_PLUGIN_NAMES": #"["test-plugin"]"#, "ARGO_PLUGIN_ADDRESSES": "[\"\(peer.pluginAddress)\"]",
                   "ARGO_AGENT_PATCH_RATE": "200ms", "ARGO_AGENT_TASK_WORKERS": "3",
                   "KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(port)"]
        let box = Box()
        Thread.detachNewThread {
            let r = try? BinaryRunner.run(["agent", "main"], environment: env)
            box.lock.withLock { box.result = r ?? BinaryRunner.Result(status: -1, stdout: "", stderr: "did not run") }
        }
        func nodes() throws -> [String: [String: Any]] {
            ((try pod.object(Self.path)["status"] as? [String: Any])?["nodes"] as? [String: [String: Any]]) ?? [:]
        }
        let end = Date().addingTimeInterval(30)
        while Date() < end, try nodes().count < tasks.count { Thread.sleep(forTimeInterval: 0.1) }
        try pod.fake.later(after: 0, method: "PATCH", path: Self.path, body: ["metadata": ["labels": ["workflows.argoproj.io/completed": "true"]]],
                           adminToken: "admin")
        let stop = Date().addingTimeInterval(20)
        while Date() < stop, box.lock.withLock({ box.result == nil }) { Thread.sleep(forTimeInterval: 0.1) }
        let result = try #require(box.lock.withLock { box.result })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Workflow completed... stopping agent"))
        #expect(!result.stderr.contains("from-secret"))
        let n = try nodes()
        let ok = (n["n-ok"]?["outputs"] as? [String: Any])?["result"] as? String ?? ""
        #expect(n["n-ok"]?["phase"] as? String == "Succeeded")
        #expect(ok.contains("\"x-token\": \"from-secret\"") && ok.contains("\"body\": \"hi\""))
        #expect(n["n-tls"]?["phase"] as? String == "Succeeded")
        #expect(n["n-tls-verified"]?["phase"] as? String == "Failed")
        #expect(n["n-slow"]?["message"] as? String == "Get \"\(peer.httpBase)/slow\": context deadline exceeded")
        #expect(n["n-plugin"]?["message"] as? String == "done by plugin for argo/wf")
        #expect(peer.pluginCalls().allSatisfy { $0["authorization"] as? String == "Bearer " + token })
    }

    @Test(arguments: [("ARGO_AGENT_TASK_WORKERS", "many"), ("ARGO_AGENT_PATCH_RATE", "10"), ("ARGO_AGENT_PATCH_RATE", "-1s")])
    func badTuningPanics(variable: String, value: String) throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(["agent", "main", "--server", "https://127.0.0.1:1", "--token", "t"],
                                     environment: ["ARGOEXEC_ROOT": root.path, "ARGO_WORKFLOW_NAME": "wf", "ARGO_WORKFLOW_UID": "u",
                                                   "ARGO_PLUGIN_NAMES": "[]", "ARGO_PLUGIN_ADDRESSES": "[]", variable: value])
        #expect(r.status == 2)
        #expect(r.stderr.contains(variable), "\(r.stderr)")
    }

    @Test func mainNeedsTheWorkflowName() throws {
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try BinaryRunner.run(["agent", "main", "--server", "https://127.0.0.1:1", "--token", "t"],
                                     environment: ["ARGOEXEC_ROOT": root.path, "ARGO_PLUGIN_NAMES": "null", "ARGO_PLUGIN_ADDRESSES": "null"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Unable to determine workflow name from environment variable ARGO_WORKFLOW_NAME"), "\(r.stderr)")
    }
}
