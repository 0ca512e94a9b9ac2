import ArgumentParser
import Core
import Executor

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
    /// With `ARGO_ARTIFACT_POD_NAME` set, the tasks of that GC pod; then the plugin sidecars are stopped and the
    /// (empty) task result finalised, both as Argo does, whatever happened before.
    func run() throws {
        let pod = try PodContext(global, label: "artifact", needsKube: true)
        let config = pod.runtime.config
        let logger = pod.runtime.logger
        defer {
            let plugins = config.artifactPluginNames
            if !plugins.isEmpty { ContainerFiles(paths: config.paths).kill(plugins, grace: config.terminationGracePeriod) }
            do { try pod.reporter?.finalize() } catch { logger.warning("failed to patch task result: \(error)") }
        }
        guard let gcPod = config.artifactGCPodName else { return }
        if let error = pod.kubeError { throw error }
        guard let kube = pod.kube else { throw ExecError(.invalidConfig, "no Kubernetes API client") }
        var retry = config.defaultRetry
        retry.logger = logger
        let collector = ArtifactGarbageCollector(client: kube, namespace: kube.config.namespace ?? pod.namespace,
                                                 context: pod.storeContext, retry: retry, logger: logger)
        try collector.run(podName: gcPod)
        logger.info("artifacts deleted")
    }
}
