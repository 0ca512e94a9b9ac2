import ArgumentParser
import Core
import LeanCLI

/// `argoexec emissary -- CMD ARGS...`: wraps a user container's process (Argo's `cmd/argoexec/commands/emissary.go`).
/// The work is `EmissaryLauncher`'s, shared with the lean binary; this type gives the full binary's parser the
/// command's shape (help, and forms other than the controller's). Always run through
/// `Argoexec.runEmissaryIfRequested`, synchronously on the main thread.
struct EmissaryCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "emissary", abstract: "Run a container's command, capturing its output and exit code")
    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .postTerminator, help: "The container's command and arguments, after --.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("emissary needs the command to run after --") }
    }

    func run() throws {
        EmissaryLauncher.run(flags: global.logging, command: command)
    }
}
