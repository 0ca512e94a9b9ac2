import Core
import Logging

/// What every command gets before it runs, in both binaries: the configuration read once from the environment
/// and a logger built from the logging flags. The full CLI adds what only networked commands need (trust
/// store, transient-error pattern).
public struct LeanRuntime: Sendable {
    public let config: ExecutorConfig
    public let logger: Logger

    /// The process environment, read exactly once (docs/conventions.md rule 5), straight from `environ`
    /// (Foundation's `ProcessInfo` costs a measurable part of the emissary's start-up). A name set twice
    /// keeps its first value, as `getenv` reads it.
    public static let environment: [String: String] = ProcessControl.environment()

    /// Builds the runtime; bad logging flags are fatal (Argo exits 1 for them, Argo's `cmd/argoexec/commands/root.go`).
    /// `strict` off (the emissary, `kill`): a malformed variable that only other commands use is skipped.
    public static func make(_ flags: LogFlags, label: String, strict: Bool = true) throws -> LeanRuntime {
        guard let level = ArgoLogHandler.parseLevel(flags.level) else {
            throw FatalError("invalid --loglevel \"\(flags.level)\": expected debug, info, warn or error")
        }
        guard let format = ArgoLogHandler.Format(rawValue: flags.format) else {
            throw FatalError("invalid --log-format \"\(flags.format)\": expected text or json")
        }
        let config = try ExecutorConfig(environment: environment, strict: strict)
        // docs/controllers.md, "Logs": v4's slog shapes unless the controller is v3 (its flags, or ARGOEXEC_LOG_STYLE).
        let style = config.logStyle ?? (flags.olderController ? .logrus : .slog)
        var logger = Logger(label: label) { _ in ArgoLogHandler(format: format, style: style, level: level) }
        logger.logLevel = level
        for warning in config.environmentWarnings { logger.warning("\(warning)") }
        for note in config.environmentSkipped { logger.debug("\(note) (not used by \(label))") }
        return LeanRuntime(config: config, logger: logger)
    }

    /// The termination-log path for error reporting, resolved under `ARGOEXEC_ROOT` even when the rest of the
    /// configuration failed to parse.
    public static var terminationLogPath: String {
        PodPaths(root: environment["ARGOEXEC_ROOT"] ?? "").terminationLog
    }
}

/// A start-up failure that ends the process with exit 1 and no termination message (Argo's fatal log path:
/// bad logging flags, missing `ARGO_POD_NAME`).
public struct FatalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// A failure where Argo's `CheckErr` panics (Argo's `cmd/argoexec/executor/init.go`: the template or the
/// deadline of init, wait, resource and data): the message goes to the termination log, the exit code is 2
/// (Go's for a panic).
public struct StartupPanic: Error, CustomStringConvertible {
    public let error: ExecError
    public init(_ error: ExecError) { self.error = error }
    public var description: String { error.description }
}
