import ArgumentParser
import Core

/// `argoexec resource ACTION`: the body of a resource template (Argo's `workflow/executor/resource.go`).
struct ResourceCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "resource", abstract: "update a resource and wait for resource conditions")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The kubectl action: get, create, apply, delete, patch or replace.") var action: String

    func run() throws {
        _ = try CommandRuntime.make(global, label: "resource")
        throw notImplemented("resource")
    }
}
