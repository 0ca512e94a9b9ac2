import Core
import Kube
import Logging
import Model

/// `argoexec agent main` (Argo's `workflow/executor/agent.go` `AgentExecutor.Agent`): watches the workflow's task
/// set, runs each `http` or `plugin` task once on `taskWorkers` threads and patches the results into the task
/// set's status until the task set is deleted or labelled completed. One task's failure (bad URL, refused
/// connection, TLS, an invalid expression, a plugin's garbage) is that node's `Failed`/`Error` result; only
/// the watch itself failing for good ends the agent with an error.
public final class AgentExecutor: Sendable {
    private let config: AgentConfig
    private let client: KubeClient
    private let logger: Logger
    private let http: HTTPTaskRunner
    private let plugin: PluginTaskRunner

    public init(config: AgentConfig, client: KubeClient, logger: Logger) {
        self.config = config
        self.client = client
        self.logger = logger
        let namespace = config.namespace
        http = HTTPTaskRunner(builder: HTTPRequestBuilder { (ref) throws(ExecError) -> [UInt8] in
            try Self.secret(client, namespace: namespace, ref)
        })
        plugin = PluginTaskRunner(plugins: config.plugins.map { PluginClient(name: $0.name, address: $0.address, token: $0.token) },
                                  workflow: (config.workflowName, namespace, config.workflowUID))
    }

    public func run() throws(ExecError) {
        logger.info("Starting Agent", metadata: ["taskWorkers": "\(config.taskWorkers)", "requeueTime": "\(GoDuration.format(config.patchRate))"])
        let queue = TaskQueue()
        let patcher = ResultPatcher(client: client, namespace: config.namespace, name: config.workflowName,
                                    rate: config.patchRate, logger: logger)
        try patcher.start()
        defer {
            queue.close()
            patcher.finish()
        }
        for _ in 0..<max(1, config.taskWorkers) {
            try DetachedThread.start { [self] in
                while let task = queue.take() { work(task, queue: queue, patcher: patcher) }
            }
        }
        let watcher = TaskSetWatcher(client: client, namespace: config.namespace, name: config.workflowName,
                                     watchTimeoutSeconds: config.watchTimeoutSeconds, logger: logger)
        try watcher.run { [logger] taskSet in
            for (nodeID, template) in taskSet.tasks.sorted(by: { $0.key < $1.key }) {
                if !queue.offer(.init(nodeID: nodeID, template: template)) {
                    logger.debug("Task is already considered", metadata: ["nodeID": "\(nodeID)"])
                }
            }
        }
    }

    private func work(_ task: TaskQueue.Task, queue: TaskQueue, patcher: ResultPatcher) {
        var log = logger
        log[metadataKey: "nodeID"] = "\(task.nodeID)"
        log.info("Processing task")
        let (result, requeue) = process(task.template, logger: log)
        log.info("Sending result", metadata: [
            "phase": "\(result.phase ?? "")", "message": "\(result.message ?? "")", "requeue": "\(GoDuration.format(requeue))"])
        if let phase = result.phase, !phase.isEmpty { patcher.submit(task.nodeID, result) }
        if requeue > .zero { queue.requeue(task, after: requeue) }
    }

    /// Argo's `processTask`: an unknown task type is an `Error`; a failure while running is `Failed`.
    func process(_ template: JSONValue, logger: Logger) -> (NodeResult, Duration) {
        do throws(ExecError) {
            if let spec = template["http"], spec != .null {
                return (try http.run(try Self.decode(HTTPTemplate.self, spec, what: "http template")), .zero)
            }
            if let spec = template["plugin"], spec != .null {
                let outcome = try plugin.run(template: template, logger: logger)
                return (outcome.result, outcome.requeue)
            }
        } catch {
            logger.warning("Error in agent task", metadata: ["error": "\(error.description)"])
            return (NodeResult(phase: NodePhase.failed, message: error.description), .zero)
        }
        let kind = (try? Self.decode(Template.self, template, what: "template"))?.kind.rawValue ?? Template.Kind.unknown.rawValue
        return (NodeResult(phase: NodePhase.error, message: "error processing task: agent cannot execute: unknown task type: \(kind)"), .zero)
    }

    /// `util.GetSecrets`: the secret through the API, `secret '<name>' does not have the key '<key>'` when it
    /// lacks the key.
    static func secret(_ client: KubeClient, namespace: String, _ ref: SecretKeySelector) throws(ExecError) -> [UInt8] {
        let name = ref.name ?? ""
        do {
            return try client.secretValue(namespace: namespace, name: name, key: ref.key)
        } catch where error.code == .notFound && error.status == nil {
            throw ExecError(.badRequest, "secret '\(name)' does not have the key '\(ref.key)'")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue, what: String) throws(ExecError) -> T {
        do {
            return try JSONValueCoding.decode(type, json)
        } catch {
            throw ExecError(.badRequest, "cannot read the \(what): \(error)")
        }
    }
}
