import Core
import Logging
import Model
import Synchronization

/// Reports a node's outputs, progress and completion to the controller (Argo's `workflow/executor/taskresult.go`):
/// WorkflowTaskResult create-then-merge-patch for v3.3+ controllers, pod annotations for older ones
/// (explicitly, or in `auto` mode after a 403 on task results, as v3.3-v3.5 executors fell back, or a 404
/// on the resource type, where the WorkflowTaskResult CRD is not installed). The CLI resolves `auto` to
/// `taskResult` for v3.6+ controllers, which read only task results: there a 403 is Argo's RBAC error.
/// Transient API errors are retried with Argo's backoffs (docs/controllers.md) until `giveUpAt` (the wait container's own
/// deadline), so outputs are not lost to an API outage; 403 and 422 are not retried.
/// `@unchecked`: the settable configuration (`giveUpAt`, backoffs) is set before the first report;
/// the state reports change is behind a Mutex.
public final class OutputReporter: @unchecked Sendable {
    public let client: KubeClient
    public let target: ReportTarget
    public let mode: ReportMode
    public var giveUpAt: UTCTime?
    /// Task-result create/patch/progress: 1 s, x2, jitter 0.2, cap 30 s, unlimited steps (v3.7+).
    public var reportBackoff = Backoff(steps: .max, duration: .seconds(1), factor: 2, jitter: 0.2, cap: .seconds(30))
    /// Initialise / finalise: the same with jitter 0.1.
    public var lifecycleBackoff = Backoff(steps: .max, duration: .seconds(1), factor: 2, jitter: 0.1, cap: .seconds(30))
    /// Warnings (every 20th retry, the fallback to annotations, Argo's RBAC hint) and each retry at debug.
    public let logger: Logger

    /// The etcd object limit (1.5 MiB) and the total annotation limit (256 KiB) the API server enforces.
    public static let maxTaskResultBytes = 1536 * 1024
    public static let maxAnnotationBytes = 256 * 1024

    /// Whether the task result exists, and whether reporting moved onto pod annotations: shared by the
    /// wait thread and the progress monitor's thread.
    private let state: Mutex<(created: Bool, annotations: Bool)>
    /// Set once a 403 on task results moved `auto` mode onto pod annotations.
    public var usingAnnotations: Bool { state.withLock { $0.annotations } }

    public init(client: KubeClient, target: ReportTarget, mode: ReportMode, giveUpAt: UTCTime? = nil, logger: Logger = .disabled) {
        self.logger = logger
        self.client = client
        self.target = target
        self.mode = mode
        self.giveUpAt = giveUpAt
        state = Mutex((false, mode == .annotations))
    }

    /// `InitializeOutput`: the empty result with `report-outputs-completed=false`.
    public func initialize() throws(ExecError) {
        try report(backoff: lifecycleBackoff, result: NodeResult(), annotations: [Labels.completed: "false"], legacy: false)
    }

    /// `ReportOutputs`: the template's outputs with the saved artifacts (sent even when empty; in explicit
    /// annotation mode only non-empty outputs are written, as v3.0-v3.2 did).
    public func reportOutputs(_ outputs: Outputs) throws(ExecError) {
        var result = NodeResult()
        result.outputs = outputs
        let json = String(decoding: try KubeClient.encode(outputs), as: UTF8.self)
        if mode == .annotations && outputs.isEmpty { return }
        try report(backoff: reportBackoff, result: result, annotations: [Labels.outputsAnnotation: json], legacy: true)
    }

    /// A valid `N/M` progress.
    public func reportProgress(_ progress: String) throws(ExecError) {
        var result = NodeResult()
        result.progress = progress
        try report(backoff: reportBackoff, result: result, annotations: [Labels.progressAnnotation: progress], legacy: true)
    }

    /// `FinalizeOutput`: `report-outputs-completed=true` (a task result already gone is not retried).
    public func finalize() throws(ExecError) {
        guard !usingAnnotations else {
            if mode != .annotations { try patchPod([Labels.completed: "true"]) }
            return
        }
        var meta = ObjectMeta()
        meta.labels = [Labels.completed: "true"]
        do {
            try withRetries(lifecycleBackoff) { () throws(ExecError) in try client.mergePatch(target.taskResult, MetadataPatch(metadata: meta)) }
        } catch where error.code == .forbidden && mode == .auto {
            fallBack(error)
            try patchPod([Labels.completed: "true"])
        }
    }

    // MARK: task results

    private func report(backoff: Backoff, result: NodeResult, annotations: [String: String], legacy: Bool) throws(ExecError) {
        if usingAnnotations {
            // v3.0-v3.2 had no completion protocol: only outputs and progress are written there.
            if mode == .annotations && !legacy { return }
            return try patchPod(annotations)
        }
        do {
            try withRetries(backoff) { () throws(ExecError) in try upsert(result) }
        } catch where mode == .auto && (error.code == .forbidden || error.code == .notFound) {
            fallBack(error)
            try patchPod(annotations)
        } catch where error.code == .forbidden {
            logger.warning("failed to patch task result, see https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/",
                           metadata: ["error": "\(error.message)"])
            throw error
        }
    }

    /// Create until a create succeeded (or found the object), then merge-patch; NotFound on the patch →
    /// create again. NotFound on the create is the resource type missing (no CRD): not retried.
    private func upsert(_ result: NodeResult) throws(ExecError) {
        if !state.withLock({ $0.created }) {
            let object = target.newTaskResult(result)
            try checkSize(try KubeClient.encode(object).count, limit: Self.maxTaskResultBytes, what: "WorkflowTaskResult \(target.nodeID)")
            do {
                try client.create(target.taskResults, object)
                state.withLock { $0.created = true }
                return
            } catch where error.kubeReason == "AlreadyExists" {
                state.withLock { $0.created = true }
            }
        }
        let patch = try KubeClient.encode(result)
        try checkSize(patch.count, limit: Self.maxTaskResultBytes, what: "WorkflowTaskResult \(target.nodeID)")
        do {
            try client.send("PATCH", target.taskResult, body: patch, contentType: "application/merge-patch+json")
        } catch where error.code == .notFound {
            state.withLock { $0.created = false }
            throw ExecError(.internal, error.message, cause: error, context: error.context, transient: true)
        }
    }

    // MARK: pod annotations

    private func patchPod(_ annotations: [String: String]) throws(ExecError) {
        let size = annotations.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        try checkSize(size, limit: Self.maxAnnotationBytes, what: "pod \(target.podName) annotations")
        var meta = ObjectMeta()
        meta.annotations = annotations
        do {
            try withRetries(Backoff.executorDefault) { () throws(ExecError) in try client.mergePatch(target.pod, MetadataPatch(metadata: meta)) }
        } catch where error.code == .forbidden {
            throw ExecError(.forbidden, error.message + ". The executor's service account needs `create` and `patch` on "
                + "workflowtaskresults.argoproj.io (v3.6+) or `patch` on pods (v3.0-v3.5 controllers): "
                + "https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/", cause: error, context: error.context)
        }
    }

    private func fallBack(_ error: ExecError) {
        let why = error.code == .notFound ? "not served (no WorkflowTaskResult CRD)" : "forbidden"
        logger.warning("WorkflowTaskResult \(why) (\(error.message)); falling back to pod annotations as v3.3-v3.5 executors did")
        state.withLock { $0.annotations = true }
    }

    private func checkSize(_ bytes: Int, limit: Int, what: String) throws(ExecError) {
        guard bytes > limit else { return }
        throw ExecError(.badRequest, "outputs too large to report: \(what) would be \(bytes) bytes, over the API server's limit of "
            + "\(limit) bytes; write large values to files and declare them as output artifacts instead of parameters")
    }

    private func withRetries(_ backoff: Backoff, _ body: () throws(ExecError) -> Void) throws(ExecError) {
        var backoff = backoff
        backoff.logger = logger
        try backoff.retrySync(giveUpAt: giveUpAt, onRetry: { [logger] attempt, error, sleep in
            if attempt % 20 == 1 { logger.warning("failed to patch task result", metadata: ["attempt": "\(attempt)", "error": "\(error.message)"]) }
        }, body)
    }
}

/// `{"metadata": {...}}`: a label or annotation merge patch.
struct MetadataPatch: Encodable {
    var metadata: ObjectMeta
}
