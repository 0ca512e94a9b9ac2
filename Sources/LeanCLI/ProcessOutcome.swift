import Core

/// One outcome mapping for every command of both binaries (Argo's `cmd/argoexec/main.go`): an `ExitStatus`
/// passes its code through (with its message in the termination log if it has one); start-up fatals exit 1;
/// a bad template or configuration of init/wait exits 2 (Argo panics); any other error of a pod command is
/// written to the termination log and exits 64, of another command exits 1.
public enum ProcessOutcome {
    /// Whether `end` has a rule of its own for `error` (the full binary leaves argument-parser outcomes to
    /// swift-argument-parser).
    public static func isExecutorError(_ error: any Error) -> Bool {
        error is ExitStatus || error is StartupPanic || error is FatalError || error is ExecError
    }

    public static func end(_ error: any Error, podCommand: Bool, fast: Bool) -> Never {
        // A writer that stopped because a signal is ending the process: the signal's handler removes what
        // was being written and exits 128 + the signal; this thread must not exit first (with 1).
        if TemporaryNames.isAborting { ProcessControl.suspendForever() }
        switch error {
        case let status as ExitStatus:
            if let message = status.terminationMessage { TerminationLog.record(message, to: LeanRuntime.terminationLogPath) }
            fast ? ProcessControl.exitNow(status.code) : ProcessControl.exit(status.code)
        case let panic as StartupPanic:
            StandardError.print("Error: \(panic)")
            TerminationLog.record(panic.description, to: LeanRuntime.terminationLogPath)
            ProcessControl.exit(2)
        case let fatal as FatalError:
            StandardError.print("fatal: \(fatal)")
            ProcessControl.exit(1)
        case let error as ExecError:
            report(error, podCommand: podCommand)
        default:
            report(ExecError(error), podCommand: podCommand)
        }
    }

    private static func report(_ error: ExecError, podCommand: Bool) -> Never {
        let message = error.description
        StandardError.print("Error: \(message)")
        if podCommand {
            TerminationLog.record(message, to: LeanRuntime.terminationLogPath)
            ProcessControl.exit(64)
        }
        ProcessControl.exit(1)
    }
}
