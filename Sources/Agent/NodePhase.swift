/// The node phases the agent writes into a task set (Argo's `pkg/apis/workflow/v1alpha1` `NodeSucceeded`,
/// `NodeFailed`, `NodeError`).
enum NodePhase {
    static let succeeded = "Succeeded"
    static let failed = "Failed"
    static let error = "Error"
}
