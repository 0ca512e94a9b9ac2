#if canImport(Glibc)
import Glibc
#endif

/// Signal numbers and the few signal calls the executor makes outside `SignalRelay` and `ChildProcess`.
public enum Signals {
    public static let hangup = SIGHUP
    public static let interrupt = SIGINT
    public static let terminate = SIGTERM
    public static let kill = SIGKILL
    public static let brokenPipe = SIGPIPE

    /// `kill(pid, signal)`; the error is Go's text for the errno (`no such process`).
    public static func send(_ signal: Int32, to pid: Int32) throws(ExecError) {
        guard Glibc.kill(pid_t(pid), signal) == 0 else {
            throw ExecError(.internal, SystemError.current.description, context: ["pid": "\(pid)"])
        }
    }

    /// Ignores `signal` from now on (its handling moves to a `DispatchSource` or a flag).
    public static func ignore(_ signal: Int32) { _ = Glibc.signal(signal, SIG_IGN) }
}
