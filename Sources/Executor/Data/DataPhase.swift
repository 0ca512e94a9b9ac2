import Core
import Drivers
import Expr
import Kube
import Logging
import Model

/// `argoexec data` (Argo's `workflow/executor/data.go`, `workflow/data/data.go`, `executor_data_source_processor.go`):
/// the keys listed at `data.source.artifactPaths`, each `data.transformation[i].expression` (expr-lang) applied to
/// the previous value as `data`, the JSON of the result reported as `outputs.result`. The task result is
/// created first and finalised whatever happens, as Argo's deferred `FinalizeOutput` does (a data pod has no wait
/// container to do it).
public final class DataPhase {
    let template: Template
    let context: StoreContext
    let reporter: OutputReporter?
    let logger: Logger

    public init(template: Template, context: StoreContext, reporter: OutputReporter?, logger: Logger) {
        self.template = template
        self.context = context
        self.reporter = reporter
        self.logger = logger
    }

    public func run() throws(ExecError) {
        // Argo does not initialise here, so a data step that fails leaves no task result and its finalising patch
        // finds nothing; the placeholder lets the controller see the outputs completed either way
        // (docs/differences.md).
        do {
            try reporter?.initialize()
        } catch {
            logger.warning("failed to initialise the task result: \(error)")
        }
        defer {
            do { try reporter?.finalize() } catch { logger.warning("failed to finalise the task result: \(error)") }
        }
        guard let data = template.data else { throw wrap(ExecError(.badRequest, "no data template found")) }
        let value: ExprValue
        do {
            value = try process(data)
        } catch {
            throw wrap(error)
        }
        let text: String
        do {
            text = try value.goJSON()
        } catch {
            throw ExecError(.internal, "json: \(error.message)")
        }
        var outputs = template.outputs ?? Outputs()
        outputs.result = text
        logger.info("data template result", metadata: ["bytes": "\(text.utf8.count)"])
        try reporter?.reportOutputs(outputs)
    }

    private func wrap(_ error: ExecError) -> ExecError {
        ExecError(error.code, "unable to process data template: \(error.message)", context: error.context)
    }

    /// `ProcessData`: the source, then the transformation, each failure wrapped with Argo's words.
    func process(_ data: DataTemplate) throws(ExecError) -> ExprValue {
        guard let artifact = data.source?.artifactPaths else {
            throw ExecError(.badRequest, "unable to process data source: no valid source is used for data template")
        }
        let keys: [String]
        do {
            keys = try list(artifact)
        } catch {
            throw ExecError(error.code, "unable to process data source: unable to source artifact paths: \(error.message)",
                            context: error.context)
        }
        var value = ExprValue.array(keys.map { .string($0) })
        for (i, step) in (data.transformation ?? []).enumerated() where !step.expression.isEmpty {
            do {
                value = try ExprProgram(step.expression, names: ["data"]).run(ExprMap([("data", value)]))
            } catch {
                throw ExecError(.badRequest, "unable to process data transformation: error processing data step \(i): \(error)")
            }
        }
        return value
    }

    /// `ProcessArtifactPaths`: the driver of the artifact relocated onto the archive location lists it. Argo then
    /// lists with the bucket of the template's own artifact, which fails for a key-only one; the relocated location
    /// is used for both here (the same whenever Argo's works; docs/differences.md).
    func list(_ artifact: Artifact) throws(ExecError) -> [String] {
        let relocated: Artifact
        do {
            relocated = try artifact.relocated(onto: template.archiveLocation)
        } catch {
            throw ExecError(.badRequest, error.message)
        }
        let store = try ArtifactStores.make(relocated, context: context)
        let keys = try store.listObjects()
        logger.debug("listed data source", metadata: ["artifact": "\(artifact.name)", "keys": "\(keys.count)"])
        return keys
    }
}
