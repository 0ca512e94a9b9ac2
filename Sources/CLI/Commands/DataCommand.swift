import ArgumentParser
import Core
import Executor

/// `argoexec data [JSON]`: the body of a data template, run in main (wrapped by the emissary); the JSON argument is
/// ignored, the template is read as every pod command reads it (Argo's `cmd/argoexec/commands/data.go`).
struct DataCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Process data")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The data spec as JSON (ignored: it is read from the template, as Argo does).") var json: String?

    func run() throws {
        let pod = try PodContext(global, label: "data", needsKube: true)
        let phase = DataPhase(template: pod.template, context: pod.storeContext, reporter: pod.reporter, logger: pod.runtime.logger)
        try phase.run()
    }
}
