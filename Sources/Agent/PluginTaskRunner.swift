import Core
import Logging
import Model

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs one executor-`plugin` template (Argo's `workflow/executor/agent.go` `executePluginTemplate`): each plugin
/// in order is asked `template.execute` with the workflow's name, namespace and UID and the template; the first
/// that answers with a node decides the result, and unless that node Succeeded its `requeue` delay (if any)
/// brings the task back. A failed call fails the node; no plugin answering is `no plugin executed the template`.
struct PluginTaskRunner: Sendable {
    let plugins: [PluginClient]
    let workflow: (name: String, namespace: String, uid: String)

    struct Outcome {
        var result: NodeResult
        var requeue: Duration
    }

    func run(template: JSONValue, logger: Logger) throws(ExecError) -> Outcome {
        let args: JSONValue = .object([
            "workflow": .object(["metadata": .object([
                "name": .string(workflow.name), "namespace": .string(workflow.namespace), "uid": .string(workflow.uid)])]),
            "template": template,
        ])
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(args))
        } catch {
            throw ExecError(.internal, "cannot encode the plugin request: \(error)")
        }
        for plugin in plugins {
            guard let reply = try plugin.call("template.execute", body: body, logger: logger) else { continue }
            let (node, requeue) = try Self.decode(reply)
            guard let node else { continue }
            return Outcome(result: node, requeue: node.phase == NodePhase.succeeded ? .zero : requeue)
        }
        throw ExecError(.notFound, "no plugin executed the template")
    }

    /// `ExecuteTemplateReply`: `{"node": NodeResult?, "requeue": "<Go duration>"?}`. Anything else is this
    /// node's error, as Go's `json.Decoder` failing on it is.
    static func decode(_ bytes: [UInt8]) throws(ExecError) -> (NodeResult?, Duration) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw ExecError(.badRequest, "invalid plugin reply: \(error)")
        }
        do throws(ModelError) {
            guard case .object = json else { throw ModelError(.badRequest, "invalid plugin reply: expected a JSON object") }
            var requeue = Duration.zero
            if let text = try JSONFields.string(json["requeue"], "requeue") {
                guard let d = GoDuration.parse(text) else { throw ModelError(.badRequest, "invalid plugin reply: requeue: time: invalid duration \"\(text)\"") }
                requeue = d
            }
            guard let node = try JSONFields.member(json, "node") else { return (nil, requeue) }
            var outputs: Outputs?
            if let raw = node["outputs"], raw != .null {
                do {
                    outputs = try JSONValueCoding.decode(Outputs.self, raw)
                } catch {
                    throw ModelError(.badRequest, "invalid plugin reply: node.outputs: \(error)")
                }
            }
            let message = try JSONFields.string(node["message"], "node.message")
            let progress = try JSONFields.string(node["progress"], "node.progress")
            let result = NodeResult(phase: try JSONFields.string(node["phase"], "node.phase"),
                                    message: message?.isEmpty == true ? nil : message, outputs: outputs,
                                    progress: progress?.isEmpty == true ? nil : progress)
            return (result, requeue)
        } catch {
            let text = "\(error)"
            throw ExecError(.badRequest, text.hasPrefix("invalid plugin reply") ? text : "invalid plugin reply: \(text)")
        }
    }
}
