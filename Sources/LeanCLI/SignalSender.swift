import Core

/// `argoexec kill SIGNUM PID` (Argo's `cmd/argoexec/commands/kill.go`): the controller execs this into a
/// container to signal its PID 1. Prints `killing <pid> with <signal name>` (Go's signal names) and sends it.
public enum SignalSender {
    public static func run(signal: String, pid: String, runtime: LeanRuntime) throws(ExecError) {
        guard let sig = Int32(signal) else { throw ExecError(.badRequest, "strconv.Atoi: parsing \"\(signal)\": invalid syntax") }
        guard let target = Int32(pid) else { throw ExecError(.badRequest, "strconv.Atoi: parsing \"\(pid)\": invalid syntax") }
        print("killing \(target) with \(name(of: sig))")
        runtime.logger.debug("sending signal", metadata: ["pid": "\(target)", "signal": "\(sig)"])
        try Signals.send(sig, to: target)
    }

    /// Go's `syscall.Signal.String()` texts on Linux, so `kill` prints what Argo prints.
    static let names: [Int32: String] = [
        1: "hangup", 2: "interrupt", 3: "quit", 4: "illegal instruction", 5: "trace/breakpoint trap",
        6: "aborted", 7: "bus error", 8: "floating point exception", 9: "killed", 10: "user defined signal 1",
        11: "segmentation fault", 12: "user defined signal 2", 13: "broken pipe", 14: "alarm clock",
        15: "terminated", 16: "stack fault", 17: "child exited", 18: "continued", 19: "stopped (signal)",
        20: "stopped", 21: "stopped (tty input)", 22: "stopped (tty output)", 23: "urgent I/O condition",
        24: "CPU time limit exceeded", 25: "file size limit exceeded", 26: "virtual timer expired",
        27: "profiling timer expired", 28: "window changed", 29: "I/O possible", 30: "power failure",
        31: "bad system call",
    ]

    public static func name(of signal: Int32) -> String { names[signal] ?? "signal \(signal)" }
}
