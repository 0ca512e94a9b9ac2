import Agent
import ArgumentParser
import Core
import Kube
import LeanCLI

/// `argoexec agent init|main`: the agent pod for HTTP and plugin templates (Argo's `cmd/argoexec/commands/agent.go`,
/// `workflow/executor/agent.go`).
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Run the agent pod for HTTP and plugin templates", subcommands: [Init.self, Main.self])

    /// The agent pod's init container: one token per plugin sidecar under `/var/run/argo/<name>/token`.
    struct Init: ParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the plugin tokens")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let runtime = try CommandRuntime.make(global, label: "agent")
            let names = try AgentConfig.pluginNames(CommandRuntime.environment)
            for name in names {
                runtime.logger.info("creating token file for plugin", metadata: [
                    "plugin": "\(name)", "filename": "\(PluginTokens.path(name: name, paths: PodPaths()))"])  // as the pod sees it
            }
            try PluginTokens.create(names: names, paths: runtime.config.paths)
        }
    }

    /// The agent's main container: watch the task set, run its tasks, patch the results.
    struct Main: ParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "main", abstract: "Execute the workflow's HTTP and plugin tasks")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let runtime = try CommandRuntime.make(global, label: "agent")
            runtime.logger.info("Starting Workflow Executor", metadata: ["version": "\(BuildInfo.version)"])
            let kube: KubeClient
            do {
                kube = KubeClient(try KubeContext.config(global.kube, executor: runtime.config))
            } catch {
                throw StartupPanic(error)  // Go's CheckErr on the client configuration
            }
            let config = try AgentConfig.fromEnvironment(CommandRuntime.environment, namespace: kube.config.namespace ?? "default",
                                                         paths: runtime.config.paths)
            try AgentExecutor(config: config, client: kube, logger: runtime.logger).run()
        }
    }
}
