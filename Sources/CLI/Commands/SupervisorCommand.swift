import ArgumentParser
import Core

/// `argoexec supervisor`: the init-less aux container (v4.1+, Argo's `cmd/argoexec/commands/supervisor.go`).
struct SupervisorCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervisor", abstract: "Stage inputs, then wait for the main container(s) and save outputs (init-less pods)")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = try CommandRuntime.make(global, label: "supervisor")
        throw notImplemented("supervisor")
    }
}
