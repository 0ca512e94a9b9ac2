import ArgumentParser
import Archive
import Core

/// `argoexec artifact put SRC --repo F --key K [--archive tgz|zip|none]`: packed straight into the upload.
struct ArtifactPut: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "put", abstract: "Upload a file or directory to a repository")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var repository: ArtifactCommand.RepositoryOptions
    @Option(help: "The artifact's key in the repository.") var key: String
    @Option(help: "How to archive: tgz, zip or none.") var archive = "tgz"
    @Argument(help: "The file or directory to upload.") var source: String

    func run() throws {
        let runtime = try CommandRuntime.make(global, label: "artifact")
        InterruptCleanup.install()
        guard ["tgz", "zip", "none"].contains(archive) else { throw ExecError(.badRequest, "--archive must be tgz, zip or none") }
        let context = try RepositoryContext(options: repository, global: global, config: runtime.config, logger: runtime.logger)
        let progress = ProgressDisplay(upload: true)
        defer { progress.finish() }
        let store = try context.store(key: key)
        let local = try LocalSource.open(source)
        if archive == "none" {
            try store.save(local)
        } else {
            // Packed straight into the upload: no temporary archive on disk.
            let zip = archive == "zip"
            try store.saveStream { (sink) throws(ExecError) in
                if zip { try Packer.zip(source: local, to: sink) } else { try Packer.tarGz(source: local, to: sink) }
            }
        }
        runtime.logger.info("uploaded", metadata: ["key": "\(key)", "source": "\(source)"])
    }
}
