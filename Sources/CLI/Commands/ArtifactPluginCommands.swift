import ArgumentParser
import Core

/// `argoexec artifact-plugin-init --plugin-name NAME -- CMD...` (v4.0+, Argo's `cmd/argoexec/commands/artifact_plugin_init.go`).
struct ArtifactPluginInitCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact-plugin-init", abstract: "Load input artifacts through an artifact driver plugin")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("plugin-name"), help: "The artifact plugin whose inputs to load.") var pluginName: String
    @Argument(parsing: .postTerminator, help: "The plugin server's command, after --.") var command: [String] = []

    func run() throws {
        _ = try CommandRuntime.make(global, label: "artifact-plugin-init")
        throw notImplemented("artifact-plugin-init")
    }
}

/// `argoexec artifact-plugin-sidecar -- CMD...` (v4.0+, Argo's `cmd/argoexec/commands/artifact_plugin_sidecar.go`).
struct ArtifactPluginSidecarCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact-plugin-sidecar", abstract: "Run an artifact driver plugin as a sidecar")
    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .postTerminator, help: "The plugin server's command, after --.") var command: [String] = []

    func run() throws {
        _ = try CommandRuntime.make(global, label: "artifact-plugin-sidecar")
        throw notImplemented("artifact-plugin-sidecar")
    }
}
