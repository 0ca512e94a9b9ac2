import Core
import Model

/// Who the reports are about: the pod and node the executor runs for (from `ARGO_*` / `POD_NAMESPACE`).
public struct ReportTarget: Sendable {
    public var namespace: String
    public var podName: String
    public var nodeID: String
    public var workflowName: String
    public var workflowUID: String?
    public var instanceID: String?

    public init(namespace: String, podName: String, nodeID: String, workflowName: String, workflowUID: String? = nil,
                instanceID: String? = nil) {
        self.namespace = namespace
        self.podName = podName
        self.nodeID = nodeID
        self.workflowName = workflowName
        self.workflowUID = workflowUID
        self.instanceID = instanceID
    }

    var taskResults: String { "/apis/argoproj.io/v1alpha1/namespaces/\(namespace)/workflowtaskresults" }
    var taskResult: String { taskResults + "/" + nodeID }
    var pod: String { "/api/v1/namespaces/\(namespace)/pods/\(podName)" }

    /// The object the first report creates (Argo's `workflow/executor/taskresult.go`): named after the node, labelled with the
    /// workflow (and instance id), owned by the Workflow, `report-outputs-completed=false`.
    func newTaskResult(_ result: NodeResult) -> WorkflowTaskResult {
        var labels = [Labels.workflow: workflowName, Labels.completed: "false"]
        if let instanceID, !instanceID.isEmpty { labels[Labels.instanceID] = instanceID }
        var meta = ObjectMeta()
        meta.name = nodeID
        meta.labels = labels
        if let workflowUID, !workflowUID.isEmpty {
            meta.ownerReferences = [OwnerReference(apiVersion: "argoproj.io/v1alpha1", kind: "Workflow", name: workflowName, uid: workflowUID)]
        }
        return WorkflowTaskResult(metadata: meta, result: result)
    }
}

/// Label and annotation keys of the reporting protocol.
public enum Labels {
    public static let workflow = "workflows.argoproj.io/workflow"
    public static let completed = "workflows.argoproj.io/report-outputs-completed"
    public static let instanceID = "workflows.argoproj.io/controller-instanceid"
    public static let outputsAnnotation = "workflows.argoproj.io/outputs"
    public static let progressAnnotation = "workflows.argoproj.io/progress"
    public static let templateAnnotation = "workflows.argoproj.io/template"
}
