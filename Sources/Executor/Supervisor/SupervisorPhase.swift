import Core
import Drivers
import Logging
import Model

/// `argoexec supervisor`'s pre-main (docs/supervisor.md; Argo's `cmd/argoexec/commands/supervisor.go`): the init-less
/// pod's aux container does init's work while main waits for it — the status marker and its heartbeat, the
/// template, the staged script or manifest, the input artifacts — then writes `READY`, or `FAILED` and the
/// cause. What follows (waiting for main, saving outputs) is `WaitPhase`, with nothing but logs saved when
/// pre-main failed. Nothing is copied into the pod: main runs the executor from the image volume.
public final class SupervisorPhase: Sendable {
    public let config: ExecutorConfig
    public let template: Template
    public let templateJSON: String
    public let context: StoreContext
    public let logger: Logger
    /// Input downloads at a time (non-plugin inputs; Argo loads them one by one).
    public let width: Int
    /// True once the container was asked to stop (SIGTERM): pre-main starts nothing more and main is never
    /// told `READY` (Argo cancels pre-main's context).
    public let stopRequested: @Sendable () -> Bool

    public init(config: ExecutorConfig, template: Template, templateJSON: String, context: StoreContext, width: Int = 4,
                stopRequested: @escaping @Sendable () -> Bool = { false }, logger: Logger = .disabled) {
        self.config = config
        self.template = template
        self.templateJSON = templateJSON
        self.context = context
        self.width = width
        self.stopRequested = stopRequested
        self.logger = logger
    }

    static let terminated = ExecError(.internal, "terminated (SIGTERM) during pre-main: main is not started")

    /// Runs pre-main and leaves the terminal marker; returns its error, if any (then only logs are saved).
    /// `blocker`: a failure known before pre-main starts (the Kubernetes client could not be built, so
    /// nothing main does could be reported): main is told `FAILED` at once instead of running.
    public func prepare(blocker: ExecError? = nil) -> ExecError? {
        let steps = InitPhase(config: config, template: template, templateJSON: templateJSON, context: context, logger: logger)
        do {
            try steps.prepareSharedDirectory()
            try SupervisorStatus.running.write(paths: config.paths)
        } catch {
            // No marker at all: main presumes this supervisor dead after 30 s.
            let failure = ExecError(error.code, "failed to write initial status marker: \(error.message)", cause: error)
            logger.error("\(failure.description)")
            return failure
        }
        if let blocker { return fail(blocker) }
        let heartbeat: StatusHeartbeat
        do {
            heartbeat = try StatusHeartbeat.start(paths: config.paths, logger: logger)
        } catch {
            return fail(ExecError(error.code, "failed to start the status heartbeat: \(error.message)", cause: error))
        }
        var failure = preMain(steps)
        heartbeat.stop()
        if failure == nil && stopRequested() { failure = Self.terminated }
        if let failure { return fail(failure) }
        do {
            try SupervisorStatus.ready.write(paths: config.paths)
        } catch {
            return fail(error)
        }
        logger.info("pre-main done: main may start")
        return nil
    }

    private func fail(_ failure: ExecError) -> ExecError {
        logger.error("pre-main failed: \(failure.description)")
        writeFailed(failure)
        return failure
    }

    /// Argo's `runSupervisorPreMain`: template, staged files, then the inputs (plugin inputs beside the
    /// others; the first failure ends pre-main).
    func preMain(_ steps: InitPhase) -> ExecError? {
        let old = FileCreationMask.clear()
        defer { FileCreationMask.restore(old) }
        do {
            try steps.writeTemplate()
        } catch {
            return ExecError(error.code, "failed to write template: \(error.message)", cause: error)
        }
        do {
            try steps.stageFiles()
        } catch {
            return ExecError(error.code, "failed to stage files: \(error.message)", cause: error)
        }
        if stopRequested() { return Self.terminated }
        // Artifact driver plugins (gRPC sidecars) are not built yet: a plugin input fails at once, before
        // any other download starts.
        if let plugin = config.inputArtifactPluginNames.first {
            return ExecError(.internal, "failed to load input artifacts from plugin \"\(plugin)\": artifact plugins are not implemented yet")
        }
        do {
            try InputLoader(template: template, paths: config.paths, context: context, logger: logger).loadAll(width: width, stop: stopRequested)
        } catch {
            return ExecError(error.code, "failed to load non-plugin input artifacts: \(error.message)", cause: error, context: error.context)
        }
        return nil
    }

    /// `FAILED` and the cause; best effort (main then presumes the supervisor dead after 30 s, when the last
    /// `RUNNING` is that old).
    private func writeFailed(_ failure: ExecError) {
        do {
            try SupervisorStatus.failed(message: failure.description).write(paths: config.paths)
        } catch {
            logger.error("failed to write failure status marker: \(error.message)")
        }
    }
}
