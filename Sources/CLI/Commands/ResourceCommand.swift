import ArgumentParser
import Core
import Kube
import Resource

/// `argoexec resource ACTION`: the body of a resource template (Argo's `cmd/argoexec/commands/resource.go`), run in
/// main (wrapped by the emissary): the kubectl action in process, the conditions polled, the output parameters
/// reported (docs/resource.md).
struct ResourceCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "resource", abstract: "update a resource and wait for resource conditions")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The kubectl action: get, create, apply, delete, patch or replace.") var action: String

    func run() throws {
        let pod = try PodContext(global, label: "resource", needsKube: true)
        if let error = pod.kubeError { throw error }
        guard let kube = pod.kube else { throw ExecError(.invalidConfig, "no Kubernetes API client") }
        let kubectl = KubectlRun(client: kube, discovery: APIDiscovery(client: kube),
                                 defaultNamespace: kube.config.namespace ?? pod.namespace)
        let phase = ResourcePhase(config: pod.runtime.config, template: pod.template, kubectl: kubectl, client: kube,
                                  reporter: pod.reporter, logger: pod.runtime.logger)
        try phase.run(action: action)
    }
}
