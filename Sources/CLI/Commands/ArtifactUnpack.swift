import ArgumentParser
import Archive
import Core

/// `argoexec artifact unpack ARCHIVE DEST`: the executor's input unpacking, by hand.
struct ArtifactUnpack: ParsableCommand {
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

    func run() throws {
        let runtime = try CommandRuntime.make(global, label: "artifact")
        InterruptCleanup.install()
        let skipped = try unpack()
        for name in skipped { runtime.logger.warning("skipped entry: hard links and special files are not extracted", metadata: ["entry": "\(name)"]) }
        runtime.logger.info("unpacked", metadata: ["archive": "\(archive)", "destination": "\(destination)"])
    }

    private func unpack() throws(ExecError) -> [String] {
        let target = try Destination.path(destination, createParents: 0o755)
        let limits = Unpacker.Limits(maxBytes: maxBytes)
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
}
