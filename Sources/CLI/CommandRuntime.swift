import ArgumentParser
import Core
import LeanCLI
import Logging
import Transport

/// What every command of the full binary gets before it runs: `LeanRuntime` (the configuration read once from
/// the environment, a logger built from `--loglevel` / `--log-format`) plus what networked commands need set
/// process-wide: the trust store and the transient-error pattern.
struct CommandRuntime {
    let config: ExecutorConfig
    let logger: Logger

    static var environment: [String: String] { LeanRuntime.environment }
    static var terminationLogPath: String { LeanRuntime.terminationLogPath }

    static func make(_ options: GlobalOptions, label: String, strict: Bool = true) throws -> CommandRuntime {
        try make(options.logging, label: label, strict: strict)
    }

    static func make(_ flags: LogFlags, label: String, strict: Bool = true) throws -> CommandRuntime {
        let base = try LeanRuntime.make(flags, label: label, strict: strict)
        TrustStore.configure(file: base.config.trustedCAFile, directory: base.config.trustedCADirectory)
        let (matcher, warning) = TransientErrorRegex.matcher(base.config.transientErrorPattern)
        if let warning { base.logger.warning("\(warning)") }
        TransientErrorPattern.configure(matcher)
        return CommandRuntime(config: base.config, logger: base.logger)
    }
}

/// Commands that run inside a workflow pod: their errors also go to the termination log (Argo's `cmd/argoexec/main.go`).
protocol PodCommand {}

/// Fails a subcommand that a later milestone fills in: non-zero exit, never a silent success.
func notImplemented(_ command: String) -> ExecError {
    ExecError(.notImplemented, "argoexec \(command) is not implemented yet")
}
