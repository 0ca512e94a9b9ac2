import Core
import KubeQuery
import Logging
import Model

/// A resource step's `successCondition` / `failureCondition` (Argo's `WaitResource` and `matchConditions`,
/// `workflow/executor/resource.go`): Kubernetes label-selector syntax whose keys are gjson paths into the live
/// object. Every failure requirement is checked first, and any match fails the step; then the step succeeds
/// once all success requirements match (at once when there are none).
public struct ResourceConditions: Sendable {
    public var success: [LabelRequirement]
    public var failure: [LabelRequirement]

    public enum Outcome: Equatable, Sendable {
        case succeeded
        case failed(String)
        case pending
    }

    /// Nil when neither condition is set (no waiting at all).
    public static func parse(success: String?, failure: String?) throws(ExecError) -> ResourceConditions? {
        let success = success ?? "", failure = failure ?? ""
        if success.isEmpty && failure.isEmpty { return nil }
        var conditions = ResourceConditions(success: [], failure: [])
        if !success.isEmpty {
            do {
                conditions.success = try LabelSelector.parse(success).requirements
            } catch {
                throw ExecError(.badRequest, "success condition '\(success)' failed to parse: \(error.message)")
            }
        }
        if !failure.isEmpty {
            do {
                conditions.failure = try LabelSelector.parse(failure).requirements
            } catch {
                throw ExecError(.badRequest, "fail condition '\(failure)' failed to parse: \(error.message)")
            }
        }
        return conditions
    }

    public func evaluate(_ json: [UInt8], logger: Logger) -> Outcome {
        let labels = GJSON(json)
        for requirement in failure {
            let failed = requirement.matches(labels)
            let message = "failure condition '\(requirement)' evaluated \(failed)"
            logger.info("\(message)")
            if failed { return .failed(message) }
        }
        var matched = 0
        for requirement in success {
            let match = requirement.matches(labels)
            logger.info("success condition evaluated", metadata: ["condition": "\(requirement)", "matched": "\(match)"])
            if match { matched += 1 }
        }
        logger.info("success conditions matched", metadata: ["numMatched": "\(matched)", "total": "\(success.count)"])
        return matched >= success.count ? .succeeded : .pending
    }
}
