import Core
import Dispatch
import Executor
import Logging

/// wait and the supervisor (Argo's `cmd/argoexec/commands/wait.go`, `supervisor.go`): a SIGTERM ends the waiting
/// for main, never the collection: outputs already captured are still uploaded and reported.
enum CollectOnTerminate {
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

    static func install(_ phase: WaitPhase, logger: Logger) {
        Signals.ignore(Signals.terminate)  // delivered to the source instead
        let term = DispatchSource.makeSignalSource(signal: Signals.terminate, queue: .global())
        term.setEventHandler {
            logger.info("received SIGTERM: stop waiting, still saving outputs")
            phase.terminate()
        }
        term.resume()
        source = term
    }
}
