import ArgumentParser
import Core

/// `argoexec data [JSON]`: the body of a data template; the JSON argument is ignored (Argo's `workflow/executor/data.go`).
struct DataCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Process data")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The data spec as JSON (ignored: it is read from the template, as Argo does).") var json: String?

    func run() throws {
        _ = try CommandRuntime.make(global, label: "data")
        throw notImplemented("data")
    }
}
