import ArgumentParser
import Archive
import Core
import Executor

#if canImport(Glibc)
import Glibc
#endif

/// `argoexec artifact ...`: Argo's `delete` (artifact GC, Argo's `cmd/argoexec/commands/artifact/delete.go`) plus our debugging tools that
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
            let runtime = try CommandRuntime.make(global, label: "artifact")
            InterruptCleanup.install()
            let context = try RepositoryContext(options: repository, global: global, config: runtime.config)
            let (key, destination, unpack) = (key, destination, unpack)
            let progress = ProgressDisplay(upload: false)
            defer { progress.finish() }
            try await Blocking.run { () throws(ExecError) in
                let target = try Destination.path(destination, createParents: 0o755)
                guard unpack else { return try context.store(key: key).load(to: target) }
                try StreamedUnpack.auto(from: context.store(key: key), label: "key \(key)", to: target)
            }
            runtime.logger.info("downloaded", metadata: ["key": "\(key)", "destination": "\(destination)"])
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
            let runtime = try CommandRuntime.make(global, label: "artifact")
            InterruptCleanup.install()
            guard ["tgz", "zip", "none"].contains(archive) else { throw ExecError(.badRequest, "--archive must be tgz, zip or none") }
            let context = try RepositoryContext(options: repository, global: global, config: runtime.config)
            let (key, source, archive) = (key, source, archive)
            let progress = ProgressDisplay(upload: true)
            defer { progress.finish() }
            try await Blocking.run { () throws(ExecError) in
                let store = try context.store(key: key)
                let local = try LocalSource.open(source)
                guard archive != "none" else { return try store.save(local) }
                // Packed straight into the upload: no temporary archive on disk.
                try store.saveStream { (sink) throws(ExecError) in
                    if archive == "zip" { try Packer.zip(source: local, to: sink) } else { try Packer.tarGz(source: local, to: sink) }
                }
            }
            runtime.logger.info("uploaded", metadata: ["key": "\(key)", "source": "\(source)"])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the keys under a prefix")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var repository: RepositoryOptions
        @Argument(help: "Key prefix to list.") var prefix: String?
        func run() async throws {
            let runtime = try CommandRuntime.make(global, label: "artifact")
            let context = try RepositoryContext(options: repository, global: global, config: runtime.config)
            let prefix = prefix ?? ""
            let objects = try await Blocking.run { () throws(ExecError) in try context.list(prefix: prefix) }
            for object in objects { print("\(object.size)\t\(object.key)") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an artifact (a key ending in / deletes a prefix)")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var repository: RepositoryOptions
        @Option(help: "The artifact's key in the repository.") var key: String
        func run() async throws {
            let runtime = try CommandRuntime.make(global, label: "artifact")
            let context = try RepositoryContext(options: repository, global: global, config: runtime.config)
            let key = key
            try await Blocking.run { () throws(ExecError) in try context.delete(key: key) }
            runtime.logger.info("deleted", metadata: ["key": "\(key)"])
        }
    }

    struct Pack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pack", abstract: "Archive a file or directory the way outputs are archived")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Archive format: tgz or zip.") var format = "tgz"
        @Option(help: "gzip level, 0-9, or -1 for the default (6).") var level = -1
        @Option(help: "Compression threads (default: all cores).") var threads: Int?
        @Argument(help: "The file or directory to archive.") var source: String
        @Argument(help: "The archive to write.") var output: String

        func validate() throws {
            guard ["tgz", "zip"].contains(format) else { throw ValidationError("--format must be tgz or zip") }
            guard (-1...9).contains(level) else { throw ValidationError("--level must be -1 (default) or 0 through 9") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() async throws {
            let runtime = try CommandRuntime.make(global, label: "artifact")
            InterruptCleanup.install()
            let (source, output, level, threads, zip) = (source, output, level, threads, format == "zip")
            try await Blocking.run { () throws(ExecError) in
                let local = try LocalSource.open(source)
                try Destination.path(output).writeFile { (sink) throws(ExecError) in
                    if zip {
                        try Packer.zip(source: local, to: sink, level: level)
                    } else {
                        try Packer.tarGz(source: local, to: sink, level: level, threads: threads)
                    }
                }
            }
            runtime.logger.info("packed", metadata: ["source": "\(source)", "output": "\(output)"])
        }
    }

    struct Unpack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unpack", abstract: "Unpack an archive the way inputs are unpacked",
            discussion: "auto unpacks a gzip-compressed tar and copies anything else as a plain file, as init does.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Archive format: auto, tgz or zip.") var format = "auto"
        @Option(name: .customLong("max-bytes"), help: "Refuse archives that expand to more than this many bytes.") var maxBytes: Int64?
        @Argument(help: "The archive to read.") var archive: String
        @Argument(help: "Where to put its contents (a file or an empty directory there is replaced).") var destination: String

        func validate() throws {
            guard ["auto", "tgz", "zip"].contains(format) else { throw ValidationError("--format must be auto, tgz or zip") }
        }

        func run() async throws {
            let runtime = try CommandRuntime.make(global, label: "artifact")
            InterruptCleanup.install()
            let (archive, destination, format, limits) = (archive, destination, format, Unpacker.Limits(maxBytes: maxBytes))
            let skipped = try await Blocking.run { () throws(ExecError) -> [String] in
                let target = try Destination.path(destination, createParents: 0o755)
                switch format {
                case "tgz": return try Unpacker.unpack(archive: archive, to: target, format: .tarGz, limits: limits)
                case "zip": return try Unpacker.unpack(archive: archive, to: target, format: .zip, limits: limits)
                default:
                    if try Detection.isTarGz(archive) {
                        return try Unpacker.unpack(archive: archive, to: target, format: .tarGz, limits: limits)
                    }
                    try FileCopy.copy(from: archive, to: destination)
                    return []
                }
            }
            for name in skipped { runtime.logger.warning("skipped entry: hard links and special files are not extracted", metadata: ["entry": "\(name)"]) }
            runtime.logger.info("unpacked", metadata: ["archive": "\(archive)", "destination": "\(destination)"])
        }
    }
}
