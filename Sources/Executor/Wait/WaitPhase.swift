import Core
import Logging
import Drivers
import Kube
import Model
import Synchronization

/// `argoexec wait` (Argo's `workflow/executor/postmain.go`): reports an empty result, waits for the main containers (a SIGTERM
/// ends the wait, never the collection), then collects the script result, output parameters, artifacts
/// and logs, each step running even when an earlier one failed, reports them and finalises. Returns the
/// first recorded error (the CLI turns it into the termination message and exit 64).
/// `@unchecked`: `errors` is appended to only by the thread that calls `run`; the SIGTERM handler touches
/// only the atomic `terminated`.
public final class WaitPhase: @unchecked Sendable {
    public let config: ExecutorConfig
    public let template: Template
    public let reporter: OutputReporter?
    public let context: StoreContext
    public let logger: Logger
    private let terminated = Atomic<Bool>(false)
    private var errors: [ExecError] = []

    public init(config: ExecutorConfig, template: Template, reporter: OutputReporter?, context: StoreContext, logger: Logger = .disabled) {
        self.config = config
        self.template = template
        self.reporter = reporter
        self.context = context
        self.logger = logger
    }

    /// SIGTERM to the wait container: stop waiting, keep collecting.
    public func terminate() { terminated.store(true, ordering: .relaxed) }

    /// - Parameter preMainFailed: the init-less supervisor's pre-main failed (Argo's `PostMain(preMainFailed)`):
    ///   main never ran the user's command, so only its logs are saved and reported.
    public func run(preMainFailed: Bool = false) -> ExecError? {
        record { () throws(ExecError) in try reporter?.initialize() }
        let mains = template.mainContainerNames
        if let deadline = config.deadline {
            record { () throws(ExecError) in try DeadlineMonitor.start(deadline: deadline, config: config, mains: mains, logger: logger) }
        }
        let progress = ProgressMonitor()
        if let settings = config.progress, let reporter {
            record { () throws(ExecError) in try progress.start(settings, paths: config.paths, reporter: reporter, logger: logger) }
        }
        let files = ContainerFiles(paths: config.paths)
        if files.waitForExit(mains, timeout: nil, stop: { self.terminated.load(ordering: .relaxed) }) {
            logger.info("main containers exited")
        } else {
            logger.warning("wait terminated before the main containers exited; collecting whatever outputs exist")
        }
        progress.stop()
        var outputs = template.outputs ?? Outputs()
        var saved: [Artifact] = []
        if template.resource == nil && !preMainFailed {
            let values = OutputValues(template: template, paths: config.paths, logger: logger)
            if config.includeScriptOutput && template.hasScriptOutput {
                record { () throws(ExecError) in outputs.result = try values.scriptResult() }
            }
            // Argo's `SaveParameters` returns early without parameters: none are reported, not an empty list.
            if var parameters = outputs.parameters, !parameters.isEmpty {
                record { () throws(ExecError) in try values.fill(&parameters, initless: config.initless) }
                outputs.parameters = parameters
            }
            let saver = ArtifactSaver(template: template, paths: config.paths, context: context, logger: logger)
            let (artifacts, error) = saver.saveAll()
            saved = artifacts
            if let error { errors.append(error) }
        }
        saved += saveLogs(mains)
        outputs.artifacts = saved.isEmpty ? nil : saved
        if let reporter {
            let report = template.resource == nil ? outputs : Outputs(artifacts: outputs.artifacts)
            record { () throws(ExecError) in try reporter.reportOutputs(report) }
            record { () throws(ExecError) in try reporter.finalize() }
        }
        return errors.first
    }

    /// `SaveLogs` (docs/pod-contract.md, "wait"): each main container's combined output as `<name>-logs`
    /// (`<archiveKey>/<name>.log`).
    private func saveLogs(_ mains: [String]) -> [Artifact] {
        guard template.archivesLogs else { return [] }
        var saved: [Artifact] = []
        for name in mains {
            let combined = PodPlace.containerFile(name, "combined", paths: config.paths)
            guard (try? FileIO.lstatIfExists(config.paths.combined(name))) != nil else {
                logger.warning("no combined log for \(name); skipping its log artifact")
                continue
            }
            record { () throws(ExecError) in
                guard let archive = template.archiveLocation, archive.kind != nil else { throw ExecError(.badRequest, ArtifactSaver.noRepository) }
                var artifact = Artifact(name: name + "-logs")
                let relocated: Artifact
                do throws(ModelError) {
                    artifact.location = try archive.keyOnly(appending: name + ".log")
                    relocated = try artifact.relocated(onto: archive)
                } catch {
                    throw ExecError(.badRequest, "logs of \(name): \(error.message)")
                }
                // Below /var/run/argo, no link followed: main cannot turn its log into a link to wait's files.
                try ArtifactStores.make(relocated, context: context).save(try combined.open())
                saved.append(artifact)
            }
        }
        return saved
    }

    private func record(_ body: () throws(ExecError) -> Void) {
        do {
            try body()
        } catch {
            logger.error("\(error.description)")
            errors.append(error)
        }
    }
}
