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
        let pod = try PodContext(global, label: "supervisor", needsKube: true)
        let config = pod.runtime.config
        let logger = pod.runtime.logger
        let post = WaitPhase(config: config, template: pod.template, reporter: pod.reporter, context: pod.storeContext, logger: logger)
        CollectOnTerminate.install(post, logger: logger)
        let pre = SupervisorPhase(config: config, template: pod.template, templateJSON: pod.templateJSON, context: pod.storeContext, logger: logger)
        let preMainError = pre.prepare()
        let postMainError = post.run(preMainFailed: preMainError != nil)
        let plugins = config.artifactPluginNames
        if !plugins.isEmpty { ContainerFiles(paths: config.paths).kill(plugins, grace: config.terminationGracePeriod) }
        if let first = preMainError ?? pod.kubeError ?? postMainError { throw first }
        logger.info("supervisor completed")
    }
}
