import Core
import Executor
import Kube
import Logging
import Model

/// `argoexec resource ACTION` (Argo's `cmd/argoexec/commands/resource.go` `execResource`): stage the manifest,
/// run the kubectl action, wait for the success/failure conditions, save the output parameters and report
/// them. Without archived logs no wait container finalises the task result, so this command does.
public final class ResourcePhase {
    let config: ExecutorConfig
    let template: Template
    let kubectl: KubectlRun
    let client: KubeClient
    let reporter: OutputReporter?
    let logger: Logger

    public init(config: ExecutorConfig, template: Template, kubectl: KubectlRun, client: KubeClient,
                reporter: OutputReporter?, logger: Logger) {
        self.config = config
        self.template = template
        self.kubectl = kubectl
        self.client = client
        self.reporter = reporter
        self.logger = logger
    }

    public func run(action: String) throws(ExecError) {
        do {
            try reporter?.initialize()
        } catch {
            logger.warning("failed to initialise the task result: \(error)")
        }
        defer {
            if !template.archivesLogs {
                do { try reporter?.finalize() } catch { logger.warning("failed to finalise the task result: \(error)") }
            }
        }
        let resource = template.resource ?? ResourceTemplate(action: action)
        try StagedFiles.stage(template, paths: config.paths)
        let outputs = template.outputs?.parameters ?? []
        let isDelete = action == "delete"
        if isDelete && (!(resource.successCondition ?? "").isEmpty || !(resource.failureCondition ?? "").isEmpty || !outputs.isEmpty) {
            throw ExecError(.badRequest, "successCondition, failureCondition and outputs are not supported for delete action")
        }
        var manifestPath = config.paths.resourceManifest
        if let wanted = resource.manifestFrom?.artifact.name,
           let input = template.inputs?.artifacts?.first(where: { $0.name == wanted }), let path = input.path {
            manifestPath = path
        }
        // Conditions, jq filters and JSONPath templates are parsed before anything is sent (Argo parses them after
        // the kubectl call, which leaves the object created when one cannot be parsed: docs/resource.md).
        let conditions = try ResourceConditions.parse(success: resource.successCondition, failure: resource.failureCondition)
        try ResourceOutputs.check(outputs)
        let (namespace, name, selfLink) = try execute(action: action, manifestPath: manifestPath, resource: resource)
        guard !isDelete else { return }
        if let conditions {
            try ResourceWait(client: client, conditions: conditions, interval: config.resourceStateCheckInterval,
                             deadline: config.deadline, logger: logger).run(selfLink: selfLink, name: name, namespace: namespace)
        }
        try saveParameters(namespace: namespace, name: name)
    }

    /// Argo's `ExecResource`: the kubectl call, retried on transient errors (client-go's `retry.DefaultBackoff`),
    /// then the object it printed: namespace, `<kind>.<group>/<name>` and the self link polled afterwards.
    func execute(action: String, manifestPath: String, resource: ResourceTemplate) throws(ExecError) -> (String, String, String) {
        let arguments = try KubectlArguments.build(action: action, manifestPath: manifestPath, flags: resource.flags ?? [],
                                                   mergeStrategy: resource.mergeStrategy)
        logger.info("\(arguments.joined(separator: " "))")
        var output: [UInt8] = []
        var backoff = Backoff(steps: 4, duration: .milliseconds(10), factor: 5, jitter: 0.1)
        backoff.logger = logger
        do throws(ExecError) {
            output = try backoff.retrySync(isRetryable: { $0.isTransient }) { () throws(ExecError) -> [UInt8] in
                do throws(KubectlError) {
                    return try kubectl.run(arguments)
                } catch {
                    throw ExecError(.badRequest, error.message.trimmingSpaces(), transient: error.transient)
                }
            }
        } catch {
            throw ExecError(.badRequest, "no more retries " + error.message)
        }
        if action == "delete" || (action == "get" && output.isEmpty) { return ("", "", "") }
        let object: JSONValue
        do {
            object = try JSONParser.parse(output)
        } catch {
            throw ExecError(.badRequest, error.message)
        }
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = object["kind"]?.stringValue ?? ""
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        if name.isEmpty || kind.isEmpty {
            throw ExecError(.badRequest, "Kind and name are both required but at least one of them is missing from the manifest")
        }
        let fullName = "\(kind.lowercased()).\(group)/\(name)"
        let selfLink = SelfLink.of(object)
        logger.info("Resource", metadata: ["namespace": "\(namespace)", "resource": "\(fullName)", "selfLink": "\(selfLink)"])
        return (namespace, fullName, selfLink)
    }

    /// Output parameters, then `ReportOutputs(nil)`: the template's outputs with the values, no artifacts.
    func saveParameters(namespace: String, name: String) throws(ExecError) {
        guard var parameters = template.outputs?.parameters, !parameters.isEmpty else {
            logger.info("No output parameters")
            return
        }
        logger.info("Saving resource output parameters")
        try ResourceOutputs(kubectl: kubectl, logger: logger).fill(&parameters, namespace: namespace, resource: name)
        var outputs = template.outputs ?? Outputs()
        outputs.parameters = parameters
        outputs.artifacts = nil
        try reporter?.reportOutputs(outputs)
    }
}
