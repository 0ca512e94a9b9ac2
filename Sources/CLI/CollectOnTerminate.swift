import Core
import Dispatch
import Synchronization

/// wait and the supervisor (Argo's `cmd/argoexec/commands/wait.go`, `supervisor.go`): a SIGTERM ends the waiting
/// (and the supervisor's pre-main), never the collection: outputs already captured are still uploaded and
/// reported. Installed first thing, so a SIGTERM that arrives while the command is still starting is kept.
enum CollectOnTerminate {
    private static let requested = Atomic<Bool>(false)
    private static let callbacks = Mutex<[@Sendable () -> Void]>([])
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

    static func install() {
        Signals.ignore(Signals.terminate)  // delivered to the source instead
        let term = DispatchSource.makeSignalSource(signal: Signals.terminate, queue: .global())
        term.setEventHandler {
            requested.store(true, ordering: .relaxed)
            for body in callbacks.withLock({ $0 }) { body() }
        }
        term.resume()
        source = term
    }

    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Runs `body` at the SIGTERM, or now when it already came.
    static func onTerminate(_ body: @escaping @Sendable () -> Void) {
        callbacks.withLock { $0.append(body) }
        if isRequested { body() }
    }
}
