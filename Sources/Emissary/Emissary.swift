import Core
import Logging
import ModelBase

/// `argoexec emissary -- CMD ARGS` (Argo's `cmd/argoexec/commands/emissary.go`): runs the user's command as a child, captures its
/// output and exit code for the other containers, relays signals, honours containerSet dependencies and
/// retries, and in `main` stages outputs for wait. The exit code file is written on every path.
/// It reads the template as an `EmissaryTemplate` (the members it uses, without Codable: start-up cost).
public final class Emissary: Sendable {
    public let config: ExecutorConfig
    public let template: EmissaryTemplate
    public let name: String
    public let logger: Logger

    /// Arguments from `ARGO_CONTAINER_ARGS_FILE` (decoded by the CLI) and the container's `PATH`.
    public let extraArguments: [String]
    public let searchPath: String
    public static let defaultSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    public init(config: ExecutorConfig, template: EmissaryTemplate, name: String, extraArguments: [String] = [],
                searchPath: String? = nil, logger: Logger = .disabled) {
        self.config = config
        self.template = template
        self.name = name
        self.extraArguments = extraArguments
        self.searchPath = searchPath ?? Self.defaultSearchPath
        self.logger = logger
    }

    /// Runs `command` and returns the process exit code: the child's (128+signal when killed), 64 when
    /// the emissary itself failed (with the error, for the termination log), or a failed dependency's.
    public func run(_ command: [String], relay: SignalRelay) -> (code: Int32, error: ExecError?) {
        let files = ContainerFiles(paths: config.paths)
        var exitCode: Int32 = 64
        var failure: ExecError?
        do throws(ExecError) {
            _ = FileCreationMask.clear()
            ChildProcess.prepareToReap()
            do {
                try files.prepare(name)
            } catch {
                throw ExecError(error.code, "failed to create ctr directory: \(error.message)")
            }
            let arguments = try EmissaryArguments.resolve(command, extra: extraArguments, paths: config.paths)
            switch try waitForDependencies(files, relay: relay) {
            case .ready: break
            case .failed(let code, let message):
                exitCode = code
                throw ExecError(.internal, message)
            case .terminated(let code):
                // Argo keeps 64 in the file and exits 128+signal with no termination message.
                logger.info("terminated while waiting for dependencies")
                try files.writeExitCode(name, exitCode)
                relay.stop()
                return (code, nil)
            }
            let executable = try EmissaryArguments.lookPath(arguments[0], searchPath: searchPath)
            if config.debugPauseBefore { _ = files.waitForFile(config.paths.debugPause(name, before: true)) }
            let capture = config.includeScriptOutput || template.archiveLogs
                ? ChildProcess.Capture(stdoutFile: config.paths.stdout(name), combinedFile: config.paths.combined(name)) : nil
            let (attempts, pause) = try retryPolicy()
            // Before the child: a watcher that cannot start fails the emissary before anything runs.
            if template.sidecarNames.contains(name) { try SidecarWatch.start(files, config: config, template: template, name: name) }
            var code: Int32 = 0
            for attempt in 1...attempts {
                // `tty: true` (stdin a terminal): a pseudo-terminal per attempt, as Argo's StartCommand makes one.
                let terminal = PseudoTerminal.stdinIsTerminal ? try PseudoTerminal() : nil
                if let terminal { relay.onWindowChange { terminal.inheritSize() } }
                let child = try ChildProcess(executable: executable, arguments: arguments, capture: capture, terminal: terminal)
                relay.attach(child.pid)
                if attempt == 1 { relay.watchSignalFile(paths: config.paths, name: name) }
                code = child.waitForExit()
                relay.detach()
                relay.onWindowChange(nil)
                logger.info("sub-process exited with \(code) (attempt \(attempt) of \(attempts))")
                if code == 0 || attempt == attempts { break }
                Pause.sleep(pause)
            }
            if config.debugPauseAfter { _ = files.waitForFile(config.paths.debugPause(name, before: false)) }
            exitCode = code
            if name == "main" {
                let staging = OutputStaging(template: template, paths: config.paths, logger: logger)
                try staging.stage()
            } else {
                logger.info("not saving outputs - not main container")
            }
        } catch {
            failure = error
        }
        do {
            try files.writeExitCode(name, exitCode)
        } catch {
            logger.error("failed to write exit code: \(error.message)")
        }
        relay.stop()
        return (failure != nil && exitCode == 0 ? 64 : exitCode, failure)
    }

    private enum DependencyOutcome {
        case ready
        case failed(Int32, String)
        /// SIGTERM/SIGINT (143) or SIGKILL (137) while waiting.
        case terminated(Int32)
    }

    /// containerSet dependencies (Argo's `waitForDependencyExitCode`): wait for each dependency's exit code;
    /// a non-zero one becomes ours.
    private func waitForDependencies(_ files: ContainerFiles, relay: SignalRelay) throws(ExecError) -> DependencyOutcome {
        let node = template.containerSet?.first { $0.name == name }
        for dependency in node?.dependencies ?? [] {
            logger.info("waiting for dependency \(dependency)")
            try files.prepare(dependency)
            let watch = DirectoryWatch(config.paths.containerDir(dependency))
            while files.exitCode(dependency) == nil {
                if let code = relay.terminationExitCode { return .terminated(code) }
                watch.wait(timeoutMs: 500)
            }
            if let code = files.exitCode(dependency), code != 0 {
                return .failed(Int32(clamping: code), "dependency \"\(dependency)\" exited with non-zero code: \(code)")
            }
        }
        return .ready
    }

    /// `containerSet.retryStrategy`: `retries` = attempts in total, `duration` = constant pause.
    private func retryPolicy() throws(ExecError) -> (Int, Duration) {
        guard template.containerSet != nil else { return (1, .zero) }
        let attempts = max(1, template.retries?.intValue ?? 1)
        var pause = Duration.zero
        if let text = template.retryDuration, !text.isEmpty {
            guard let parsed = GoDuration.parse(text), parsed >= .zero else {
                throw ExecError(.badRequest, "failed to get retry strategy: invalid duration \"\(text)\"")
            }
            pause = parsed
        }
        return (attempts, pause)
    }
}
