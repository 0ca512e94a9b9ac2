import ArgumentParser
import Core
import Executor
import Kube

/// `argoexec supervisor`: the init-less aux container (v4.1+, Argo's `cmd/argoexec/commands/supervisor.go`; docs/supervisor.md):
/// init's pre-main while main waits on the status marker, then wait's post-main. The first error (pre-main's
/// before any later one) is the termination message and exit 64.
struct SupervisorCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervisor", abstract: "init-less auxiliary: prepare main, signal readiness, then collect outputs")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        CollectOnTerminate.install()
        let pod = try PodContext(global, label: "supervisor", needsKube: true)
        let config = pod.runtime.config
        let logger = pod.runtime.logger
        let post = WaitPhase(config: config, template: pod.template, reporter: pod.reporter, context: pod.storeContext, logger: logger)
        CollectOnTerminate.onTerminate {
            logger.info("received SIGTERM: stop pre-main and the waiting, still saving outputs")
            post.terminate()
        }
        let pre = SupervisorPhase(config: config, template: pod.template, templateJSON: pod.templateJSON, context: pod.storeContext,
                                  stopRequested: { CollectOnTerminate.isRequested }, logger: logger)
        // Without the API nothing main does could be reported (Argo's executor.Init fails before pre-main): main
        // is told FAILED at once rather than run.
        let preMainError = pre.prepare(blocker: pod.kubeError)
        let postMainError = post.run(preMainFailed: preMainError != nil)
        let plugins = config.artifactPluginNames
        if !plugins.isEmpty { ContainerFiles(paths: config.paths).kill(plugins, grace: config.terminationGracePeriod) }
        if let first = preMainError ?? postMainError { throw first }
        logger.info("supervisor completed")
    }
}
