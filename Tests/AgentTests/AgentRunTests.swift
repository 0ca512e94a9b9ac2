import Core
import Foundation
import Kube
import Logging
import Model
import Testing
import TestSupport
@testable import Agent

/// The whole agent in process against the Kubernetes API fake: a watched task set with HTTP and plugin tasks,
/// the watch dropped mid-stream and resumed, a compaction answered with 410 and a re-list, results patched into
/// the status subresource, and the stop on `workflows.argoproj.io/completed=true`.
@Suite("Agent against the Kubernetes API fake", .serialized)
struct AgentRunTests {
    static let namespace = "argo"
    static let path = "/apis/argoproj.io/v1alpha1/namespaces/argo/workflowtasksets/wf"
    static var crd: [String: Any] { ["group": "argoproj.io", "version": "v1alpha1", "kind": "WorkflowTaskSet",
                                     "plural": "workflowtasksets", "status": true] }

    static func plugin(_ name: String, _ mode: String) -> [String: Any] { ["name": name, "plugin": ["test": ["mode": mode]]] }
    static func http(_ name: String, _ spec: [String: Any]) -> [String: Any] { ["name": name, "http": spec] }

    final class Outcome: @unchecked Sendable {
        let lock = NSLock()
        var done = false
        var error: ExecError?

        /// Runs `agent` on a thread of its own; the outcome says when it ended and with what error.
        static func running(_ agent: AgentExecutor) -> Outcome {
            let outcome = Outcome()
            Thread.detachNewThread {
                var failure: ExecError?
                do throws(ExecError) { try agent.run() } catch { failure = error }
                outcome.lock.withLock { outcome.done = true; outcome.error = failure }
            }
            return outcome
        }
    }

    func nodes(_ fake: KubeFake) throws -> [String: [String: Any]] {
        let object = try fake.object(Self.path, adminToken: "admin")
        return ((object["status"] as? [String: Any])?["nodes"] as? [String: [String: Any]]) ?? [:]
    }

    func waitFor(_ what: String, seconds: Double = 20, _ check: () throws -> Bool) throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try check() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what)")
    }

    @Test func runsTasksOnceSurvivesDropsAndCompactionAndStopsWhenCompleted() throws {
        let peer = try AgentPeer(pluginToken: "plugin-token")
        let tasks: [String: Any] = [
            "n-ok": Self.http("ok", ["url": peer.httpBase + "/", "headers": [["name": "X-Secret", "valueFrom": ["secretKeyRef": ["name": "s", "key": "k"]]]]]),
            "n-404": Self.http("nf", ["url": peer.httpBase + "/status/404"]),
            "n-plugin": Self.plugin("p", "node"),
            "n-requeue": Self.plugin("rq", "requeue"),
            "n-garbage": Self.plugin("g", "garbage"),
            "n-none": Self.plugin("none", "none"),
            "n-container": ["name": "c", "container": ["image": "alpine"]],
            "n-badhttp": ["name": "b", "http": ["url": 5]],
        ]
        let taskSet: [String: Any] = ["apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskSet",
                                      "metadata": ["name": "wf", "namespace": Self.namespace], "spec": ["tasks": tasks]]
        let secret: [String: Any] = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s", "namespace": Self.namespace],
                                     "data": ["k": Base64.encode(Array("hidden".utf8))]]
        let fake = try KubeFake(users: ["admin": ("admin", ["*"]), "agent": ("agent", ["*"])], objects: [taskSet, secret], crds: [Self.crd])
        var kubeConfig = KubeConfig(server: fake.server, token: BearerToken(fixed: "agent"), caFile: fake.caFile, namespace: Self.namespace)
        kubeConfig.requestTimeoutSeconds = 10
        var config = AgentConfig(workflowName: "wf", workflowUID: "uid-1", namespace: Self.namespace,
                                 plugins: [.init(name: "test-plugin", address: peer.pluginAddress, token: "plugin-token")])
        config.patchRate = .milliseconds(200)
        config.taskWorkers = 4
        config.watchTimeoutSeconds = 3
        let agent = AgentExecutor(config: config, client: KubeClient(kubeConfig), logger: Logger(label: "agent-test"))
        let outcome = Outcome.running(agent)
        try waitFor("every node's result") { try nodes(fake).count == 8 && nodes(fake)["n-requeue"]?["phase"] as? String == "Succeeded" }
        var n = try nodes(fake)
        #expect(n["n-ok"]?["phase"] as? String == "Succeeded")
        #expect((n["n-ok"]?["outputs"] as? [String: Any])?["result"] as? String == "hello")
        #expect(n["n-404"]?["message"] as? String == "received non-2xx response code: 404")
        #expect(n["n-plugin"]?["message"] as? String == "done by plugin for argo/wf")
        #expect(((n["n-plugin"]?["outputs"] as? [String: Any])?["parameters"] as? [[String: Any]])?.first?["value"] as? String == "1")
        #expect(n["n-garbage"]?["phase"] as? String == "Failed")
        #expect((n["n-garbage"]?["message"] as? String)?.hasPrefix("invalid plugin reply") == true)
        #expect(n["n-none"]?["message"] as? String == "no plugin executed the template")
        #expect(n["n-container"]?["phase"] as? String == "Error")
        #expect(n["n-container"]?["message"] as? String == "error processing task: agent cannot execute: unknown task type: Container")
        #expect(n["n-badhttp"]?["phase"] as? String == "Failed")
        // The requeued node ran twice (Running, then Succeeded after 1s); every other one once.
        let calls = peer.pluginCalls()
        #expect(calls.filter { (($0["args"] as? [String: Any])?["template"] as? [String: Any])?["name"] as? String == "rq" }.count == 2)
        #expect(calls.filter { (($0["args"] as? [String: Any])?["template"] as? [String: Any])?["name"] as? String == "p" }.count == 1)
        #expect(calls.allSatisfy { $0["authorization"] as? String == "Bearer plugin-token" })
        #expect(calls.allSatisfy { $0["path"] as? String == "/api/v1/template.execute" })
        let workflow = (calls.first?["args"] as? [String: Any])?["workflow"] as? [String: Any]
        #expect((workflow?["metadata"] as? [String: Any])?["uid"] as? String == "uid-1")

        // A watch dropped mid-stream is resumed from the last resource version.
        try fake.dropWatches(adminToken: "admin")
        try fake.later(after: 0.3, method: "PATCH", path: Self.path, body: ["spec": ["tasks": ["n-late": Self.http("late", ["url": peer.httpBase + "/"])]]], adminToken: "admin")
        try waitFor("the task added after a dropped watch") { try nodes(fake)["n-late"]?["phase"] as? String == "Succeeded" }

        // After a compaction the resumed watch gets 410: the agent lists again and still sees new tasks.
        try fake.compact(adminToken: "admin")
        try fake.later(after: 0.5, method: "PATCH", path: Self.path, body: ["spec": ["tasks": ["n-later": Self.plugin("later", "node")]]], adminToken: "admin")
        try waitFor("the task added after a compaction") { try nodes(fake)["n-later"]?["phase"] as? String == "Succeeded" }
        #expect(peer.pluginCalls().filter { (($0["args"] as? [String: Any])?["template"] as? [String: Any])?["name"] as? String == "p" }.count == 1)
        let watches = fake.requests().filter { ($0["path"] as? String ?? "").contains("watch=true") }
        #expect(watches.count >= 3)
        let lists = fake.requests().filter { ($0["path"] as? String ?? "").contains("/workflowtasksets?") && !($0["path"] as? String ?? "").contains("watch=true") }
        #expect(lists.count == 2)  // the first list, and the one after 410 Expired

        try fake.later(after: 0, method: "PATCH", path: Self.path, body: ["metadata": ["labels": ["workflows.argoproj.io/completed": "true"]]], adminToken: "admin")
        try waitFor("the agent to stop") { outcome.lock.withLock { outcome.done } }
        #expect(outcome.lock.withLock { outcome.error } == nil)
        n = try nodes(fake)
        #expect(n.count == 10)
        // Results go to the status subresource only, as merge patches.
        let patches = fake.requests().filter { $0["method"] as? String == "PATCH" && $0["user"] as? String == "agent" }
        #expect(!patches.isEmpty)
        #expect(patches.allSatisfy { ($0["path"] as? String ?? "").hasSuffix("/workflowtasksets/wf/status") })
        #expect(!fake.requests().contains { "\($0)".contains("hidden") })
    }

    @Test func deletingTheTaskSetStopsTheAgent() throws {
        let taskSet: [String: Any] = ["apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskSet",
                                      "metadata": ["name": "wf", "namespace": Self.namespace], "spec": [:]]
        let fake = try KubeFake(users: ["admin": ("admin", ["*"]), "agent": ("agent", ["*"])], objects: [taskSet], crds: [Self.crd])
        let kube = KubeClient(KubeConfig(server: fake.server, token: BearerToken(fixed: "agent"), caFile: fake.caFile, namespace: Self.namespace))
        var config = AgentConfig(workflowName: "wf", workflowUID: "u", namespace: Self.namespace)
        config.patchRate = .milliseconds(100)
        let agent = AgentExecutor(config: config, client: kube, logger: Logger(label: "agent-test"))
        let outcome = Outcome.running(agent)
        Thread.sleep(forTimeInterval: 0.5)
        try fake.later(after: 0, method: "DELETE", path: Self.path, body: NSNull(), adminToken: "admin")
        try waitFor("the agent to stop", seconds: 10) { outcome.lock.withLock { outcome.done } }
        #expect(outcome.lock.withLock { outcome.error } == nil)
    }

    @Test func aPatchRefusedForGoodBecomesTheNodesError() throws {
        let taskSet: [String: Any] = ["apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskSet",
                                      "metadata": ["name": "wf", "namespace": Self.namespace],
                                      "spec": ["tasks": ["n": ["name": "c", "container": ["image": "x"]]]]]
        let fake = try KubeFake(users: ["admin": ("admin", ["*"]), "agent": ("agent", ["list workflowtasksets", "watch workflowtasksets"])],
                                objects: [taskSet], crds: [Self.crd])
        let kube = KubeClient(KubeConfig(server: fake.server, token: BearerToken(fixed: "agent"), caFile: fake.caFile, namespace: Self.namespace))
        var config = AgentConfig(workflowName: "wf", workflowUID: "u", namespace: Self.namespace)
        config.patchRate = .milliseconds(100)
        let agent = AgentExecutor(config: config, client: kube, logger: Logger(label: "agent-test"))
        let outcome = Outcome.running(agent)
        func patchMessages() -> [String] {
            fake.requests().filter { $0["method"] as? String == "PATCH" && $0["user"] as? String == "agent" }.compactMap {
                ((($0["body"] as? [String: Any])?["status"] as? [String: Any])?["nodes"] as? [String: [String: Any]])?["n"]?["message"] as? String
            }
        }
        try waitFor("a patch carrying the patch failure", seconds: 10) {
            patchMessages().contains { $0.hasPrefix("HTTP request completed successfully but an error occurred when patching its result: ") }
        }
        #expect(patchMessages().first == "error processing task: agent cannot execute: unknown task type: Container")
        try fake.later(after: 0, method: "DELETE", path: Self.path, body: NSNull(), adminToken: "admin")
        try waitFor("the agent to stop", seconds: 10) { outcome.lock.withLock { outcome.done } }
    }

    @Test func forbiddenWatchIsTheAgentsError() throws {
        let fake = try KubeFake(users: ["agent": ("agent", ["get secrets"])], crds: [Self.crd])
        let kube = KubeClient(KubeConfig(server: fake.server, token: BearerToken(fixed: "agent"), caFile: fake.caFile, namespace: Self.namespace))
        let agent = AgentExecutor(config: AgentConfig(workflowName: "wf", workflowUID: "u", namespace: Self.namespace), client: kube,
                                  logger: Logger(label: "agent-test"))
        #expect(throws: ExecError.self) { try agent.run() }
    }
}
