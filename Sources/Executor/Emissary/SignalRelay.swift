import Core
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Signals for the wrapped command (executor.md §5.5, §5.6): every signal the emissary receives (it is
/// PID 1) goes to the child's process group, and a positive number written to `ctr/<c>/signal` is sent
/// the same way (the file is removed once delivered). Before the child exists, a SIGTERM/SIGINT is
/// remembered so a container still waiting on its dependencies can stop (exit 143).
public final class SignalRelay: @unchecked Sendable {
    /// Catchable signals that are forwarded; SIGCHLD and SIGURG are not (Argo ignores them), and SIGPIPE,
    /// SIGSEGV and friends concern the emissary itself.
    static let forwarded: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGCONT, SIGTSTP, SIGTTIN,
                                     SIGTTOU, SIGWINCH, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR]

    private let child = Atomic<Int32>(0)
    private let pending = Atomic<Int32>(0)
    private let running = Atomic<Bool>(true)
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "argoexec.signals")
    public var log: @Sendable (String) -> Void = { _ in }

    public init() {
        for sig in Self.forwarded {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [weak self] in self?.deliver(sig, from: "os") }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal received before a child existed (SIGTERM/SIGINT), if any.
    public var terminationRequested: Int32? {
        let sig = pending.load(ordering: .relaxed)
        return sig == 0 ? nil : sig
    }

    public func attach(_ pid: pid_t) { child.store(pid, ordering: .relaxed) }
    public func detach() { child.store(0, ordering: .relaxed) }

    func deliver(_ sig: Int32, from origin: String) {
        let pid = child.load(ordering: .relaxed)
        guard pid > 0 else {
            if sig == SIGTERM || sig == SIGINT || sig == SIGKILL { pending.store(sig, ordering: .relaxed) }
            return
        }
        log("forwarding signal \(sig) from \(origin) to process group \(pid)")
        if Glibc.kill(-pid, sig) != 0 { _ = Glibc.kill(pid, sig) }
    }

    /// Watches `ctr/<name>/signal` on its own thread until `stop()`; fires at once if it already exists.
    public func watchSignalFile(paths: PodPaths, name: String) {
        Thread.detach { [self] in
            // Polled (100 ms), not inotify: an inotify instance would delay the emissary's exit (see DirectoryWatch).
            let watch = DirectoryWatch(paths.containerDir(name), pollMs: 100, inotify: false)
            let file = paths.signal(name)
            while running.load(ordering: .relaxed) {
                if let bytes = try? FileIO.readAll(file, limit: 64),
                   let sig = Int32(String(decoding: bytes, as: UTF8.self).trimmingSpaces()), sig > 0 {
                    unlink(file)
                    if child.load(ordering: .relaxed) > 0 || sig == SIGTERM || sig == SIGKILL { deliver(sig, from: "signal file") }
                }
                watch.wait(timeoutMs: 100)
            }
        }
    }

    public func stop() {
        running.store(false, ordering: .relaxed)
        for source in sources { source.cancel() }
    }
}
