import Core
import JQ
import KubeQuery
import Logging
import Model

/// Argo's `SaveResourceParameters` (`workflow/executor/resource.go`): each output parameter with `valueFrom`
/// read from the live object, `jsonPath` through `kubectl get -o jsonpath=...`, `jqFilter` through
/// `kubectl get -o json` and jq (gojq's output rules: `JQProgram.gojqOutput`). Without a resource (a `get`
/// that found nothing) a parameter takes its `valueFrom.default`, else "".
struct ResourceOutputs {
    let kubectl: KubectlRun
    let logger: Logger

    /// Compiles every `jqFilter` and parses every `jsonPath`, with the errors they would give later.
    static func check(_ parameters: [Parameter]) throws(ExecError) {
        for parameter in parameters {
            if let path = parameter.valueFrom?.jsonPath, !path.isEmpty {
                do {
                    _ = try KubectlJSONPath(path)
                } catch {
                    throw ExecError(.badRequest, "error: error parsing jsonpath \(path), \(error.message)")
                }
            } else if let filter = parameter.valueFrom?.jqFilter, !filter.isEmpty {
                _ = try JQProgram(filter)
            }
        }
    }

    func fill(_ parameters: inout [Parameter], namespace: String, resource: String) throws(ExecError) {
        for index in parameters.indices {
            guard let from = parameters[index].valueFrom else { continue }
            if namespace.isEmpty && resource.isEmpty {
                parameters[index].value = AnyString(from.default?.value ?? "")
                continue
            }
            let format: String
            if let path = from.jsonPath, !path.isEmpty {
                format = "jsonpath=" + path
            } else if let filter = from.jqFilter, !filter.isEmpty {
                format = "json"
            } else {
                continue
            }
            let arguments = ["kubectl", "-n", namespace, "get", resource, "-o", format]
            logger.info("\(arguments.joined(separator: " "))")
            var output: String
            do {
                output = String(decoding: try kubectl.run(arguments), as: UTF8.self)
            } catch {
                throw ExecError(.badRequest, error.message)
            }
            if let filter = from.jqFilter, !filter.isEmpty, from.jsonPath?.isEmpty ?? true {
                output = try JQProgram.gojqOutput(filter: filter, json: Array(output.utf8))
                logger.info("gojq", metadata: ["filter": "\(filter)"])
            }
            parameters[index].value = AnyString(output)
            logger.info("Saved output parameter", metadata: ["name": "\(parameters[index].name)", "value": "\(output)"])
        }
    }
}
