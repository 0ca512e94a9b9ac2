import Core
import Foundation
@testable import Kube
import Logging
import Model
import Synchronization
import Testing
import TestSupport

@Suite("Output reporting: task results, annotation fallback, outages, token rotation", .serialized)
struct OutputReporterTests {
    static var pod: [String: Any] { ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "wf-abc-1", "namespace": "argo"]] }
    static let target = ReportTarget(namespace: "argo", podName: "wf-abc-1", nodeID: "wf-abc-123", workflowName: "wf-abc",
                                     workflowUID: "uid-1", instanceID: "i1")

    static func reporter(_ fake: KubeFake, token: String, mode: ReportMode, logger: Logger = .disabled) -> OutputReporter {
        var config = KubeConfig(server: fake.server, token: BearerToken(fixed: token), caFile: fake.caFile)
        config.requestTimeoutSeconds = 10
        let r = OutputReporter(client: KubeClient(config), target: target, mode: mode,
                               giveUpAt: UTCTime(secondsSinceEpoch: UTCTime.now().secondsSinceEpoch + 30), logger: logger)
        r.reportBackoff = Backoff(steps: .max, duration: .milliseconds(200), factor: 2, jitter: 0.2, cap: .seconds(1))
        r.lifecycleBackoff = r.reportBackoff
        return r
    }

    static var outputs: Outputs {
        var param = Parameter(name: "msg")
        param.value = AnyString("hi")
        param.valueFrom = ValueFrom()
        param.valueFrom?.path = "/tmp/msg.txt"
        var logs = Artifact(name: "main-logs")
        logs.location.s3 = S3Artifact()
        logs.location.s3?.key = "wf-abc/wf-abc-1/main.log"
        return Outputs(parameters: [param], artifacts: [logs], result: "hi")
    }

    static func json(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "nil" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("task-result mode: create with labels and owner, merge-patch outputs and progress, then completed=true; exact bodies")
    func taskResults() throws {
        let fake = try KubeFake(users: ["t": ("executor", ["create workflowtaskresults", "patch workflowtaskresults"]), "admin": ("admin", ["*"])],
                                objects: [Self.pod])
        let r = Self.reporter(fake, token: "t", mode: .taskResult)
        try r.initialize()
        try r.reportOutputs(Self.outputs)
        try r.reportProgress("1/2")
        try r.finalize()
        let log = fake.requests().filter { ($0["user"] as? String) == "executor" }
        #expect(log.map { "\($0["method"] ?? "") \($0["status"] ?? "")" } == ["POST 201", "PATCH 200", "PATCH 200", "PATCH 200"])
        #expect(log.first?["path"] as? String == "/apis/argoproj.io/v1alpha1/namespaces/argo/workflowtaskresults")
        #expect(Self.json(log[0]["body"]) == Self.json([
            "apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
            "metadata": ["name": "wf-abc-123",
                         "labels": ["workflows.argoproj.io/workflow": "wf-abc", "workflows.argoproj.io/report-outputs-completed": "false",
                                    "workflows.argoproj.io/controller-instanceid": "i1"],
                         "ownerReferences": [["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "wf-abc", "uid": "uid-1"]]],
        ]))
        #expect(log[1]["contentType"] as? String == "application/merge-patch+json")
        #expect(Self.json(log[1]["body"]) == Self.json(["outputs": [
            "parameters": [["name": "msg", "value": "hi", "valueFrom": ["path": "/tmp/msg.txt"]]],
            "artifacts": [["name": "main-logs", "s3": ["key": "wf-abc/wf-abc-1/main.log"]]], "result": "hi"]]))
        #expect(Self.json(log[2]["body"]) == Self.json(["progress": "1/2"]))
        #expect(Self.json(log[3]["body"]) == Self.json(["metadata": ["labels": ["workflows.argoproj.io/report-outputs-completed": "true"]]]))
        let stored = try fake.object("/apis/argoproj.io/v1alpha1/namespaces/argo/workflowtaskresults/wf-abc-123", adminToken: "admin")
        #expect(Self.json((stored["metadata"] as? [String: Any])?["labels"]) == Self.json([
            "workflows.argoproj.io/workflow": "wf-abc", "workflows.argoproj.io/report-outputs-completed": "true",
            "workflows.argoproj.io/controller-instanceid": "i1"]))
        #expect(stored["progress"] as? String == "1/2")
        #expect(((stored["outputs"] as? [String: Any])?["result"]) as? String == "hi")
    }

    @Test("AlreadyExists on create becomes a patch; a task result deleted meanwhile is created again")
    func upsert() throws {
        let existing: [String: Any] = ["apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
                                       "metadata": ["name": "wf-abc-123", "namespace": "argo"]]
        let fake = try KubeFake(users: ["t": ("executor", ["*"])], objects: [existing])
        let r = Self.reporter(fake, token: "t", mode: .auto)
        try r.initialize()
        _ = try r.client.send("DELETE", Self.target.taskResult)
        try r.reportOutputs(Self.outputs)
        let calls = fake.requests().map { "\($0["method"] ?? "") \($0["status"] ?? "")" }
        #expect(calls == ["POST 409", "PATCH 200", "DELETE 200", "PATCH 404", "POST 201"])
        #expect(!r.usingAnnotations)
    }

    @Test("auto mode: a 403 on task results falls back to pod annotations, as v3.3-v3.5 executors did")
    func fallback() throws {
        let fake = try KubeFake(users: ["t": ("old-rbac", ["patch pods"]), "admin": ("admin", ["*"])], objects: [Self.pod])
        let r = Self.reporter(fake, token: "t", mode: .auto)
        try r.initialize()
        #expect(r.usingAnnotations)
        try r.reportOutputs(Self.outputs)
        try r.reportProgress("2/2")
        try r.finalize()
        let annotations = (try fake.object("/api/v1/namespaces/argo/pods/wf-abc-1", adminToken: "admin")["metadata"] as? [String: Any])?["annotations"] as? [String: String]
        #expect(annotations?["workflows.argoproj.io/report-outputs-completed"] == "true")
        #expect(annotations?["workflows.argoproj.io/progress"] == "2/2")
        let outputs = try JSONSerialization.jsonObject(with: Data((annotations?["workflows.argoproj.io/outputs"] ?? "").utf8)) as? [String: Any]
        #expect(outputs?["result"] as? String == "hi")
        // The same RBAC in task-result mode is an error (v3.6+), with nothing written to the pod.
        let strict = Self.reporter(fake, token: "t", mode: .taskResult)
        let error = #expect(throws: ExecError.self) { try strict.initialize() }
        #expect(error?.code == .forbidden)
    }

    @Test("auto mode: a cluster without the WorkflowTaskResult CRD (404 on the resource type) falls back to pod annotations")
    func noTaskResultResource() throws {
        let fake = try KubeFake(users: ["t": ("v3.3", ["patch pods"]), "admin": ("admin", ["*"])], objects: [Self.pod],
                                absent: ["workflowtaskresults"])
        let r = Self.reporter(fake, token: "t", mode: .auto)
        let started = Date()
        try r.initialize()
        #expect(r.usingAnnotations)
        try r.reportOutputs(Self.outputs)
        try r.finalize()
        #expect(Date().timeIntervalSince(started) < 5)  // not retried as a transient error
        let annotations = (try fake.object("/api/v1/namespaces/argo/pods/wf-abc-1", adminToken: "admin")["metadata"] as? [String: Any])?["annotations"] as? [String: String]
        #expect(annotations?["workflows.argoproj.io/report-outputs-completed"] == "true")
        #expect(annotations?["workflows.argoproj.io/outputs"]?.contains(#""result":"hi""#) == true)
        // v3.6+ (task-result mode): the same 404 is an error at once, not a hang.
        let strict = Self.reporter(fake, token: "t", mode: .taskResult)
        let error = #expect(throws: ExecError.self) { try strict.initialize() }
        #expect(error?.code == .notFound)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("v3.6+ with task results forbidden: Argo's RBAC warning, the API's 403 message as the error, no retries, nothing on the pod")
    func forbiddenUnderNewController() throws {
        let fake = try KubeFake(users: ["t": ("v3.6", ["patch pods"]), "admin": ("admin", ["*"])], objects: [Self.pod])
        let sink = LogSink.memory()
        let r = Self.reporter(fake, token: "t", mode: .taskResult,
                              logger: Logger(label: "t") { _ in ArgoLogHandler(format: .text, style: .slog, level: .info, sink: sink) })
        let started = Date()
        let error = #expect(throws: ExecError.self) { try r.reportOutputs(Self.outputs) }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error?.message.hasPrefix(#"workflowtaskresults.argoproj.io is forbidden: User "v3.6" cannot create resource "workflowtaskresults""#) == true, "\(error?.message ?? "")")
        #expect(sink.lines.contains { $0.contains(#"level=WARN msg="failed to patch task result, see https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/""#) },
                "\(sink.lines)")
        let metadata = try fake.object("/api/v1/namespaces/argo/pods/wf-abc-1", adminToken: "admin")["metadata"] as? [String: Any]
        #expect(metadata?["annotations"] == nil)
    }

    @Test("explicit annotation mode (v3.0-v3.2): only the outputs annotation, exactly as v3.2 wrote it")
    func annotationsMode() throws {
        let fake = try KubeFake(users: ["t": ("v32", ["patch pods"]), "admin": ("admin", ["*"])], objects: [Self.pod])
        let r = Self.reporter(fake, token: "t", mode: .annotations)
        try r.initialize()
        try r.reportOutputs(Outputs())  // empty outputs: nothing written, as v3.0-v3.2
        try r.reportOutputs(Self.outputs)
        try r.finalize()
        let log = fake.requests().filter { ($0["user"] as? String) == "v32" }
        #expect(log.count == 1)
        #expect(log.first?["path"] as? String == "/api/v1/namespaces/argo/pods/wf-abc-1")
        #expect(log.first?["contentType"] as? String == "application/merge-patch+json")
        let annotation = ((log.first?["body"] as? [String: Any])?["metadata"] as? [String: Any])?["annotations"] as? [String: String]
        #expect(annotation?.keys.sorted() == ["workflows.argoproj.io/outputs"])
        // The annotation value is the Outputs JSON as a string (keys sorted for stable bytes, slashes unescaped).
        #expect(annotation?["workflows.argoproj.io/outputs"]
                == #"{"artifacts":[{"name":"main-logs","s3":{"key":"wf-abc/wf-abc-1/main.log"}}],"parameters":[{"name":"msg","value":"hi","valueFrom":{"path":"/tmp/msg.txt"}}],"result":"hi"}"#)
    }

    @Test("an API outage of a few seconds (503, then 429 with Retry-After) delays the report but it lands")
    func outage() throws {
        let fake = try KubeFake(users: ["t": ("executor", ["*"])], objects: [Self.pod])
        let r = Self.reporter(fake, token: "t", mode: .taskResult)
        try r.initialize()
        try fake.outage(seconds: 2.5, adminToken: "t")
        try r.reportOutputs(Self.outputs)
        try fake.outage(seconds: 1.5, status: 429, adminToken: "t")
        try r.finalize()
        let statuses = fake.requests().compactMap { $0["status"] as? Int }
        #expect(statuses.contains(503) && statuses.contains(429))
        let stored = try fake.object(Self.target.taskResult, adminToken: "t")
        #expect(((stored["metadata"] as? [String: Any])?["labels"] as? [String: String])?["workflows.argoproj.io/report-outputs-completed"] == "true")
    }

    @Test("outputs over the object-size limit: a clear error and no request")
    func tooLarge() throws {
        let fake = try KubeFake(users: ["t": ("executor", ["*"])], objects: [Self.pod])
        let r = Self.reporter(fake, token: "t", mode: .auto)
        try r.initialize()
        var big = Self.outputs
        big.parameters?[0].value = AnyString(String(repeating: "x", count: 2 << 20))
        let before = fake.requests().count
        let error = #expect(throws: ExecError.self) { try r.reportOutputs(big) }
        #expect(error?.message.contains("over the API server's limit") == true)
        #expect(fake.requests().count == before)
    }
}
