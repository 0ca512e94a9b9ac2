import Agent
import Core
import LeanCLI
import Model

/// The agent's environment, read once (Argo's `cmd/argoexec/commands/agent.go`): `ARGO_WORKFLOW_NAME` and
/// `ARGO_WORKFLOW_UID` must be present, `ARGO_PLUGIN_NAMES` / `ARGO_PLUGIN_ADDRESSES` are JSON arrays the
/// controller always sets (`null` without plugins), `ARGO_AGENT_TASK_WORKERS` (16) and `ARGO_AGENT_PATCH_RATE`
/// (10s, a Go duration) tune it. Exit codes follow Go's: a JSON array that does not parse or a token file that
/// cannot be read is a fatal log (exit 1); a bad number or duration, where Go panics, is a `StartupPanic` (exit 2)
/// naming the variable.
extension AgentConfig {
    static func pluginNames(_ env: [String: String]) throws -> [String] {
        try stringArray(env, "ARGO_PLUGIN_NAMES", what: "plugin names")
    }

    static func fromEnvironment(_ env: [String: String], namespace: String, paths: PodPaths) throws -> AgentConfig {
        guard let name = env["ARGO_WORKFLOW_NAME"] else {
            throw FatalError("Unable to determine workflow name from environment variable ARGO_WORKFLOW_NAME")
        }
        guard let uid = env["ARGO_WORKFLOW_UID"] else {
            throw FatalError("Unable to determine workflow Uid from environment variable ARGO_WORKFLOW_UID")
        }
        let addresses = try stringArray(env, "ARGO_PLUGIN_ADDRESSES", what: "plugin addresses")
        let names = try pluginNames(env)
        guard addresses.count <= names.count else {
            throw StartupPanic(ExecError(.invalidConfig, "ARGO_PLUGIN_ADDRESSES has \(addresses.count) entries but ARGO_PLUGIN_NAMES only \(names.count)"))
        }
        var plugins: [AgentConfig.Plugin] = []
        for (i, address) in addresses.enumerated() {
            do {
                plugins.append(.init(name: names[i], address: address, token: try PluginTokens.read(name: names[i], paths: paths)))
            } catch {
                throw FatalError("Failed to read token file: \(error.description)")
            }
        }
        var config = AgentConfig(workflowName: name, workflowUID: uid, namespace: namespace, plugins: plugins)
        if let text = env["ARGO_AGENT_TASK_WORKERS"], !text.isEmpty {
            guard let n = Int(text), n >= 1 else {
                throw StartupPanic(ExecError(.invalidConfig, "ARGO_AGENT_TASK_WORKERS=\"\(text)\": failed to convert to a positive int"))
            }
            config.taskWorkers = n
        }
        if let text = env["ARGO_AGENT_PATCH_RATE"], !text.isEmpty {
            guard let rate = GoDuration.parse(text), rate > .zero else {
                throw StartupPanic(ExecError(.invalidConfig, "ARGO_AGENT_PATCH_RATE=\"\(text)\": failed to parse as a positive duration"))
            }
            config.patchRate = rate
        }
        return config
    }

    /// A JSON array of strings; `null` is empty, as Go's `json.Unmarshal` into a nil slice.
    private static func stringArray(_ env: [String: String], _ variable: String, what: String) throws -> [String] {
        let text = env[variable] ?? ""
        do {
            let json = try JSONParser.parse(text)
            if json == .null { return [] }
            return try JSONFields.strings(json, variable)
        } catch {
            let reason = text.isEmpty ? "unexpected end of JSON input" : error.description
            throw FatalError("Failed to unmarshal \(what) (\(variable)): \(reason)")
        }
    }
}
