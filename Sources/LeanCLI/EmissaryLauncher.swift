import Core
import Logging
import Emissary
import ModelBase

/// `argoexec emissary [FLAGS] -- CMD ARGS...` as both binaries run it (Argo's `cmd/argoexec/commands/emissary.go`):
/// synchronously on the main thread, before anything else starts a thread (`SignalRelay` needs the forwarded
/// signals blocked before any thread exists; no Swift concurrency or Dispatch, whose threads were a measured
/// part of start-up). Exits with the child's code (128+signal when killed); its own failures exit 64 with the
/// message in the termination log.
public enum EmissaryLauncher {
    /// `emissary --loglevel L --log-format F --gloglevel G -- CMD...`, the only form the controller writes, or
    /// nil for anything else (the full binary then takes swift-argument-parser, the lean one reports usage).
    public static func parse(_ arguments: [String]) -> (flags: LogFlags, command: [String])? {
        guard arguments.first == "emissary", let dashes = arguments.firstIndex(of: "--"),
              let flags = LogFlags.parse(arguments[1..<dashes]) else { return nil }
        let command = Array(arguments[(dashes + 1)...])
        return command.isEmpty ? nil : (flags, command)
    }

    /// Runs the emissary and ends the process; never returns.
    public static func run(flags: LogFlags, command: [String]) -> Never {
        do {
            let runtime = try LeanRuntime.make(flags, label: "emissary", strict: false)
            try execute(runtime, command: command)
            // `_exit`: the emissary writes nothing buffered, and skipping exit handlers keeps its exit fast.
            ProcessControl.exitNow(0)
        } catch {
            // Every exit path leaves an exit code for wait: `execute` writes it itself, except when the
            // runtime could not be built (bad flags or environment).
            if !(error is ExitStatus) { recordFailedStart() }
            ProcessOutcome.end(error, podCommand: true, fast: true)
        }
    }

    /// Writes exit code 64 (or `code`) for this container from the raw environment (`ARGOEXEC_ROOT`,
    /// `ARGO_CONTAINER_NAME`), for failures before or outside `Emissary.run` (bad flags or configuration, an
    /// unreadable template, an init-less supervisor that failed).
    public static func recordFailedStart(_ code: Int32 = 64) {
        let env = LeanRuntime.environment
        let files = ContainerFiles(paths: PodPaths(root: env["ARGOEXEC_ROOT"] ?? ""))
        let name = env["ARGO_CONTAINER_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "main"
        try? files.prepare(name)
        try? files.writeExitCode(name, code)
    }

    static func execute(_ runtime: LeanRuntime, command: [String]) throws {
        let config = runtime.config
        let logger = runtime.logger
        let name = config.containerName ?? "main"
        // Signals are held from the start, before the template is even read, and relayed once it is.
        let relay = SignalRelay(logger: logger)
        let template: EmissaryTemplate
        let extra: [String]
        do {
            extra = try EmissaryInputs.containerArguments(config.containerArgsFile)
            if config.waitForReady {
                try relay.start()  // a SIGTERM while waiting must end the wait
                try initless(config, name: name, relay: relay, logger: logger)
            }
            template = try EmissaryInputs.template(config)
        } catch {
            // Argo's deferred write of 64 (`cmd/argoexec/commands/emissary.go`): wait must never wait for a
            // container whose emissary failed before starting it. (An init-less failure wrote its 65.)
            if !(error is ExitStatus) { recordFailedStart() }
            throw error
        }
        if config.waitForReady && name == "main" {
            try initless { () throws(ExecError) in try InputLinks(template: template, paths: config.paths, logger: logger).stage() }
        }
        let emissary = Emissary(config: config, template: template, name: name, extraArguments: extra,
                                searchPath: LeanRuntime.environment["PATH"], logger: logger)
        if !config.waitForReady { try relay.start() }
        let (code, error) = emissary.run(command, relay: relay)
        if let error {
            // The exit code file keeps the child's (or a failed dependency's) code; the process exits 64.
            StandardError.print("Error: \(error.description)")
            throw ExitStatus(64, terminationMessage: error.description)
        }
        throw ExitStatus(code)
    }

    /// Init-less pods (docs/supervisor.md): the container's directory first (its appearance tells the others
    /// it started), then the wait for the supervisor's `READY`.
    static func initless(_ config: ExecutorConfig, name: String, relay: SignalRelay, logger: Logger) throws {
        do {
            try ContainerFiles(paths: config.paths).prepare(name)
        } catch {
            throw ExecError(error.code, "failed to create ctr directory: \(error.message)", cause: error)
        }
        try initless { () throws(ExecError) in
            try SupervisorReadiness(paths: config.paths, logger: logger).wait { relay.terminationRequested }
        }
    }

    /// A failure before main starts in an init-less pod: exit code 65 in the file and for the process, the
    /// cause in the termination log (Argo's `ExitCodeSupervisorPreMainFailure`), so the controller blames
    /// the supervisor's pre-main, not the user's command.
    static func initless(_ step: () throws(ExecError) -> Void) throws {
        do {
            try step()
        } catch {
            recordFailedStart(65)
            StandardError.print("Error: \(error.description)")
            throw ExitStatus(65, terminationMessage: error.description)
        }
    }
}
