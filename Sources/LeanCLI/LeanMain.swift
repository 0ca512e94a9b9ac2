import Archive
import Core

/// The lean binary (`argoexec-lean`, docs/build.md "Two binaries"): what main containers run, copied by init
/// to `/var/run/argo/argoexec`. It holds `emissary` (with output staging: tar, gzip), `kill` and `version`,
/// from the same modules as the full binary, and none of libcurl, OpenSSL, libgit2, libyaml, libjq, the Kubernetes
/// client or Foundation. Any other command says where the full executor is.
public enum LeanMain {
    public static let variant = "lean (emissary, kill, version)"

    public static func run(_ arguments: [String]) -> Never {
        switch arguments.first {
        case "emissary":
            guard let parsed = EmissaryLauncher.parse(arguments) else {
                EmissaryLauncher.recordFailedStart()
                usage("emissary needs [--loglevel L] [--log-format F] [--gloglevel N] -- CMD [ARGS...]")
            }
            EmissaryLauncher.run(flags: parsed.flags, command: parsed.command)
        case "kill":
            guard let (flags, positional) = split(arguments.dropFirst()), positional.count == 2 else {
                usage("kill needs SIGNUM PID (and only the logging flags)")
            }
            do {
                let runtime = try LeanRuntime.make(flags, label: "kill", strict: false)
                try SignalSender.run(signal: positional[0], pid: positional[1], runtime: runtime)
                ProcessControl.exit(0)
            } catch {
                ProcessOutcome.end(error, podCommand: true, fast: false)
            }
        case "version":
            guard let (_, positional) = split(arguments.dropFirst().filter { $0 != "--short" }), positional.isEmpty else {
                usage("version takes only --short and the logging flags")
            }
            print(BuildInfo.render(short: arguments.contains("--short"), libraries: "zlib/\(ArchiveLibrary.zlibVersion)",
                                   variant: variant), terminator: "")
            ProcessControl.exit(0)
        case nil, "help", "-h", "--help":
            print(help, terminator: "")
            ProcessControl.exit(0)
        case let other?:
            usage("unknown command \"\(other)\": this is the lean argoexec (\(variant)); the executor image's "
                  + "/bin/argoexec holds every command")
        }
    }

    static let help = """
        argoexec (lean): what a workflow's main container runs.

        Usage:
          argoexec emissary [--loglevel L] [--log-format F] [--gloglevel N] -- CMD [ARGS...]
          argoexec kill SIGNUM PID
          argoexec version [--short]

        The executor image's /bin/argoexec holds every other command.

        """

    /// The logging flags (`--name value` or `--name=value`, anywhere) and the other arguments, or nil when a
    /// flag is not a logging flag or lacks its value.
    static func split(_ arguments: ArraySlice<String>) -> (LogFlags, [String])? {
        var flagArguments: [String] = [], positional: [String] = []
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let a = arguments[i]
            if a.hasPrefix("--") {
                flagArguments.append(a)
                if !a.contains("="), i + 1 < arguments.endIndex {
                    flagArguments.append(arguments[i + 1])
                    i += 1
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
        guard let flags = LogFlags.parse(flagArguments[...]) else { return nil }
        return (flags, positional)
    }

    /// A usage error: swift-argument-parser's exit code (64), the message on stderr.
    static func usage(_ message: String) -> Never {
        StandardError.print("Error: \(message)\n\n" + help)
        ProcessControl.exit(64)
    }
}
