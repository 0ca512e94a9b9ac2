import ArgumentParser
import Core
import Executor
import Kube

/// `argoexec wait`: the aux container that collects and reports outputs (Argo's `cmd/argoexec/commands/wait.go`, `workflow/executor/executor.go`). SIGTERM
/// ends the waiting, never the collection: outputs already captured are still uploaded and reported.
struct WaitCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "wait for main container to finish and save artifacts")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        CollectOnTerminate.install()
        let pod = try PodContext(global, label: "wait", needsKube: true)
        let config = pod.runtime.config
        let logger = pod.runtime.logger
        let reporter = pod.reporter
        let phase = WaitPhase(config: config, template: pod.template, reporter: reporter, context: pod.storeContext, logger: logger)
        CollectOnTerminate.onTerminate {
            logger.info("received SIGTERM: stop waiting, still saving outputs")
            phase.terminate()
        }
        let error = phase.run()
        let plugins = config.artifactPluginNames
        if !plugins.isEmpty { ContainerFiles(paths: config.paths).kill(plugins, grace: config.terminationGracePeriod) }
        if let first = pod.kubeError ?? error { throw first }
        logger.info("wait completed")
    }
}
