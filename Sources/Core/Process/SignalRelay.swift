import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Signals for the wrapped command (Argo's `cmd/argoexec/commands/emissary.go`): every signal the emissary receives (it is
/// PID 1) goes to the child's process group, and a positive number written to `ctr/<c>/signal` is sent
/// the same way (the file is removed once delivered). A signal that arrives before the child exists is
/// kept (the first one, as Argo's one-slot channel keeps it) and delivered as soon as the child is
/// attached, so a pod deleted while its emissary starts still ends with 143; a SIGTERM/SIGINT also stops a
/// container still waiting on its dependencies.
/// No Dispatch (its manager thread was a measured part of the emissary's start-up): `init` blocks the
/// forwarded signals, so it must run before the process starts any thread (every later thread inherits
/// the mask, and the child gets an empty one from posix_spawn); one thread then takes them with
/// `sigtimedwait`, and polls the signal file every 100 ms between signals.
/// `@unchecked`: `sigset_t` is a C struct the compiler cannot check; it is written once in `init` and only
/// read afterwards (every other field is a Mutex or an atomic).
public final class SignalRelay: @unchecked Sendable {
    /// Catchable signals that are forwarded; SIGCHLD and SIGURG are not (Argo ignores them), and SIGPIPE,
    /// SIGSEGV and friends concern the emissary itself.
    static let forwarded: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGCONT, SIGTSTP, SIGTTIN,
                                     SIGTTOU, SIGWINCH, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR]

    /// The attached child (0: none) and the signal held for it (0: none), changed together.
    private let state = Mutex<(child: Int32, pending: Int32)>((0, 0))
    /// A SIGTERM/SIGINT/SIGKILL seen while no child existed, for the dependency wait.
    private let terminated = Atomic<Int32>(0)
    private let running = Atomic<Bool>(true)
    private let signalFile = Mutex<String?>(nil)
    /// `tty: true`: what a SIGWINCH does besides being forwarded (the pty takes the terminal's new size).
    private let windowChange = Mutex<(@Sendable () -> Void)?>(nil)
    private let set: sigset_t
    public let logger: Logger

    public init(logger: Logger = .disabled) {
        self.logger = logger
        var set = sigset_t()
        sigemptyset(&set)
        for sig in Self.forwarded {
            // POSIX discards an ignored signal (Linux keeps blocked ones): whoever started us may have ignored some.
            signal(sig, SIG_DFL)
            sigaddset(&set, sig)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        self.set = set
    }

    /// Starts taking signals (those that arrived since `init` are pending and come first).
    public func start() throws(ExecError) {
        try DetachedThread.start { [self] in
            var wanted = set
            var info = siginfo_t()
            var timeout = timespec(tv_sec: 0, tv_nsec: 100_000_000)
            while running.load(ordering: .relaxed) {
                let sig = sigtimedwait(&wanted, &info, &timeout)
                if sig == SIGWINCH, let resize = windowChange.withLock({ $0 }) { resize() }
                if sig > 0 { deliver(sig, from: "os") }
                signalFile.withLock { file in
                    if let file { checkSignalFile(file) }
                }
            }
        }
    }

    /// The SIGTERM/SIGINT/SIGKILL received while no child existed, if any.
    public var terminationRequested: Int32? {
        let sig = terminated.load(ordering: .relaxed)
        return sig == 0 ? nil : sig
    }

    /// The exit code for a termination requested before the child existed: 137 for SIGKILL, else 143.
    public var terminationExitCode: Int32? {
        terminationRequested.map { 128 + ($0 == SIGKILL ? SIGKILL : SIGTERM) }
    }

    /// Attaches the child and hands it the signal held since before it existed, if any.
    public func attach(_ pid: pid_t) {
        let held = state.withLock { s -> Int32 in
            s.child = pid
            defer { s.pending = 0 }
            return s.pending
        }
        if held != 0 { send(held, to: pid, from: "before the child started") }
    }

    public func detach() { state.withLock { $0.child = 0 } }

    /// Runs `body` on every SIGWINCH, before the signal is forwarded; nil stops it.
    public func onWindowChange(_ body: (@Sendable () -> Void)?) { windowChange.withLock { $0 = body } }

    func deliver(_ sig: Int32, from origin: String) {
        let pid = state.withLock { s -> Int32 in
            if s.child == 0 && s.pending == 0 { s.pending = sig }
            return s.child
        }
        guard pid > 0 else {
            // Argo's waitForDependencyExitCode ends the wait on SIGTERM (143) and SIGKILL (137) only.
            if sig == SIGTERM || sig == SIGKILL { terminated.store(sig, ordering: .relaxed) }
            return
        }
        send(sig, to: pid, from: origin)
    }

    private func send(_ sig: Int32, to pid: pid_t, from origin: String) {
        logger.info("forwarding signal \(sig) from \(origin) to process group \(pid)")
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
        if state.withLock({ $0.child }) > 0 || sig == SIGTERM || sig == SIGKILL { deliver(sig, from: "signal file") }
    }

    public func stop() {
        running.store(false, ordering: .relaxed)
    }
}
