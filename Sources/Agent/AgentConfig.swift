/// What `argoexec agent main` runs with, read once from the environment by the CLI (Argo's
/// `cmd/argoexec/commands/agent.go` `initAgentExecutor`).
public struct AgentConfig: Sendable {
    /// One executor plugin sidecar: `ARGO_PLUGIN_NAMES[i]`, `ARGO_PLUGIN_ADDRESSES[i]` and the token `agent init`
    /// wrote for it.
    public struct Plugin: Sendable {
        public var name: String
        public var address: String
        public var token: String
        public init(name: String, address: String, token: String) {
            self.name = name
            self.address = address
            self.token = token
        }
    }

    /// `ARGO_WORKFLOW_NAME`: the task set has the workflow's name.
    public var workflowName: String
    /// `ARGO_WORKFLOW_UID`, passed to plugins.
    public var workflowUID: String
    public var namespace: String
    public var plugins: [Plugin]
    /// `ARGO_AGENT_TASK_WORKERS` (16).
    public var taskWorkers = 16
    /// `ARGO_AGENT_PATCH_RATE` (10 s): how often results are patched into the task set.
    public var patchRate: Duration = .seconds(10)
    /// How long the server keeps one watch open before the agent re-watches from the last resource version.
    public var watchTimeoutSeconds = 300

    public init(workflowName: String, workflowUID: String, namespace: String, plugins: [Plugin] = []) {
        self.workflowName = workflowName
        self.workflowUID = workflowUID
        self.namespace = namespace
        self.plugins = plugins
    }
}
