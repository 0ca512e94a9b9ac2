import Foundation
import Testing
import TestSupport

/// The fake is only worth its tests if real clients agree with it: the real kubectl gets, creates and
/// patches a pod and a workflowtaskresult through it.
@Suite("Kubernetes API fake driven by the real kubectl")
struct KubeFakeFidelityTests {
    @Test("kubectl get, create, patch, annotate: pods and workflowtaskresults; AlreadyExists, NotFound and Forbidden as Status")
    func kubectl() throws {
        let pod: [String: Any] = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "wf-1", "namespace": "argo"],
                                  "spec": ["containers": [["name": "main", "image": "busybox"]]]]
        let fake = try KubeFake(users: ["admin": ("admin", ["*"]), "reader": ("reader", ["get pods"])], objects: [pod])
        let dir = fake.stateDir
        let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "\(fake.server)", certificate-authority: \(fake.caFile)}}]
        users: [{name: admin, user: {token: admin}}, {name: reader, user: {token: reader}}]
        contexts: [{name: admin, context: {cluster: fake, user: admin, namespace: argo}}, {name: reader, context: {cluster: fake, user: reader, namespace: argo}}]
        current-context: admin
        """
        try kubeconfig.write(toFile: dir + "/kubeconfig", atomically: true, encoding: .utf8)
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTaskResult
        metadata: {name: wf-1-123, labels: {workflows.argoproj.io/workflow: wf}}
        outputs: {result: hi}
        """.write(toFile: dir + "/tr.yaml", atomically: true, encoding: .utf8)
        try ExternalTool.require("kubectl")
        func kubectl(_ args: String...) throws -> (status: Int32, out: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["kubectl", "--kubeconfig", dir + "/kubeconfig"] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        #expect(try kubectl("get", "pod", "wf-1", "-o", "jsonpath={.spec.containers[0].name}").out == "main")
        #expect(try kubectl("annotate", "pod", "wf-1", "workflows.argoproj.io/outputs={\"result\":\"hi\"}").status == 0)
        #expect(try kubectl("get", "pod", "wf-1", "-o", "jsonpath={.metadata.annotations}").out == #"{"workflows.argoproj.io/outputs":"{\"result\":\"hi\"}"}"#)
        #expect(try kubectl("create", "--validate=false", "-f", dir + "/tr.yaml").out.contains("workflowtaskresult.argoproj.io/wf-1-123 created"))
        let again = try kubectl("create", "--validate=false", "-f", dir + "/tr.yaml")
        #expect(again.status != 0 && again.out.contains("AlreadyExists"))
        #expect(try kubectl("patch", "workflowtaskresult", "wf-1-123", "--type", "merge", "-p",
                            #"{"metadata":{"labels":{"workflows.argoproj.io/report-outputs-completed":"true"}}}"#).status == 0)
        #expect(try kubectl("get", "workflowtaskresult", "wf-1-123", "-o", "jsonpath={.metadata.labels.workflows\\.argoproj\\.io/report-outputs-completed} {.outputs.result}").out
                == "true hi")
        #expect(try kubectl("patch", "pod", "wf-1", "-p", #"{"metadata":{"labels":{"a":"b"}}}"#).status == 0)  // strategic merge
        #expect(try kubectl("get", "pod", "wf-1", "-o", "jsonpath={.metadata.labels.a}").out == "b")
        #expect(try kubectl("get", "pod", "nope").out.contains("NotFound"))
        let forbidden = try kubectl("--context", "reader", "patch", "pod", "wf-1", "-p", #"{"metadata":{"labels":{"a":"c"}}}"#)
        #expect(forbidden.status != 0 && forbidden.out.contains("Forbidden"))
        #expect(fake.requests().contains { ($0["user"] as? String) == "reader" && ($0["status"] as? Int) == 403 })
    }
}
