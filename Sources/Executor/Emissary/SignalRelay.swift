import Core
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Signals for the wrapped command (Argo's `cmd/argoexec/commands/emissary.go`): every signal the emissary receives (it is
/// PID 1) goes to the child's process group, and a positive number written to `ctr/<c>/signal` is sent
/// the same way (the file is removed once delivered). Before the child exists, a SIGTERM/SIGINT is
/// remembered so a container still waiting on its dependencies can stop (exit 143).
/// No Dispatch (its manager thread was a measured part of the emissary's start-up): `init` blocks the
/// forwarded signals, so it must run before the process starts any thread (every later thread inherits
/// the mask, and the child gets an empty one from posix_spawn); one thread then takes them with
/// `sigtimedwait`, and polls the signal file every 100 ms between signals.
public final class SignalRelay: @unchecked Sendable {
    /// Catchable signals that are forwarded; SIGCHLD and SIGURG are not (Argo ignores them), and SIGPIPE,
    /// SIGSEGV and friends concern the emissary itself.
    static let forwarded: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGCONT, SIGTSTP, SIGTTIN,
                                     SIGTTOU, SIGWINCH, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR]

    private let child = Atomic<Int32>(0)
    private let pending = Atomic<Int32>(0)
    private let running = Atomic<Bool>(true)
    private let signalFile = Mutex<String?>(nil)
    private var set = sigset_t()
    /// Set before `start()`.
    public var log: @Sendable (String) -> Void = { _ in }

    public init() {
        sigemptyset(&set)
        for sig in Self.forwarded {
            // POSIX discards an ignored signal (Linux keeps blocked ones): whoever started us may have ignored some.
            signal(sig, SIG_DFL)
            sigaddset(&set, sig)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Starts taking signals (those that arrived since `init` are pending and come first).
    public func start() {
        Thread.detach { [self] in
            var wanted = set
            var info = siginfo_t()
            var timeout = timespec(tv_sec: 0, tv_nsec: 100_000_000)
            while running.load(ordering: .relaxed) {
                let sig = sigtimedwait(&wanted, &info, &timeout)
                if sig > 0 { deliver(sig, from: "os") }
                signalFile.withLock { file in
                    if let file { checkSignalFile(file) }
                }
            }
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

    /// Watches `ctr/<name>/signal` from now on (polled, 100 ms, and after every signal; not inotify: an
    /// inotify instance would delay the emissary's exit, see DirectoryWatch).
    public func watchSignalFile(paths: PodPaths, name: String) {
        let file = paths.signal(name)
        signalFile.withLock {
            $0 = file
            checkSignalFile(file)
        }
    }

    /// Called with `signalFile` locked, so a signal in the file is delivered once.
    private func checkSignalFile(_ file: String) {
        guard let bytes = try? FileIO.readAll(file, limit: 64),
              let sig = Int32(String(decoding: bytes, as: UTF8.self).trimmingSpaces()), sig > 0 else { return }
        unlink(file)
        if child.load(ordering: .relaxed) > 0 || sig == SIGTERM || sig == SIGKILL { deliver(sig, from: "signal file") }
    }

    public func stop() {
        running.store(false, ordering: .relaxed)
    }
}
