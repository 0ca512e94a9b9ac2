import ArgumentParser
import Core

/// `argoexec supervisor`: the init-less aux container (v4.1+, Argo's `cmd/argoexec/commands/supervisor.go`).
struct SupervisorCommand: AsyncParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervisor", abstract: "Stage inputs, then wait for the main container(s) and save outputs (init-less pods)")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        _ = try CommandRuntime.make(global, label: "supervisor")
        throw notImplemented("supervisor")
    }
}

/// `argoexec resource ACTION`: the body of a resource template (Argo's `workflow/executor/resource.go`).
struct ResourceCommand: AsyncParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "resource", abstract: "update a resource and wait for resource conditions")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The kubectl action: get, create, apply, delete, patch or replace.") var action: String

    func run() async throws {
        _ = try CommandRuntime.make(global, label: "resource")
        throw notImplemented("resource")
    }
}

/// `argoexec data [JSON]`: the body of a data template; the JSON argument is ignored (Argo's `workflow/executor/data.go`).
struct DataCommand: AsyncParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Process data")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The data spec as JSON (ignored: it is read from the template, as Argo does).") var json: String?

    func run() async throws {
        _ = try CommandRuntime.make(global, label: "data")
        throw notImplemented("data")
    }
}

/// `argoexec agent init|main`: the agent pod for HTTP and executor-plugin templates (Argo's `workflow/executor/agent.go`).
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Run the agent pod for HTTP and plugin templates", subcommands: [Init.self, Main.self])

    struct Init: AsyncParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the plugin tokens")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "agent")
            throw notImplemented("agent init")
        }
    }

    struct Main: AsyncParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "main", abstract: "Execute the workflow's HTTP and plugin tasks")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "agent")
            throw notImplemented("agent main")
        }
    }
}

/// `argoexec artifact-plugin-init --plugin-name NAME -- CMD...` (v4.0+, Argo's `cmd/argoexec/commands/artifact_plugin_init.go`).
struct ArtifactPluginInitCommand: AsyncParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact-plugin-init", abstract: "Load input artifacts through an artifact driver plugin")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("plugin-name"), help: "The artifact plugin whose inputs to load.") var pluginName: String
    @Argument(parsing: .postTerminator, help: "The plugin server's command, after --.") var command: [String] = []

    func run() async throws {
        _ = try CommandRuntime.make(global, label: "artifact-plugin-init")
        throw notImplemented("artifact-plugin-init")
    }
}

/// `argoexec artifact-plugin-sidecar -- CMD...` (v4.0+, Argo's `cmd/argoexec/commands/artifact_plugin_sidecar.go`).
struct ArtifactPluginSidecarCommand: AsyncParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact-plugin-sidecar", abstract: "Run an artifact driver plugin as a sidecar")
    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .postTerminator, help: "The plugin server's command, after --.") var command: [String] = []

    func run() async throws {
        _ = try CommandRuntime.make(global, label: "artifact-plugin-sidecar")
        throw notImplemented("artifact-plugin-sidecar")
    }
}
