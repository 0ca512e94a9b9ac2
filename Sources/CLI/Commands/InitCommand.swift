import ArgumentParser
import Executor

/// `argoexec init`: prepares the pod (template, binary copy, staged files, input artifacts; Argo's `cmd/argoexec/commands/init.go`).
struct InitCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Load artifacts")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let pod = try PodContext(global, label: "init", needsKube: false)
        let logger = pod.runtime.logger
        let phase = InitPhase(config: pod.runtime.config, template: pod.template, templateJSON: pod.templateJSON,
                              context: pod.storeContext, logger: logger)
        try phase.run()
        logger.info("init completed")
    }
}
