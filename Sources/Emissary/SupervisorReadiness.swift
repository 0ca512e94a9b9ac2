import Core
import Logging

/// The init-less emissary's wait for the supervisor (docs/supervisor.md; Argo's `waitForSupervisorReady` in
/// `cmd/argoexec/commands/emissary.go`): main and the supervisor start together, and main may read its template
/// and start the user's command only once the status marker says `READY`. `FAILED` ends the wait with the
/// supervisor's cause; a marker that never appears, or stops being rewritten, for 30 s means the supervisor
/// died; a SIGTERM ends it too (Argo's context is bound to SIGTERM only), never counted as ready. The caller turns every failure into exit 65.
public struct SupervisorReadiness: Sendable {
    public let paths: PodPaths
    public let presumedDeadAfter: Duration
    public let logger: Logger

    public init(paths: PodPaths, presumedDeadAfter: Duration = SupervisorStatus.presumedDeadAfter, logger: Logger = .disabled) {
        self.paths = paths
        self.presumedDeadAfter = presumedDeadAfter
        self.logger = logger
    }

    /// Blocks until the marker says `READY`. `terminated` gives the termination signal received so far.
    /// The directory watch wakes it at once when the marker is renamed into place; the marker's age is
    /// looked at every quarter second besides (a watch cannot tell that nothing happened).
    public func wait(terminated: () -> Int32?) throws(ExecError) {
        logger.info("waiting for supervisor status marker")
        let start = ContinuousClock.now
        let watch = DirectoryWatch(paths.varRunArgo, pollMs: 100)
        while true {
            if let signal = terminated() {
                throw ExecError(.internal, "terminated (signal \(signal)) while waiting for the supervisor: main was not started")
            }
            if try isReady(since: start) {
                logger.info("supervisor is ready")
                return
            }
            watch.wait(timeoutMs: 250)
        }
    }

    /// One look at the marker (Argo's `evaluateSupervisorStatus`): true when ready, false to keep waiting.
    func isReady(since start: ContinuousClock.Instant) throws(ExecError) -> Bool {
        let marker: (status: SupervisorStatus, modified: UTCTime)?
        do {
            marker = try SupervisorStatus.read(paths: paths)
        } catch {
            throw ExecError(error.code, "stat supervisor status: \(error.message)", cause: error)
        }
        guard let marker else {
            if start.duration(to: .now) > presumedDeadAfter {
                throw ExecError(.internal, "supervisor presumed dead: status marker never appeared within \(GoDuration.format(presumedDeadAfter))")
            }
            return false
        }
        switch marker.status {
        case .ready:
            return true
        case .failed(let message):
            throw ExecError(.internal, "supervisor reported pre-main failure: \(message)")
        case .running, .unknown:
            let age = marker.modified.seconds(until: UTCTime.now())
            if age > presumedDeadAfter.seconds {
                throw ExecError(.internal, "supervisor presumed dead: no status update within \(GoDuration.format(presumedDeadAfter))")
            }
            return false
        }
    }
}
