import ArgumentParser

/// `argoexec artifact ...`: Argo's `delete` (artifact GC, Argo's `cmd/argoexec/commands/artifact/delete.go`)
/// plus our debugging tools, which run exactly the executor's code paths by hand.
struct ArtifactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact", abstract: "Artifact garbage collection and debugging tools",
        subcommands: [ArtifactDelete.self, ArtifactGet.self, ArtifactPut.self, ArtifactList.self, ArtifactRemove.self,
                      ArtifactPack.self, ArtifactUnpack.self])

    /// Options shared by the repository-backed debugging commands.
    struct RepositoryOptions: ParsableArguments {
        @Option(help: "Artifact repository file (JSON or YAML, as in the artifact-repositories ConfigMap).") var repo: String
        @Option(name: .customLong("secrets-dir"), help: "Where secrets are mounted as <name>/<key> files.") var secretsDir = "/argo/secret"
    }
}

/// `argoexec artifact delete`: the artifact GC pod's body.
struct ArtifactDelete: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete the artifacts of a GC pod's WorkflowArtifactGCTasks")
    @OptionGroup var global: GlobalOptions
    func run() throws {
        _ = try CommandRuntime.make(global, label: "artifact")
        throw notImplemented("artifact delete")
    }
}
