import ArgumentParser
import Core

/// `argoexec`: the root command (Argo's `cmd/argoexec/commands/root.go`). With no subcommand it prints help and exits 0.
public struct Argoexec: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "argoexec",
        abstract: "argoexec is the executor sidecar to workflow containers (a Swift reimplementation).",
        subcommands: [
            InitCommand.self, WaitCommand.self, SupervisorCommand.self, EmissaryCommand.self,
            ResourceCommand.self, DataCommand.self, KillCommand.self, AgentCommand.self, ArtifactCommand.self,
            ArtifactPluginInitCommand.self, ArtifactPluginSidecarCommand.self, VersionCommand.self,
        ]
    )

    public init() {}

    /// `argoexec emissary ...`, run synchronously on the main thread before anything else starts a thread:
    /// the emissary wraps every container, so it never starts Swift concurrency or Dispatch (their worker
    /// and manager threads were a measured part of its start-up), and `SignalRelay` needs the forwarded
    /// signals blocked before any thread exists. Returns only when `arguments` are not an emissary command.
    public static func runEmissaryIfRequested(_ arguments: [String]) {
        guard arguments.first == "emissary" else { return }
        do {
            // The form the controller writes skips swift-argument-parser; anything else is parsed by it.
            let runtime: CommandRuntime
            let command: [String]
            if let fast = EmissaryCommand.fastPath(arguments) {
                runtime = try CommandRuntime.make(fast.flags, label: "emissary", strict: false)
                command = fast.command
            } else {
                let root: any ParsableCommand
                do {
                    root = try parseAsRoot(arguments)
                } catch {
                    if exitCode(for: error) != .success { EmissaryCommand.recordFailedStart() }
                    exit(withError: error)
                }
                guard let parsed = root as? EmissaryCommand else { return }
                runtime = try CommandRuntime.make(parsed.global, label: "emissary", strict: false)
                command = parsed.command
            }
            try EmissaryCommand.execute(runtime, command: command)
            // `_exit`: the emissary writes nothing buffered, and skipping exit handlers keeps its exit fast.
            ProcessControl.exitNow(0)
        } catch {
            // Every exit path leaves an exit code for wait: `execute` writes it itself, except when the
            // runtime could not be built (bad flags or environment).
            if !(error is ExitStatus) { EmissaryCommand.recordFailedStart() }
            end(error, podCommand: true, fast: true)
        }
    }

    /// Records the start-up umask for archive modes (`FileCreationMask`); call while single-threaded.
    public static func captureUmask() { FileCreationMask.capture() }

    /// Parses argv, runs the command, and turns the outcome into Argo's exit codes (Argo's `cmd/argoexec/main.go`):
    /// 0 on success; an `ExitStatus` passes its code through (with its message in the termination log if it
    /// has one); start-up fatals exit 1; a bad template or configuration of init/wait exits 2 (Argo panics);
    /// any other error of a pod command is written to the termination log and exits 64. Argument errors keep swift-argument-parser's handling (usage on stderr, exit 64).
    public static func runMain(_ arguments: [String]) -> Never {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
            ProcessControl.exit(0)
        } catch {
            end(error, podCommand: command is PodCommand, fast: false)
        }
    }

    /// One outcome mapping for every command (Argo's `cmd/argoexec/main.go`).
    private static func end(_ error: any Error, podCommand: Bool, fast: Bool) -> Never {
        // A writer that stopped because a signal is ending the process: the signal's handler removes what
        // was being written and exits 128 + the signal; this thread must not exit first (with 1).
        if TemporaryNames.isAborting { ProcessControl.suspendForever() }
        switch error {
        case let status as ExitStatus:
            if let message = status.terminationMessage { TerminationLog.record(message, to: CommandRuntime.terminationLogPath) }
            fast ? ProcessControl.exitNow(status.code) : ProcessControl.exit(status.code)
        case let panic as StartupPanic:
            StandardError.print("Error: \(panic)")
            TerminationLog.record(panic.description, to: CommandRuntime.terminationLogPath)
            ProcessControl.exit(2)
        case let fatal as FatalError:
            StandardError.print("fatal: \(fatal)")
            ProcessControl.exit(1)
        case let error as ExecError:
            report(error, podCommand: podCommand)
        default:
            // swift-argument-parser's own outcomes (help requested on a command group, ExitCode, CleanExit)
            // keep its handling; any other error of a pod command is still an executor error.
            if podCommand && !(error is ExitCode || error is CleanExit || error is ValidationError) {
                report(ExecError(error), podCommand: true)
            }
            exit(withError: error)
        }
    }

    private static func report(_ error: ExecError, podCommand: Bool) -> Never {
        let message = error.description
        StandardError.print("Error: \(message)")
        if podCommand {
            TerminationLog.record(message, to: CommandRuntime.terminationLogPath)
            ProcessControl.exit(64)
        }
        ProcessControl.exit(1)
    }
}
