import ArgumentParser

/// `argoexec artifact ls --repo F [PREFIX]`: size and key of each object under the prefix.
struct ArtifactList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the keys under a prefix")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var repository: ArtifactCommand.RepositoryOptions
    @Argument(help: "Key prefix to list.") var prefix: String?

    func run() throws {
        let runtime = try CommandRuntime.make(global, label: "artifact")
        let context = try RepositoryContext(options: repository, global: global, config: runtime.config, logger: runtime.logger)
        for object in try context.list(prefix: prefix ?? "") { print("\(object.size)\t\(object.key)") }
    }
}

/// `argoexec artifact rm --repo F --key K`: a key ending in `/` deletes the prefix.
struct ArtifactRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an artifact (a key ending in / deletes a prefix)")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var repository: ArtifactCommand.RepositoryOptions
    @Option(help: "The artifact's key in the repository.") var key: String

    func run() throws {
        let runtime = try CommandRuntime.make(global, label: "artifact")
        let context = try RepositoryContext(options: repository, global: global, config: runtime.config, logger: runtime.logger)
        try context.delete(key: key)
        runtime.logger.info("deleted", metadata: ["key": "\(key)"])
    }
}
