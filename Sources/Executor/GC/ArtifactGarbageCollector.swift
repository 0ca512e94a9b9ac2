import Core
import Drivers
import Kube
import Logging
import Model

/// `argoexec artifact delete` (Argo's `cmd/argoexec/commands/artifact/delete.go`): every `WorkflowArtifactGCTask`
/// labelled for this GC pod, each artifact relocated onto its node's archive location and deleted through its
/// driver (retried per `RETRY_BACKOFF_*` on transient errors), the outcome merge-patched into the task's
/// `status.artifactResultsByNode`. An artifact already gone counts as deleted (the drivers' deletes are
/// idempotent). Where Argo aborts the whole pod when one artifact's driver cannot be built (a missing secret),
/// that artifact alone is reported failed and the others are still deleted (docs/differences.md).
public struct ArtifactGarbageCollector {
    public static let podLabel = "workflows.argoproj.io/artifact-gc-pod"

    let client: KubeClient
    let namespace: String
    let context: StoreContext
    let retry: Backoff
    let logger: Logger

    public init(client: KubeClient, namespace: String, context: StoreContext, retry: Backoff, logger: Logger) {
        self.client = client
        self.namespace = namespace
        self.context = context
        self.retry = retry
        self.logger = logger
    }

    struct TaskList: Decodable { var items: [WorkflowArtifactGCTask]? }

    var collection: String { "/apis/argoproj.io/v1alpha1/namespaces/\(namespace)/workflowartifactgctasks" }

    /// Processes the tasks of GC pod `podName`; the first failure to list or to patch a task ends the run.
    public func run(podName: String) throws(ExecError) {
        let selector = Self.podLabel + " = " + podName
        let tasks = try client.get(TaskList.self, collection + "?labelSelector=" + KubeClient.queryEscaped(selector)).items ?? []
        logger.info("artifact GC tasks", metadata: ["count": "\(tasks.count)", "selector": "\(selector)"])
        for task in tasks {
            var results: [String: [String: ArtifactGCResult]] = [:]
            for (node, spec) in (task.spec?.artifactsByNode ?? [:]).sorted(by: { $0.key < $1.key }) {
                var nodeResults: [String: ArtifactGCResult] = [:]
                for (name, artifact) in (spec.artifacts ?? [:]).sorted(by: { $0.key < $1.key }) {
                    nodeResults[name] = delete(artifact, named: name, archive: spec.archiveLocation)
                }
                results[node] = nodeResults
            }
            try client.mergePatch(collection + "/" + task.metadata.name + "/status", ArtifactGCStatusPatch(results))
        }
    }

    /// One artifact: relocated, its store built, deleted with retries; the outcome as the task reports it.
    func delete(_ artifact: Artifact, named name: String, archive: ArtifactLocation?) -> ArtifactGCResult {
        do throws(ExecError) {
            let located: Artifact
            do {
                located = archive == nil ? artifact : try artifact.relocated(onto: archive)
            } catch {
                throw ExecError(.badRequest, error.message)
            }
            let store = try ArtifactStores.make(located, context: context)
            try retry.retrySync { () throws(ExecError) in try store.delete() }
            logger.info("artifact deleted", metadata: ["artifact": "\(name)", "key": "\((try? located.location.key()) ?? "")"])
            return ArtifactGCResult(name: artifact.name.isEmpty ? name : artifact.name, success: true)
        } catch {
            logger.warning("artifact not deleted", metadata: ["artifact": "\(name)", "error": "\(error)"])
            return ArtifactGCResult(name: artifact.name.isEmpty ? name : artifact.name, success: false, error: error.description)
        }
    }
}
