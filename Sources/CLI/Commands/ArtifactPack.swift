import ArgumentParser
import Archive
import Core

/// `argoexec artifact pack SRC OUT`: the executor's output archiving, by hand.
struct ArtifactPack: ParsableCommand {
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

    func run() throws {
        let runtime = try CommandRuntime.make(global, label: "artifact")
        InterruptCleanup.install()
        let local = try LocalSource.open(source)
        let (level, threads, zip) = (level, threads, format == "zip")
        try Destination.path(output).writeFile { (sink) throws(ExecError) in
            if zip {
                try Packer.zip(source: local, to: sink, level: level)
            } else {
                try Packer.tarGz(source: local, to: sink, level: level, threads: threads)
            }
        }
        runtime.logger.info("packed", metadata: ["source": "\(source)", "output": "\(output)"])
    }
}
