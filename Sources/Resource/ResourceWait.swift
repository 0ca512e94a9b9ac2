import Core
import Kube
import KubeQuery
import Logging
import Model

/// The polling of Argo's `WaitResource` / `checkResourceState` (`workflow/executor/resource.go`): a GET of the
/// self link at once and then every `RESOURCE_STATE_CHECK_INTERVAL` until the conditions decide. A 404 stops
/// (the object was deleted), so does invalid JSON or a non-transient API error; transient errors and
/// "neither condition matched" keep polling. Argo has no limit but the pod's deadline; here `ARGO_DEADLINE`
/// also ends it, with wait's deadline message.
struct ResourceWait {
    let client: KubeClient
    let conditions: ResourceConditions
    let interval: Duration
    let deadline: UTCTime?
    let logger: Logger

    func run(selfLink: String, name: String, namespace: String) throws(ExecError) {
        logger.info("Waiting for conditions", metadata: ["success": "\(conditions.success)", "failure": "\(conditions.failure)"])
        while true {
            do {
                if try check(selfLink) {
                    logger.info("Returning from successful wait for resource", metadata: ["name": "\(name)", "namespace": "\(namespace)"])
                    return
                }
                logger.info("Waiting for resource resulted in retryable error", metadata: [
                    "name": "\(name)", "namespace": "\(namespace)",
                    "error": "Neither success condition nor the failure condition has been matched. Retrying...",
                ])
            } catch let error where error.isTransient || TransientErrorPattern.matches(error) {
                logger.info("Waiting for resource resulted in retryable error", metadata: [
                    "name": "\(name)", "namespace": "\(namespace)", "error": "\(error)",
                ])
            } catch {
                logger.warning("Waiting for resource resulted in non-retryable error", metadata: ["name": "\(name)", "error": "\(error)"])
                throw error
            }
            if let deadline, UTCTime.now().seconds(until: deadline) <= interval.seconds {
                throw ExecError(.timeout, "Step exceeded its deadline")
            }
            Pause.sleep(interval)
        }
    }

    /// One poll: true when done, false to poll again; throws to stop.
    func check(_ selfLink: String) throws(ExecError) -> Bool {
        let body: [UInt8]
        do {
            body = try client.send("GET", "/" + selfLink).body
        } catch {
            if error.status == 404 {
                throw ExecError(.notFound, "The resource has been deleted while its status was still being checked. Will not be retried: \(error.message)")
            }
            throw error
        }
        logger.debug("\(String(decoding: body.prefix(64 << 10), as: UTF8.self))")
        guard GJSON.isValid(body) else {  // Argo's gjson.Valid, without building a tree
            let text = String(decoding: body.prefix(4096), as: UTF8.self)
            throw ExecError(.notFound, "Encountered invalid JSON response when checking resource status. Will not be retried: \(LogLine.goQuote(text))")
        }
        switch conditions.evaluate(body, logger: logger) {
        case .succeeded: return true
        case .pending: return false
        case .failed(let message): throw ExecError(.badRequest, message)
        }
    }
}
