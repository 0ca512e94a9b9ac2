import Core
import Model

/// The agent's work queue (Argo's `workflow/executor/agent.go` `taskQueue` + `consideredTasks`): every node is run
/// once, however many task-set events list it, so an endpoint is never called twice by accident; a node a
/// plugin asked to requeue comes back after its delay. Workers block in `take()`.
final class TaskQueue: @unchecked Sendable {
    struct Task: Sendable {
        var nodeID: String
        var template: JSONValue
    }

    private let condition = Condition()
    private var ready: [Task] = []
    private var delayed: [(at: ContinuousClock.Instant, task: Task)] = []
    /// Node IDs queued, running or waiting for a requeue: offered again, they are skipped.
    private var considered: Set<String> = []
    private var closed = false

    /// Queues `task` unless its node was already considered; true if it was queued.
    @discardableResult
    func offer(_ task: Task) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed, considered.insert(task.nodeID).inserted else { return false }
        ready.append(task)
        condition.signal()
        return true
    }

    /// Runs `task` again after `delay`: the node stops being "considered" then, as Argo's `time.AfterFunc` does.
    func requeue(_ task: Task, after delay: Duration) {
        condition.lock()
        defer { condition.unlock() }
        delayed.append((ContinuousClock.now + delay, task))
        condition.broadcast()
    }

    /// The next task, waiting for one; nil once the queue is closed.
    func take() -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while !closed {
            promoteDue()
            if !ready.isEmpty { return ready.removeFirst() }
            if let next = delayed.map(\.at).min() {
                condition.wait(until: min(next, ContinuousClock.now.advanced(by: .seconds(3600))))
            } else {
                condition.wait()
            }
        }
        return nil
    }

    /// Wakes every worker and makes `take()` return nil from now on.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func promoteDue() {
        let now = ContinuousClock.now
        var keep: [(at: ContinuousClock.Instant, task: Task)] = []
        for entry in delayed {
            if entry.at <= now {
                // Argo deletes the node from consideredTasks and sends it again: re-considered here.
                ready.append(entry.task)
            } else {
                keep.append(entry)
            }
        }
        delayed = keep
    }
}
