import ArgumentParser
import Core

/// `argoexec agent init|main`: the agent pod for HTTP and executor-plugin templates (Argo's `workflow/executor/agent.go`).
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Run the agent pod for HTTP and plugin templates", subcommands: [Init.self, Main.self])

    struct Init: ParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the plugin tokens")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            _ = try CommandRuntime.make(global, label: "agent")
            throw notImplemented("agent init")
        }
    }

    struct Main: ParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "main", abstract: "Execute the workflow's HTTP and plugin tasks")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            _ = try CommandRuntime.make(global, label: "agent")
            throw notImplemented("agent main")
        }
    }
}
