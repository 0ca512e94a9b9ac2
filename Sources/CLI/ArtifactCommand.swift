import ArgumentParser
import Core

/// `argoexec artifact ...`: Argo's `delete` (artifact GC, executor.md §8.4) plus our debugging tools that
/// run exactly the executor's code paths by hand.
struct ArtifactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact", abstract: "Artifact garbage collection and debugging tools",
        subcommands: [Delete.self, Get.self, Put.self, List.self, Remove.self, Pack.self, Unpack.self])

    /// Options shared by the repository-backed debugging commands.
    struct RepositoryOptions: ParsableArguments {
        @Option(help: "Artifact repository file (JSON or YAML, as in the artifact-repositories ConfigMap).") var repo: String
        @Option(name: .customLong("secrets-dir"), help: "Where secrets are mounted as <name>/<key> files.") var secretsDir = "/argo/secret"
    }

    struct Delete: AsyncParsableCommand, PodCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete the artifacts of a GC pod's WorkflowArtifactGCTasks")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact delete")
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Download an artifact from a repository")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var repository: RepositoryOptions
        @Option(help: "The artifact's key in the repository.") var key: String
        @Flag(help: "Unpack a tar.gz (or zip) artifact into DEST.") var unpack = false
        @Argument(help: "Where to write the artifact.") var destination: String
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact get")
        }
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "put", abstract: "Upload a file or directory to a repository")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var repository: RepositoryOptions
        @Option(help: "The artifact's key in the repository.") var key: String
        @Option(help: "How to archive: tgz, zip or none.") var archive = "tgz"
        @Argument(help: "The file or directory to upload.") var source: String
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact put")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the keys under a prefix")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var repository: RepositoryOptions
        @Argument(help: "Key prefix to list.") var prefix: String?
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact ls")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an artifact (a key ending in / deletes a prefix)")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var repository: RepositoryOptions
        @Option(help: "The artifact's key in the repository.") var key: String
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact rm")
        }
    }

    struct Pack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pack", abstract: "Archive a file or directory the way outputs are archived")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Archive format: tgz or zip.") var format = "tgz"
        @Option(help: "gzip level, 0-9, or -1 for the default (6).") var level = -1
        @Argument(help: "The file or directory to archive.") var source: String
        @Argument(help: "The archive to write.") var output: String
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact pack")
        }
    }

    struct Unpack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unpack", abstract: "Unpack an archive the way inputs are unpacked")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Archive format: auto, tgz or zip.") var format = "auto"
        @Argument(help: "The archive to read.") var archive: String
        @Argument(help: "Where to put its contents.") var destination: String
        func run() async throws {
            _ = try CommandRuntime.make(global, label: "artifact")
            throw notImplemented("artifact unpack")
        }
    }
}
