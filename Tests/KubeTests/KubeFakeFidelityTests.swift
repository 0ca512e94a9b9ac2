import Foundation
import Testing
import TestSupport

/// The fake is only worth its tests if real clients agree with it: the real kubectl gets, creates and
/// patches a pod and a workflowtaskresult through it, and finds every resource type through discovery.
@Suite("Kubernetes API fake driven by the real kubectl")
struct KubeFakeFidelityTests {
    @Test("kubectl get, create, patch, annotate: pods and workflowtaskresults; AlreadyExists, NotFound and Forbidden as Status")
    func kubectl() throws {
        let pod: [String: Any] = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "wf-1", "namespace": "argo"],
                                  "spec": ["containers": [["name": "main", "image": "busybox"]]]]
        let fake = try KubeFake(users: ["admin": ("admin", ["*"]), "reader": ("reader", ["get pods"])], objects: [pod])
        let k = try Kubectl(fake, contexts: ["admin": "admin", "reader": "reader"])
        let taskResult = try k.file("tr.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTaskResult
        metadata: {name: wf-1-123, labels: {workflows.argoproj.io/workflow: wf}}
        outputs: {result: hi}
        """)
        #expect(try k.run("get", "pod", "wf-1", "-o", "jsonpath={.spec.containers[0].name}").out == "main")
        #expect(try k.run("annotate", "pod", "wf-1", "workflows.argoproj.io/outputs={\"result\":\"hi\"}").status == 0)
        #expect(try k.run("get", "pod", "wf-1", "-o", "jsonpath={.metadata.annotations}").out == #"{"workflows.argoproj.io/outputs":"{\"result\":\"hi\"}"}"#)
        #expect(try k.run("create", "--validate=false", "-f", taskResult).out.contains("workflowtaskresult.argoproj.io/wf-1-123 created"))
        let again = try k.run("create", "--validate=false", "-f", taskResult)
        #expect(again.status != 0 && again.err.contains("AlreadyExists"))
        #expect(try k.run("patch", "workflowtaskresult", "wf-1-123", "--type", "merge", "-p",
                          #"{"metadata":{"labels":{"workflows.argoproj.io/report-outputs-completed":"true"}}}"#).status == 0)
        #expect(try k.run("get", "workflowtaskresult", "wf-1-123", "-o", "jsonpath={.metadata.labels.workflows\\.argoproj\\.io/report-outputs-completed} {.outputs.result}").out
                == "true hi")
        #expect(try k.run("patch", "pod", "wf-1", "-p", #"{"metadata":{"labels":{"a":"b"}}}"#).status == 0)  // strategic merge
        #expect(try k.run("get", "pod", "wf-1", "-o", "jsonpath={.metadata.labels.a}").out == "b")
        #expect(try k.run("get", "pod", "nope").err.contains("NotFound"))
        let forbidden = try k.run("--context", "reader", "patch", "pod", "wf-1", "-p", #"{"metadata":{"labels":{"a":"c"}}}"#)
        #expect(forbidden.status != 0 && forbidden.err.contains("Forbidden"))
        #expect(fake.requests().contains { ($0["user"] as? String) == "reader" && ($0["status"] as? Int) == 403 })
    }

    @Test("discovery: kubectl maps every built-in and Argo type from the aggregated documents alone, and short names resolve")
    func discovery() throws {
        let fake = try KubeFake(users: ["admin": ("admin", ["*"])], objects: [Kubectl.widgetDefinition])
        let k = try Kubectl(fake)
        let listed = try k.run("api-resources", "--no-headers")
        #expect(listed.status == 0, "\(listed.err)")
        let rows = Set(listed.out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") })
        for row in ["pods po v1 true Pod", "services svc v1 true Service", "configmaps cm v1 true ConfigMap", "secrets v1 true Secret",
                    "serviceaccounts sa v1 true ServiceAccount", "persistentvolumeclaims pvc v1 true PersistentVolumeClaim",
                    "events ev v1 true Event", "namespaces ns v1 false Namespace", "nodes no v1 false Node",
                    "deployments deploy apps/v1 true Deployment", "statefulsets sts apps/v1 true StatefulSet", "jobs batch/v1 true Job",
                    "workflows wf argoproj.io/v1alpha1 true Workflow", "workflowtaskresults argoproj.io/v1alpha1 true WorkflowTaskResult",
                    "workflowtasksets wfts argoproj.io/v1alpha1 true WorkflowTaskSet",
                    "workflowartifactgctasks wfat argoproj.io/v1alpha1 true WorkflowArtifactGCTask",
                    "widgets wg example.com/v1 true Widget"] {
            #expect(rows.contains(row), "\(row) missing from \(listed.out)")
        }
        // Aggregated discovery (apidiscovery.k8s.io/v2) answers /api and /apis: kubectl needs no per-version document.
        let paths = fake.requests().compactMap { $0["path"] as? String }
        #expect(paths.contains { $0.hasPrefix("/apis?") } && !paths.contains { $0.hasPrefix("/api/v1?") || $0.hasPrefix("/apis/batch/v1?") }, "\(paths)")
        // The legacy documents, as clients without aggregated discovery read them; status subresources listed.
        let legacy = try k.run("get", "--raw", "/apis/batch/v1")
        #expect(legacy.out.contains(#""name":"jobs/status""#) && legacy.out.contains(#""kind":"APIResourceList""#), "\(legacy.out)")
        #expect(try k.run("get", "wfat", "-o", "name").status == 0)
        #expect(try k.run("get", "wg", "-o", "name").status == 0)
    }

    @Test("validation on (kubectl's default): the OpenAPI v3 documents let kubectl send fieldValidation=Strict instead of failing on /openapi/v2")
    func serverSideValidation() throws {
        let fake = try KubeFake(users: ["admin": ("admin", ["*"])], objects: [Kubectl.widgetDefinition])
        let k = try Kubectl(fake)
        let cm = try k.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict}\ndata: {a: b}\n")
        let widget = try k.file("w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n")
        for file in [cm, widget] {
            let created = try k.run("create", "-f", file)
            #expect(created.status == 0, "\(created.err)")
        }
        let log = fake.requests()
        #expect(log.contains { ($0["path"] as? String)?.hasPrefix("/openapi/v3/api/v1?hash=") == true })
        #expect(log.filter { $0["method"] as? String == "POST" }.allSatisfy { ($0["path"] as? String)?.contains("fieldValidation=Strict") == true })
        #expect(!log.contains { ($0["path"] as? String)?.hasPrefix("/openapi/v2") == true })
    }
}

/// The real kubectl pointed at a `KubeFake`: a kubeconfig with one context per token and a discovery cache of
/// its own (so no run reads another fake's cached discovery).
struct Kubectl {
    let fake: KubeFake  // held so the fake (and its state directory) lives as long as the runs against it
    let dir: String

    /// A namespaced custom resource with a status subresource, as an initial object: the fake serves it from start.
    static var widgetDefinition: [String: Any] { [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": ["name": "widgets.example.com"],
        "spec": ["group": "example.com", "scope": "Namespaced",
                 "names": ["kind": "Widget", "plural": "widgets", "singular": "widget", "shortNames": ["wg"]],
                 "versions": [["name": "v1", "served": true, "storage": true, "subresources": ["status": [String: Any]()]]]],
    ] }

    /// `contexts`: context name → token; "admin" is the current context when there is one, else the first by name.
    init(_ fake: KubeFake, contexts: [String: String] = ["admin": "admin"]) throws {
        try ExternalTool.require("kubectl")
        self.fake = fake
        dir = fake.stateDir
        let names = contexts.keys.sorted()
        let users = names.map { "{name: \($0), user: {token: \(contexts[$0]!)}}" }.joined(separator: ", ")
        let ctxs = names.map { "{name: \($0), context: {cluster: fake, user: \($0), namespace: argo}}" }.joined(separator: ", ")
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "\(fake.server)", certificate-authority: \(fake.caFile)}}]
        users: [\(users)]
        contexts: [\(ctxs)]
        current-context: \(names.contains("admin") ? "admin" : names[0])
        """.write(toFile: dir + "/kubeconfig", atomically: true, encoding: .utf8)
    }

    /// Writes a manifest into the fake's state directory; returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    /// Runs kubectl; stdout and stderr are read from files, so neither pipe can fill up and block it.
    func run(_ args: String...) throws -> (status: Int32, out: String, err: String) {
        let id = UUID().uuidString
        let outPath = dir + "/kubectl-\(id).out", errPath = dir + "/kubectl-\(id).err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["kubectl", "--kubeconfig", dir + "/kubeconfig", "--cache-dir", dir + "/kube-cache"] + args
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try p.run()
        p.waitUntilExit()
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (p.terminationStatus, out.hasSuffix("\n") ? String(out.dropLast()) : out, err)
    }
}
