import Core
import Logging

/// The supervisor's liveness signal (docs/supervisor.md; Argo's `startStatusHeartbeat`): `RUNNING` rewritten
/// every 5 s while pre-main runs, so main can tell a slow supervisor from a dead one. `stop` returns only once
/// the writer thread has ended, so no heartbeat can land after the terminal `READY`/`FAILED`.
final class StatusHeartbeat: @unchecked Sendable {
    private let paths: PodPaths
    private let interval: Duration
    private let logger: Logger
    /// Guards `stopping` and `ended`.
    private let condition = Condition()
    private var stopping = false
    private var ended = false

    private init(paths: PodPaths, interval: Duration, logger: Logger) {
        self.paths = paths
        self.interval = interval
        self.logger = logger
    }

    /// Starts the rewriting thread (the caller has written the first `RUNNING`).
    static func start(paths: PodPaths, interval: Duration = SupervisorStatus.heartbeatInterval, logger: Logger) throws(ExecError) -> StatusHeartbeat {
        let heartbeat = StatusHeartbeat(paths: paths, interval: interval, logger: logger)
        try DetachedThread.start { heartbeat.beat() }
        return heartbeat
    }

    private func beat() {
        condition.lock()
        var next = ContinuousClock.now.advanced(by: interval)
        while !stopping {
            if condition.wait(until: next) || ContinuousClock.now < next { continue }
            next = ContinuousClock.now.advanced(by: interval)
            do {
                try SupervisorStatus.running.write(paths: paths)
            } catch {
                logger.warning("failed to write status heartbeat: \(error.message)")
            }
        }
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !ended { condition.wait() }
        condition.unlock()
    }
}
