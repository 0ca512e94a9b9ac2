import ArgumentParser
import Core
import LeanCLI

/// `argoexec kill SIGNUM PID` (Argo's `cmd/argoexec/commands/kill.go`); the work is `SignalSender`'s, shared with
/// the lean binary.
struct KillCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Send a signal to a process")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Signal number, e.g. 15.") var signal: String
    @Argument(help: "Process ID, e.g. 1.") var pid: String

    func run() throws {
        let runtime = try LeanRuntime.make(global.logging, label: "kill", strict: false)
        try SignalSender.run(signal: signal, pid: pid, runtime: runtime)
    }
}
