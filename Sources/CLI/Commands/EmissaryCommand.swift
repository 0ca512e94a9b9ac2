import ArgumentParser
import Core
import Executor
import Model

/// `argoexec emissary -- CMD ARGS...`: wraps a user container's process (Argo's `cmd/argoexec/commands/emissary.go`). Exits with the
/// child's code (128+signal when killed); its own failures exit 64 with the message in the termination log.
/// Always run through `Argoexec.runEmissaryIfRequested`, synchronously on the main thread.
struct EmissaryCommand: ParsableCommand, PodCommand {
    static let configuration = CommandConfiguration(commandName: "emissary", abstract: "Run a container's command, capturing its output and exit code")
    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .postTerminator, help: "The container's command and arguments, after --.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("emissary needs the command to run after --") }
    }

    func run() throws {
        try Self.execute(try CommandRuntime.make(global, label: "emissary"), command: command)
    }

    /// The emissary wraps every container, so its start-up matters: `emissary --loglevel L --log-format F
    /// --gloglevel G -- CMD...` (the only form the controller writes) skips swift-argument-parser, whose
    /// reflection over the whole command tree costs milliseconds. Anything else returns nil and takes the
    /// normal parser (and its error messages).
    static func fastPath(_ arguments: [String]) -> (flags: LogFlags, command: [String])? {
        guard arguments.first == "emissary", let dashes = arguments.firstIndex(of: "--") else { return nil }
        var flags = LogFlags()
        var sawLevel = false, sawGlog = false
        var i = 1
        while i < dashes {
            var (name, value) = (arguments[i], nil as String?)
            if let eq = name.firstIndex(of: "=") { (name, value) = (String(name[..<eq]), String(name[name.index(after: eq)...])) }
            guard ["--loglevel", "--log-format", "--gloglevel"].contains(name) else { return nil }
            if value == nil {
                guard i + 1 < dashes else { return nil }
                value = arguments[i + 1]
                i += 1
            }
            switch name {
            case "--loglevel":
                flags.level = value ?? flags.level
                sawLevel = true
            case "--log-format":
                flags.format = value ?? flags.format
            default:
                if Int(value ?? "") == nil { return nil }
                sawGlog = true
            }
            i += 1
        }
        flags.olderController = sawLevel && !sawGlog
        let command = Array(arguments[(dashes + 1)...])
        return command.isEmpty ? nil : (flags, command)
    }

    /// Writes exit code 64 for this container from the raw environment (`ARGOEXEC_ROOT`, `ARGO_CONTAINER_NAME`),
    /// for failures before or outside `Emissary.run` (bad flags or configuration, an unreadable template).
    static func recordFailedStart() {
        let env = CommandRuntime.environment
        let files = ContainerFiles(paths: PodPaths(root: env["ARGOEXEC_ROOT"] ?? ""))
        let name = env["ARGO_CONTAINER_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "main"
        try? files.prepare(name)
        try? files.writeExitCode(name, 64)
    }

    static func execute(_ runtime: CommandRuntime, command: [String]) throws {
        let config = runtime.config
        let logger = runtime.logger
        let name = config.containerName ?? "main"
        // Signals are held from the start, before the template is even read, and relayed once it is.
        let relay = SignalRelay(logger: logger)
        let template: EmissaryTemplate
        let extra: [String]
        do {
            template = try TemplateLoader.forEmissary(config)
            extra = try TemplateLoader.containerArguments(config.containerArgsFile)
        } catch {
            // Argo's deferred write of 64 (`cmd/argoexec/commands/emissary.go`): wait must never wait for a
            // container whose emissary failed before starting it.
            recordFailedStart()
            throw error
        }
        let emissary = Emissary(config: config, template: template, name: name, extraArguments: extra,
                                searchPath: CommandRuntime.environment["PATH"], logger: logger)
        try relay.start()
        let (code, error) = emissary.run(command, relay: relay)
        if let error {
            // The exit code file keeps the child's (or a failed dependency's) code; the process exits 64.
            StandardError.print("Error: \(error.description)")
            throw ExitStatus(64, terminationMessage: error.description)
        }
        throw ExitStatus(code)
    }
}
