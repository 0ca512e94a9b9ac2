/// The parts of a `WorkflowTaskSet` (Argo's `pkg/apis/workflow/v1alpha1/task_set_types.go`) the agent reads:
/// its resource version, its labels (`workflows.argoproj.io/completed`) and `spec.tasks`, node ID to
/// template. Each task stays JSON here and is decoded on its own, so one malformed template fails its node,
/// not the task set.
public struct WorkflowTaskSet: Sendable, Equatable {
    public var name: String
    public var resourceVersion: String?
    public var labels: [String: String]
    public var tasks: [String: JSONValue]

    public init(name: String, resourceVersion: String? = nil, labels: [String: String] = [:], tasks: [String: JSONValue] = [:]) {
        self.name = name
        self.resourceVersion = resourceVersion
        self.labels = labels
        self.tasks = tasks
    }

    /// Reads a task set object; any shape problem is a `ModelError` naming the field.
    public init(json: JSONValue) throws(ModelError) {
        let metadata = try JSONFields.object(JSONFields.member(json, "metadata") ?? .object([:]), "metadata")
        name = try JSONFields.string(metadata["name"], "metadata.name") ?? ""
        resourceVersion = try JSONFields.string(metadata["resourceVersion"], "metadata.resourceVersion")
        labels = [:]
        if case .object(let l)? = metadata["labels"] {
            for (key, value) in l { labels[key] = value.stringValue ?? "" }
        }
        tasks = [:]
        if case .object(let t)? = json["spec"]?["tasks"] { tasks = t }
    }

    /// `workflows.argoproj.io/completed=true` (Argo's `IsWorkflowCompleted`): the agent's signal to stop.
    public var isCompleted: Bool { labels["workflows.argoproj.io/completed"] == "true" }
}
