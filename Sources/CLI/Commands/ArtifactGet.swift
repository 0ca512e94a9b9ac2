import ArgumentParser
import Core
import Executor

/// `argoexec artifact get --repo F --key K DEST [--unpack]`: a download through the executor's own path.
struct ArtifactGet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Download an artifact from a repository")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var repository: ArtifactCommand.RepositoryOptions
    @Option(help: "The artifact's key in the repository (for a git location: the revision; empty keeps the file's).") var key: String
    @Flag(help: "Unpack a tar.gz (or zip) artifact into DEST.") var unpack = false
    @Argument(help: "Where to write the artifact.") var destination: String

    func run() throws {
        let runtime = try CommandRuntime.make(global, label: "artifact")
        InterruptCleanup.install()
        let context = try RepositoryContext(options: repository, global: global, config: runtime.config, logger: runtime.logger)
        let progress = ProgressDisplay(upload: false)
        defer { progress.finish() }
        let target = try Destination.path(destination, createParents: 0o755)
        if unpack {
            try StreamedUnpack.auto(from: context.store(key: key), label: "key \(key)", to: target)
        } else {
            try context.store(key: key).load(to: target)
        }
        runtime.logger.info("downloaded", metadata: ["key": "\(key)", "destination": "\(destination)"])
    }
}
