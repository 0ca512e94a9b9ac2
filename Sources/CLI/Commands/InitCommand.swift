import ArgumentParser
import Core
import Executor
import Model

/// `argoexec init`: prepares the pod (template, binary copy, staged files, input artifacts; Argo's `cmd/argoexec/commands/init.go`).
struct InitCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Load artifacts")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let pod = try PodContext(global, label: "init", needsKube: false)
        let logger = pod.runtime.logger
        let binary = Self.binaryForMain()
        logger.debug("binary for main", metadata: ["path": "\(binary)"])
        let phase = InitPhase(config: pod.runtime.config, template: pod.template, templateJSON: pod.templateJSON,
                              context: pod.storeContext, executable: binary, logger: logger)
        try phase.run()
        logger.info("init completed")
    }

    /// What main runs as `/var/run/argo/argoexec` (docs/build.md, "Two binaries"): the lean binary installed
    /// beside this one (`argoexec-lean`: emissary, kill, version), else this binary itself.
    static func binaryForMain() -> String {
        guard let me = try? DirectoryHandle.open("/proc/self").readLink("exe").string, me.hasPrefix("/") else {
            return "/proc/self/exe"
        }
        let lean = PathRules.dir(me) + "/argoexec-lean"
        guard (try? FileIO.info(lean))?.kind == .regular else { return "/proc/self/exe" }
        return lean
    }
}
