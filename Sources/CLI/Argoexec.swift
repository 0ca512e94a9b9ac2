import ArgumentParser
import Core
import LeanCLI

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
        // The form the controller writes skips swift-argument-parser (its reflection over the whole command
        // tree costs milliseconds); anything else is parsed by it, for its help and error messages.
        if let fast = EmissaryLauncher.parse(arguments) { EmissaryLauncher.run(flags: fast.flags, command: fast.command) }
        let root: any ParsableCommand
        do {
            root = try parseAsRoot(arguments)
        } catch {
            if exitCode(for: error) != .success { EmissaryLauncher.recordFailedStart() }
            exit(withError: error)
        }
        guard let parsed = root as? EmissaryCommand else { return }
        EmissaryLauncher.run(flags: parsed.global.logging, command: parsed.command)
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
            end(error, podCommand: command is PodCommand)
        }
    }

    /// One outcome mapping for every command (`ProcessOutcome`); swift-argument-parser's own outcomes (help
    /// requested on a command group, ExitCode, CleanExit, usage errors) keep its handling, and so does any other
    /// error of a command that does not run in a pod.
    private static func end(_ error: any Error, podCommand: Bool) -> Never {
        if ProcessOutcome.isExecutorError(error) || (podCommand && !(error is ExitCode || error is CleanExit || error is ValidationError)) {
            ProcessOutcome.end(error, podCommand: podCommand, fast: false)
        }
        exit(withError: error)
    }
}
