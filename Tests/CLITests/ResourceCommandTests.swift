import Foundation
import Testing
import TestSupport

/// `argoexec resource ACTION` as a process against the Kubernetes API fake (itself checked with the real kubectl
/// in KubeTests): a pod root with the service-account files, the template in `ARGO_TEMPLATE`, the report read back
/// from the fake. Argo's `workflow/executor/resource.go` behaviour, docs/resource.md.
@Suite("argoexec resource against the Kubernetes API fake", .serialized)
struct ResourceCommandTests {
    static let namespace = "argo"
    static let node = "wf-res-1234"

    final class Pod {
        let fake: KubeFake
        let root: URL

        init(users: [String: (name: String, allow: [String])] = [:], crds: [[String: Any]] = []) throws {
            var all = users
            all["admin"] = ("admin", ["*"])
            if all["executor"] == nil { all["executor"] = ("executor", ["*"]) }
            fake = try KubeFake(users: all, crds: crds)
            root = try BinaryRunner.makeRoot()
            try BinaryRunner.mountServiceAccount(in: root, token: "executor", namespace: ResourceCommandTests.namespace, caFile: fake.caFile)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Runs `argoexec resource ACTION` with `template` (a resource template as the controller writes it).
        func run(_ action: String, _ template: [String: Any], environment: [String: String] = [:]) throws -> BinaryRunner.Result {
            let json = String(decoding: try JSONSerialization.data(withJSONObject: template), as: UTF8.self)
            let port = URL(string: fake.server)?.port ?? 0
            var env = ["ARGOEXEC_ROOT": root.path, "ARGO_POD_NAME": "wf-res-pod", "ARGO_NODE_ID": ResourceCommandTests.node,
                       "ARGO_WORKFLOW_NAME": "wf-res", "ARGO_TEMPLATE": json, "ARGO_CONTAINER_NAME": "main",
                       "KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(port)",
                       "RESOURCE_STATE_CHECK_INTERVAL": "200ms"]
            env.merge(environment) { _, new in new }
            return try BinaryRunner.run(["resource", action], environment: env)
        }

        /// The termination message, with the pod root (`ARGOEXEC_ROOT`) taken out of paths, as in a real pod.
        var terminationMessage: String {
            let text = (try? String(contentsOf: root.appendingPathComponent("dev/termination-log"), encoding: .utf8)) ?? ""
            return text.replacingOccurrences(of: root.path, with: "")
        }

        func object(_ path: String) throws -> [String: Any] { try fake.object(path, adminToken: "admin") }

        /// The parameters reported in the node's task result, by name.
        func reportedParameters() throws -> [String: String] {
            let result = try object("/apis/argoproj.io/v1alpha1/namespaces/\(ResourceCommandTests.namespace)/workflowtaskresults/\(ResourceCommandTests.node)")
            let parameters = ((result["outputs"] as? [String: Any])?["parameters"] as? [[String: Any]]) ?? []
            var out: [String: String] = [:]
            for p in parameters { out[p["name"] as? String ?? ""] = p["value"] as? String }
            return out
        }

        func writes() -> [String] {
            fake.requests().filter { ["POST", "PUT", "PATCH", "DELETE"].contains($0["method"] as? String ?? "") && ($0["user"] as? String) == "executor" }
                .map { "\($0["method"] ?? "") \((($0["path"] as? String) ?? "").split(separator: "?").first ?? "")" }
        }
    }

    static func template(_ action: String, manifest: String?, flags: [String]? = nil, success: String? = nil, failure: String? = nil,
                         parameters: [[String: Any]] = [], mergeStrategy: String? = nil) -> [String: Any] {
        var resource: [String: Any] = ["action": action]
        if let manifest { resource["manifest"] = manifest }
        if let flags { resource["flags"] = flags }
        if let success { resource["successCondition"] = success }
        if let failure { resource["failureCondition"] = failure }
        if let mergeStrategy { resource["mergeStrategy"] = mergeStrategy }
        var template: [String: Any] = ["name": "res", "resource": resource]
        if !parameters.isEmpty { template["outputs"] = ["parameters": parameters] }
        return template
    }

    static let configMap = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      labels: {app: demo}
    data:
      colour: blue
      size: "3"
    """

    @Test("create: the object exists, jsonPath and jqFilter outputs are reported, the task result is finalised")
    func createWithOutputs() throws {
        let pod = try Pod()
        let result = try pod.run("create", Self.template("create", manifest: Self.configMap, parameters: [
            ["name": "name", "valueFrom": ["jsonPath": "{.metadata.name}"]],
            ["name": "keys", "valueFrom": ["jqFilter": ".data | keys"]],
            ["name": "colour", "valueFrom": ["jqFilter": ".data.colour"]],
        ]))
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try pod.object("/api/v1/namespaces/argo/configmaps/settings")
        #expect((stored["data"] as? [String: String])?["colour"] == "blue")
        #expect(try pod.reportedParameters() == ["name": "settings", "keys": #"["colour","size"]"#, "colour": "blue"])
        let taskResult = try pod.object("/apis/argoproj.io/v1alpha1/namespaces/argo/workflowtaskresults/\(Self.node)")
        let labels = (taskResult["metadata"] as? [String: Any])?["labels"] as? [String: String]
        #expect(labels?["workflows.argoproj.io/report-outputs-completed"] == "true")
        #expect(result.stderr.contains("kubectl create -f"))
    }

    @Test("a Job polled until its successCondition holds (the status changes while argoexec polls)")
    func jobSucceedsWhilePolling() throws {
        let pod = try Pod()
        let job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi, namespace: argo}
        spec: {template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}
        """
        try pod.fake.later(after: 1.0, method: "PATCH", path: "/apis/batch/v1/namespaces/argo/jobs/pi/status",
                           body: ["status": ["succeeded": 1]], adminToken: "admin")
        let started = Date()
        let result = try pod.run("create", Self.template("create", manifest: job, success: "status.succeeded > 0", failure: "status.failed > 3",
                                                        parameters: [["name": "succeeded", "valueFrom": ["jsonPath": "{.status.succeeded}"]]]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(try pod.reportedParameters() == ["succeeded": "1"])
        let polls = pod.fake.requests().filter { ($0["path"] as? String) == "/apis/batch/v1/namespaces/argo/jobs/pi" && ($0["method"] as? String) == "GET" }
        #expect(polls.count >= 3)
    }

    @Test("a failureCondition that matches ends the step with Argo's message, exit 64")
    func failureCondition() throws {
        let pod = try Pod()
        let manifest = """
        apiVersion: v1
        kind: Pod
        metadata: {name: worker}
        spec: {containers: [{name: main, image: busybox}]}
        """
        try pod.fake.later(after: 0.5, method: "PATCH", path: "/api/v1/namespaces/argo/pods/worker/status",
                           body: ["status": ["phase": "Failed"]], adminToken: "admin")
        let result = try pod.run("create", Self.template("create", manifest: manifest, success: "status.phase == Succeeded",
                                                        failure: "status.phase in (Failed, Error)"))
        #expect(result.status == 64)
        #expect(pod.terminationMessage == "failure condition 'status.phase in (Error,Failed)' evaluated true")
    }

    @Test("an object deleted while it is polled stops the wait")
    func deletedWhilePolling() throws {
        let pod = try Pod()
        try pod.fake.later(after: 0.5, method: "DELETE", path: "/api/v1/namespaces/argo/configmaps/settings", body: [:], adminToken: "admin")
        let result = try pod.run("create", Self.template("create", manifest: Self.configMap, success: "data.colour == red"))
        #expect(result.status == 64)
        #expect(pod.terminationMessage.hasPrefix("The resource has been deleted while its status was still being checked. Will not be retried: "))
    }

    @Test("apply creates then updates (server-side apply); replace; get of a missing object gives the defaults")
    func applyReplaceGet() throws {
        let pod = try Pod()
        #expect(try pod.run("apply", Self.template("apply", manifest: Self.configMap)).status == 0)
        let changed = Self.configMap.replacingOccurrences(of: "colour: blue", with: "colour: green")
        let second = try pod.run("apply", Self.template("apply", manifest: changed))
        #expect(second.status == 0, "\(second.stderr)")
        #expect((try pod.object("/api/v1/namespaces/argo/configmaps/settings")["data"] as? [String: String])?["colour"] == "green")
        let replaced = Self.configMap.replacingOccurrences(of: "colour: blue", with: "colour: red")
        #expect(try pod.run("replace", Self.template("replace", manifest: replaced)).status == 0)
        #expect((try pod.object("/api/v1/namespaces/argo/configmaps/settings")["data"] as? [String: String])?["colour"] == "red")
        let missing = try pod.run("get", Self.template("get", manifest: "", flags: ["configmap", "nothing-here", "--ignore-not-found"],
                                                    parameters: [["name": "colour", "valueFrom": ["jsonPath": "{.data.colour}", "default": "none"]]]))
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(try pod.reportedParameters() == ["colour": "none"])
    }

    @Test("patch: merge and json patches of a pod named in flags; delete by label selector")
    func patchAndDelete() throws {
        let pod = try Pod()
        let target = "apiVersion: v1\nkind: Pod\nmetadata: {name: target, labels: {app: x}}\nspec: {containers: [{name: c, image: busybox}]}\n"
        #expect(try pod.run("create", Self.template("create", manifest: target)).status == 0)
        let merge = try pod.run("patch", Self.template("patch", manifest: "metadata:\n  labels:\n    patched: \"yes\"\n", flags: ["pod", "target"],
                                                      mergeStrategy: "merge"))
        #expect(merge.status == 0, "\(merge.stderr)")
        let json = try pod.run("patch", Self.template("patch", manifest: "- op: add\n  path: /metadata/labels/json\n  value: done\n",
                                                     flags: ["pod", "target"], mergeStrategy: "json"))
        #expect(json.status == 0, "\(json.stderr)")
        let labels = (try pod.object("/api/v1/namespaces/argo/pods/target")["metadata"] as? [String: Any])?["labels"] as? [String: String]
        #expect(labels == ["app": "x", "patched": "yes", "json": "done"])
        for name in ["a", "b"] {
            let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name), labels: {sweep: me}}\n"
            #expect(try pod.run("create", Self.template("create", manifest: cm)).status == 0)
        }
        let delete = try pod.run("delete", Self.template("delete", manifest: "", flags: ["configmap", "--selector", "sweep=me"]))
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(pod.writes().filter { $0.hasPrefix("DELETE /api/v1/namespaces/argo/configmaps/") }.count == 2)
        let gone = pod.fake.requests().last { ($0["path"] as? String) == "/api/v1/namespaces/argo/configmaps/a" }
        #expect(gone?["status"] as? Int == 404)  // delete waited until the object was gone
    }

    @Test("a custom resource (CRD) and a cluster-scoped kind, resolved through discovery")
    func customAndClusterScoped() throws {
        let pod = try Pod(crds: [["group": "example.com", "version": "v1", "kind": "Widget", "plural": "widgets", "singular": "widget",
                                  "namespaced": true, "status": true]])
        let widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 2}\n"
        let result = try pod.run("create", Self.template("create", manifest: widget, parameters: [["name": "size", "valueFrom": ["jqFilter": ".spec.size"]]]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try pod.reportedParameters() == ["size": "2"])
        let ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: made-by-a-step}\n"
        #expect(try pod.run("create", Self.template("create", manifest: ns)).status == 0)
        #expect((try pod.object("/api/v1/namespaces/made-by-a-step")["metadata"] as? [String: Any])?["name"] as? String == "made-by-a-step")
    }

    @Test("bad input: a clear message, exit 64, nothing written to the cluster", arguments: [
        ("create", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n", nil, nil, "no more retries error: error parsing /tmp/manifest.yaml"),
        ("create", "apiVersion: v1\nmetadata: {name: x}\n", nil, nil, "no more retries error: unable to decode \"/tmp/manifest.yaml\": Object 'Kind' is missing"),
        ("create", "apiVersion: nope.example.com/v9\nkind: Thing\nmetadata: {name: x}\n", nil, nil, "no matches for kind \"Thing\" in version \"nope.example.com/v9\""),
        ("create", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", "status.phase in (Succeeded", nil, "success condition 'status.phase in (Succeeded' failed to parse"),
        ("delete", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", "a == b", nil, "successCondition, failureCondition and outputs are not supported for delete action"),
        ("create", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ../secrets/x}\n", nil, nil, "invalid resource name \"../secrets/x\""),
        ("create", "", nil, nil, "Must provide at least one of flags or manifest."),
        ("create", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", nil, ["--bogus"], "no more retries unknown flag: --bogus"),
    ] as [(String, String, String?, [String]?, String)])
    func badInput(_ action: String, _ manifest: String, _ success: String?, _ flags: [String]?, _ message: String) throws {
        let pod = try Pod()
        let result = try pod.run(action, Self.template(action, manifest: manifest, flags: flags, success: success))
        #expect(result.status == 64)
        #expect(pod.terminationMessage.contains(message), "\(pod.terminationMessage)")
        #expect(pod.writes().filter { !$0.contains("workflowtaskresults") }.isEmpty)
    }

    @Test("a jq syntax error names the filter, and nothing is created (Argo finds it only after creating)")
    func jqSyntaxError() throws {
        let pod = try Pod()
        let result = try pod.run("create", Self.template("create", manifest: Self.configMap,
                                                        parameters: [["name": "bad", "valueFrom": ["jqFilter": ".data | @@"]]]))
        #expect(result.status == 64)
        #expect(pod.terminationMessage.hasPrefix("invalid jq filter \".data | @@\""), "\(pod.terminationMessage)")
        #expect(pod.writes().filter { !$0.contains("workflowtaskresults") }.isEmpty)
    }

    @Test("an existing object: AlreadyExists as kubectl prints it, after Argo's 'no more retries'")
    func alreadyExists() throws {
        let pod = try Pod()
        #expect(try pod.run("create", Self.template("create", manifest: Self.configMap)).status == 0)
        let again = try pod.run("create", Self.template("create", manifest: Self.configMap))
        #expect(again.status == 64)
        #expect(pod.terminationMessage == "no more retries Error from server (AlreadyExists): error when creating \"/tmp/manifest.yaml\": configmaps \"settings\" already exists")
    }

    @Test("a multi-document manifest creates every object, then fails as Argo does on kubectl's List")
    func multiDocument() throws {
        let pod = try Pod()
        let manifest = Self.configMap + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: second}\n"
        let result = try pod.run("create", Self.template("create", manifest: manifest))
        #expect(result.status == 64)
        #expect(pod.terminationMessage == "Kind and name are both required but at least one of them is missing from the manifest")
        #expect(pod.writes().filter { $0.hasPrefix("POST /api/v1/namespaces/argo/configmaps") }.count == 2)
    }
}
