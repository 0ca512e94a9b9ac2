import Core
import Expr
import Model
import Transport

/// Runs one `http` template (Argo's `workflow/executor/agent.go` `executeHTTPTemplate`): the response body becomes
/// `outputs.result`; success is a 2xx status, or `successCondition` when there is one. A thrown error is the
/// node's `Failed` message.
struct HTTPTaskRunner: Sendable {
    let builder: HTTPRequestBuilder
    /// The largest response body kept: a result must fit in the task set (etcd takes about 1.5 MiB, the API
    /// server 3 MiB per request), where Go reads any size and then fails the patch.
    var bodyLimit = 3 << 20
    /// The bound on an exchange whose template sets no `timeoutSeconds` (Go has none; one stuck endpoint must
    /// not hold a worker forever).
    var defaultTimeoutSeconds = 3600

    func run(_ http: HTTPTemplate) throws(ExecError) -> NodeResult {
        let built = try builder.build(http)
        var request = built.request
        if let timeout = http.timeoutSeconds {
            // context.WithTimeout(ctx, 0 or less) has expired before the request is sent.
            guard timeout > 0 else { throw ExecError(.timeout, "\(Self.op(request.method)) \"\(GoURL.redacted(request.url))\": context deadline exceeded") }
            request.totalTimeoutSeconds = Int(min(timeout, Int64(Int32.max)))
        } else {
            request.totalTimeoutSeconds = defaultTimeoutSeconds
        }
        let sink = MemorySink(limit: bodyLimit)
        let response: HTTPResponse
        do {
            response = try HTTPClient.perform(request, into: sink)
        } catch {
            throw Self.transportError(error, request: request, deadline: http.timeoutSeconds != nil)
        }
        let success = (200..<300).contains(response.status)
        let body = String(decoding: success ? sink.bytes : response.errorBody, as: UTF8.self)
        var result = NodeResult(phase: NodePhase.succeeded, outputs: Outputs(result: body))
        if let condition = http.successCondition, !condition.isEmpty {
            let env = SuccessConditionEnv.make(built, template: http, response: response, body: body)
            let passed: Bool
            do {
                passed = try Expr.evalBool(condition, env: env)
            } catch {
                throw ExecError(.badRequest, error.description)
            }
            if !passed {
                result.phase = NodePhase.failed
                result.message = "successCondition '\(condition)' evaluated false"
            }
        } else if !success {
            result.phase = NodePhase.failed
            result.message = "received non-2xx response code: \(response.status)"
        }
        return result
    }

    /// Go's `*url.Error` text: `Get "<url>": <cause>`, the URL's password replaced by `***`, a template timeout
    /// reported as the context's `context deadline exceeded`; the cause is curl's own message otherwise.
    static func transportError(_ error: ExecError, request: HTTPRequest, deadline: Bool) -> ExecError {
        var cause = error.message
        let prefix = "\(request.method) \(request.url): "
        if cause.hasPrefix(prefix) { cause.removeFirst(prefix.count) }
        if deadline && error.code == .timeout { cause = "context deadline exceeded" }
        return ExecError(error.code, "\(op(request.method)) \"\(GoURL.redacted(request.url))\": \(cause)", context: error.context,
                         transient: error.isTransient)
    }

    /// Go's `urlErrorOp`: `Get`, `Post`, ...
    static func op(_ method: String) -> String {
        guard let first = method.first else { return "Get" }
        return String(first) + method.dropFirst().lowercased()
    }

}
