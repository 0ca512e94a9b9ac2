import Core
import Kube
import Logging
import Model

/// Watches the workflow's `WorkflowTaskSet` (Argo's `workflow/executor/agent.go` `Agent`: a watch with field
/// selector `metadata.name=<workflow>`) and hands every version of it to `onTaskSet`. Unlike client-go's bare
/// `Watch`, which the Go agent simply re-opens from scratch, this keeps a reflector's bookkeeping: a list first,
/// then watches resumed from the last resource version after the server ends or drops the stream, and a fresh
/// list when the server answers 410 Gone (the version was compacted away). Returns when the task set is
/// deleted or labelled `workflows.argoproj.io/completed=true`.
final class TaskSetWatcher {
    private let client: KubeClient
    private let collection: String
    private let name: String
    private let watchTimeoutSeconds: Int
    private let logger: Logger
    private var resourceVersion: String?
    /// Consecutive transient failures before the agent gives up (and the pod's `restartPolicy: OnFailure` takes over).
    private let maxFailures = 6

    init(client: KubeClient, namespace: String, name: String, watchTimeoutSeconds: Int, logger: Logger) {
        self.client = client
        collection = "/apis/argoproj.io/v1alpha1/namespaces/\(namespace)/workflowtasksets"
        self.name = name
        self.watchTimeoutSeconds = max(1, watchTimeoutSeconds)
        self.logger = logger
    }

    private var selector: String { "fieldSelector=" + KubeClient.queryEscaped("metadata.name=" + name) }

    /// Runs until the task set is gone or completed; `onTaskSet` sees each version (tasks are idempotent there).
    func run(_ onTaskSet: @escaping (WorkflowTaskSet) -> Void) throws(ExecError) {
        var failures = 0
        while true {
            let sink = WatchLineSink { [self] (line) throws(ExecError) -> Bool in try event(line, onTaskSet) }
            do {
                if resourceVersion == nil, try !list(onTaskSet) { return }
                let path = collection + "?watch=true&allowWatchBookmarks=true&" + selector
                    + "&resourceVersion=\(KubeClient.queryEscaped(resourceVersion ?? ""))&timeoutSeconds=\(watchTimeoutSeconds)"
                try client.stream(path, into: sink, limitSeconds: watchTimeoutSeconds + 60)
                if sink.stopped { return }
                failures = 0  // the server closed the watch at its timeout: re-watch from where it left off
            } catch {
                if sink.stopped { return }
                if error.status == 410 {
                    logger.info("TaskSet watch expired, listing again", metadata: ["resourceVersion": "\(resourceVersion ?? "")"])
                    resourceVersion = nil
                    continue
                }
                guard error.isTransient || error.code == .network || error.code == .timeout else { throw error }
                failures = sink.events > 0 ? 1 : failures + 1
                guard failures <= maxFailures else { throw error }
                // A stream that delivered events before it broke is resumed at once; repeated failures back off.
                let delay = sink.events > 0 ? Duration.zero : .seconds(min(30, 1 << (failures - 1)))
                logger.warning("TaskSet watch failed, watching again", metadata: [
                    "error": "\(error.description)", "resourceVersion": "\(resourceVersion ?? "")", "delay": "\(GoDuration.format(delay))"])
                Pause.sleep(delay)
            }
        }
    }

    /// The list a watch starts from: the current task set (if any) and the version to watch from.
    private func list(_ onTaskSet: (WorkflowTaskSet) -> Void) throws(ExecError) -> Bool {
        let body = try client.send("GET", collection + "?" + selector).body
        let json = try Self.parse(body, what: "task set list")
        var items: [JSONValue] = []
        if case .array(let a)? = json["items"] { items = a }
        for item in items {
            guard try handle(item, type: "ADDED", onTaskSet) else { return false }
        }
        resourceVersion = json["metadata"]?["resourceVersion"]?.stringValue ?? ""
        return true
    }

    /// One watch event line; false stops the watch.
    private func event(_ line: [UInt8], _ onTaskSet: (WorkflowTaskSet) -> Void) throws(ExecError) -> Bool {
        let json: JSONValue
        do {
            json = try Self.parse(line, what: "watch event")
        } catch {
            logger.warning("ignoring a malformed watch event", metadata: ["error": "\(error.description)"])
            return true
        }
        let type = json["type"]?.stringValue ?? ""
        let object = json["object"] ?? .null
        switch type {
        case "ERROR":
            let code = object["code"].flatMap { if case .int(let c) = $0 { Int(c) } else { nil } }
            let message = object["message"]?.stringValue ?? "watch error"
            throw ExecError(code == 410 ? .notFound : .internal, message, transient: code != 410 && (code ?? 500) >= 500,
                            status: code, reason: object["reason"]?.stringValue)
        case "BOOKMARK":
            if let rv = object["metadata"]?["resourceVersion"]?.stringValue { resourceVersion = rv }
            return true
        default:
            return try handle(object, type: type, onTaskSet)
        }
    }

    private func handle(_ object: JSONValue, type: String, _ onTaskSet: (WorkflowTaskSet) -> Void) throws(ExecError) -> Bool {
        logger.info("TaskSet Event", metadata: ["event_type": "\(type)"])
        if let rv = object["metadata"]?["resourceVersion"]?.stringValue { resourceVersion = rv }
        if type == "DELETED" { return false }  // we're done if the task set is deleted
        let taskSet: WorkflowTaskSet
        do {
            taskSet = try WorkflowTaskSet(json: object)
        } catch {
            logger.warning("ignoring a task set that cannot be read", metadata: ["error": "\(error)"])
            return true
        }
        if taskSet.isCompleted {
            logger.info("Workflow completed... stopping agent")
            return false
        }
        onTaskSet(taskSet)
        return true
    }

    private static func parse(_ bytes: [UInt8], what: String) throws(ExecError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw ExecError(.internal, "unexpected \(what) from the Kubernetes API: \(error)")
        }
    }
}
