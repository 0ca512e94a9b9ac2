import Core
import Kube
import Logging
import Model

/// Batches node results and writes them into the task set (Argo's `workflow/executor/agent.go` `patchWorker`):
/// every `rate`, one JSON merge patch of the **status** subresource, `{"status":{"nodes":{"<id>":{...}}}}`, retried
/// on transient errors (1 s, x2, jitter 0.1, 5 attempts, 30 s cap). A patch the server refuses for good replaces
/// every pending result with an `Error` naming the failure, so the workflow does not wait forever on a result
/// that cannot be written. `finish()` writes what is left when the agent stops (Argo's agent exits without it).
final class ResultPatcher: @unchecked Sendable {
    private let client: KubeClient
    private let path: String
    private let rate: Duration
    private let backoff: Backoff
    private let logger: Logger
    private let condition = Condition()
    private var pending: [String: NodeResult] = [:]
    private var stopping = false
    private var loopRunning = false

    init(client: KubeClient, namespace: String, name: String, rate: Duration, logger: Logger,
         backoff: Backoff = Backoff(steps: 5, duration: .seconds(1), factor: 2, jitter: 0.1, cap: .seconds(30))) {
        self.client = client
        path = "/apis/argoproj.io/v1alpha1/namespaces/\(namespace)/workflowtasksets/\(name)/status"
        self.rate = rate
        self.backoff = backoff
        self.logger = logger
    }

    func submit(_ nodeID: String, _ result: NodeResult) {
        condition.lock()
        pending[nodeID] = result
        condition.unlock()
    }

    /// Starts the ticker thread.
    func start() throws(ExecError) {
        condition.lock()
        loopRunning = true
        condition.unlock()
        try DetachedThread.start { [self] in loop() }
    }

    /// Stops the ticker and writes the results still pending (one patch, with its retries).
    func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while loopRunning { condition.wait() }
        condition.unlock()
        flush()
    }

    private func loop() {
        condition.lock()
        while !stopping {
            let next = ContinuousClock.now.advanced(by: rate)
            while !stopping && condition.wait(until: next) {}
            if stopping { break }
            condition.unlock()
            flush()
            condition.lock()
        }
        loopRunning = false
        condition.broadcast()
        condition.unlock()
    }

    /// One patch of everything pending; results replaced while it was in flight stay for the next one.
    private func flush() {
        condition.lock()
        let batch = pending
        condition.unlock()
        guard !batch.isEmpty else { return }
        logger.info("Processing Patch", metadata: ["nodes": "\(batch.count)"])
        do {
            try backoff.retrySync { (error: ExecError) in error.isTransient } _: { () throws(ExecError) in
                try client.mergePatch(path, ["status": ["nodes": batch]])
            }
            condition.lock()
            for (id, result) in batch where pending[id] == result { pending[id] = nil }
            condition.unlock()
            logger.info("Patched TaskSet")
        } catch where error.isTransient {
            logger.warning("TaskSet Patch Failed, retrying at the next tick", metadata: ["error": "\(error.description)"])
        } catch {
            logger.error("TaskSet Patch Failed", metadata: ["error": "\(error.description)"])
            let failed = NodeResult(phase: NodePhase.error,
                                    message: "HTTP request completed successfully but an error occurred when patching its result: \(error.description)")
            condition.lock()
            for id in pending.keys { pending[id] = failed }
            condition.unlock()
        }
    }
}
