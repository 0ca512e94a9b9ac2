import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The wrapped command (Argo's `cmd/argoexec/commands/emissary.go`): started with posix_spawn in its own process group with default
/// signal dispositions and an empty mask; with capture on, stdout and stderr are teed to the emissary's
/// own streams and to `ctr/<c>/stdout` and `ctr/<c>/combined`. `waitForExit` reaps every child that
/// exits (the emissary is PID 1 in its container) until this one is gone, gives the copiers 100 ms to
/// drain, then stops them, so a background grandchild holding the pipe cannot delay or extend the capture.
/// `@unchecked`: `pid`, `copiers` and `files` are set in `init` and changed only by `waitForExit`, both on
/// the emissary's main thread; the relay thread only reads `pid` through `SignalRelay`, never this object.
public final class ChildProcess: @unchecked Sendable {
    public private(set) var pid: pid_t = 0
    private var copiers: [OutputCopier] = []
    /// The capture files, closed once both copiers are done (they share `combined`).
    private var files: [Int32] = []
    /// `tty: true`: the child's pseudo-terminal, whose input settings are restored when it exits.
    private var terminal: PseudoTerminal?

    /// glibc's `POSIX_SPAWN_SETSID` (spawn.h, behind `__USE_GNU`, so not imported): `setsid` in the child.
    static let spawnSetSID: Int32 = 0x80

    public struct Capture {
        public var stdoutFile: String
        public var combinedFile: String
        public init(stdoutFile: String, combinedFile: String) {
            self.stdoutFile = stdoutFile
            self.combinedFile = combinedFile
        }
    }

    /// `terminal`: run the child on that pseudo-terminal in a session of its own (its controlling terminal,
    /// stdin, stdout and stderr), with the pty's output going where stdout would (and to the capture files).
    public init(executable: String, arguments: [String], capture: Capture?, terminal: PseudoTerminal? = nil) throws(ExecError) {
        Self.markInheritedDescriptorsCloseOnExec()
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        // A session leader is its own process group, so signals still go to `-pid`.
        posix_spawnattr_setpgroup(&attributes, 0)
        let group = terminal == nil ? Int32(POSIX_SPAWN_SETPGROUP) : Self.spawnSetSID
        posix_spawnattr_setflags(&attributes, Int16(group | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))

        var pipes: [(read: Int32, write: Int32)] = []
        if let terminal {
            // Opened after setsid without O_NOCTTY: the pty becomes the child's controlling terminal.
            posix_spawn_file_actions_addopen(&fileActions, STDIN_FILENO, terminal.slavePath, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&fileActions, STDIN_FILENO, STDOUT_FILENO)
            posix_spawn_file_actions_adddup2(&fileActions, STDIN_FILENO, STDERR_FILENO)
            let source = dup(terminal.master)
            guard source >= 0 else { throw ExecError.system("dup", terminal.slavePath, errno) }
            _ = fcntl(source, F_SETFD, FD_CLOEXEC)
            do {
                try startTerminalCopier(capture, source: source)
            } catch {
                stopCopiers()
                throw error
            }
        } else if capture != nil {
            for target in [STDOUT_FILENO, STDERR_FILENO] {
                let made: (read: Int32, write: Int32)
                do {
                    made = try Pipes.make(label: "child output")
                } catch {
                    for p in pipes { close(p.read); close(p.write) }  // the first pipe, when the second fails
                    throw error
                }
                pipes.append(made)
                posix_spawn_file_actions_adddup2(&fileActions, made.write, target)
            }
        }
        // The copiers start before the child, so a thread that cannot be created fails the start, before
        // any output could be lost; they end at EOF once every write end is closed.
        if let capture, terminal == nil {
            do {
                try startCopiers(capture, pipes: pipes)
            } catch {
                for p in pipes { close(p.write) }
                stopCopiers()
                throw error
            }
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &fileActions, &attributes, &argv, environ)
        for p in pipes { close(p.write) }
        guard rc == 0 else {
            stopCopiers()
            throw ExecError(.internal, "failed to start command: fork/exec \(executable): \(SystemError(rc))")
        }
        pid = child
        if let terminal {
            self.terminal = terminal
            terminal.makeInputRaw()
            try? terminal.forwardInput()
        }
    }

    /// The pty's output to stdout and, with capture on, to `stdout` and `combined` (a terminal merges the two
    /// streams; Argo copies the pty to both of its writers, each read taking a part).
    private func startTerminalCopier(_ capture: Capture?, source: Int32) throws(ExecError) {
        var handed = false
        defer { if !handed { close(source) } }
        if let capture {
            files.append(try Self.openAppend(capture.stdoutFile, what: "stdout"))
            files.append(try Self.openAppend(capture.combinedFile, what: "combined"))
        }
        let copier = OutputCopier(from: source, to: [STDOUT_FILENO] + files)
        try copier.start()
        handed = true
        copiers.append(copier)
    }

    /// Opens the capture files and starts one copier per pipe; each copier owns its pipe's read end. On a
    /// failure, read ends not handed to a copier are closed here.
    private func startCopiers(_ capture: Capture, pipes: [(read: Int32, write: Int32)]) throws(ExecError) {
        var handed = 0
        defer { for p in pipes.dropFirst(handed) { close(p.read) } }
        files.append(try Self.openAppend(capture.stdoutFile, what: "stdout"))
        files.append(try Self.openAppend(capture.combinedFile, what: "combined"))
        let targets = [[STDOUT_FILENO, files[0], files[1]], [STDERR_FILENO, files[1]]]
        for (pipe, to) in zip(pipes, targets) {
            let copier = OutputCopier(from: pipe.read, to: to)
            try copier.start()
            handed += 1
            copiers.append(copier)
        }
    }

    /// After a failed start: the write ends are closed, so running copiers see EOF at once.
    private func stopCopiers() {
        let deadline = UTCTime.now().adding(.milliseconds(100))
        for copier in copiers { copier.finish(by: deadline) }
        for fd in files { close(fd) }
        files = []
    }

    /// As PID 1 the emissary reaps children itself: SIGCHLD must have its default disposition even when
    /// whoever started us ignored it (ignored dispositions survive exec, and an ignored SIGCHLD would
    /// auto-reap the child and lose its exit status).
    public static func prepareToReap() { signal(SIGCHLD, SIG_DFL) }

    /// Reaps children until this one exits; returns its exit code (128 + signal when killed).
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(-1, &status, 0)
            if reaped == pid { break }
            if reaped < 0 && errno == ECHILD { status = 0; break }
        }
        // Output written just before exit is still in the pipes: give the copiers 100 ms to drain.
        let deadline = UTCTime.now().adding(.milliseconds(100))
        for copier in copiers { copier.finish(by: deadline) }
        for fd in files { close(fd) }
        files = []
        terminal?.restoreInput()
        terminal = nil
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }

    /// Descriptors the emissary inherited beyond stdin/stdout/stderr must not reach the user's process
    /// (a background grandchild holding one would keep whoever started us waiting for EOF).
    static func markInheritedDescriptorsCloseOnExec() {
        guard let names = try? DirectoryHandle.open("/proc/self/fd").names() else { return }
        for name in names {
            // Descriptor numbers are ASCII digits: parsed from the bytes, no text decoding on this start-up path.
            guard !name.bytes.isEmpty, name.bytes.count < 10, name.bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            let fd = name.bytes.reduce(Int32(0)) { $0 * 10 + Int32($1 - 0x30) }
            if fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
    }

    static func openAppend(_ path: String, what: String) throws(ExecError) -> Int32 {
        let old = umask(0)
        defer { umask(old) }
        do {
            return try FileIO.open(path, O_WRONLY | O_CREAT | O_APPEND, mode: 0o666)
        } catch {
            throw ExecError(error.code, "failed to open \(what): \(error.message)")
        }
    }
}

/// Copies one pipe to several descriptors on its own thread until EOF or `finish` says stop.
/// `@unchecked`: `source` and `targets` never change; the copier thread and `finish` meet only through the
/// atomic `stopped` and the semaphore `done`.
final class OutputCopier: @unchecked Sendable {
    private let source: Int32
    private let targets: [Int32]
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(from source: Int32, to targets: [Int32]) {
        self.source = source
        self.targets = targets
    }

    func start() throws(ExecError) {
        try DetachedThread.start { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var p = pollfd(fd: source, events: Int16(POLLIN), revents: 0)
            while !stopped.load(ordering: .relaxed) {
                guard poll(&p, 1, 20) > 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                for target in targets {
                    buffer.withUnsafeBytes { try? FileIO.writeAll(target, UnsafeRawBufferPointer(rebasing: $0[0..<n]), name: "output") }
                }
            }
            close(source)
            done.signal()
        }
    }

    /// Waits for EOF until `deadline`, then makes the copier stop.
    func finish(by deadline: UTCTime) {
        let left = max(0, UTCTime.now().seconds(until: deadline))
        if done.wait(timeout: .now() + .milliseconds(Int(left * 1000))) == .timedOut {
            stopped.store(true, ordering: .relaxed)
            done.wait()
        }
    }
}
