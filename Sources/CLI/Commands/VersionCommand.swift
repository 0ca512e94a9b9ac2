import ArgumentParser
import Archive
import Digest
import LeanCLI
import Transport

/// `argoexec version [--short]` (Argo's `cmd/argoexec/commands/root.go`): `argoexec: <version>`, then build facts indented by two
/// spaces. Argo's `GoVersion` line becomes `SwiftVersion`; we add the Argo version we follow and the C
/// libraries linked in.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version information")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "print just the version number") var short = false

    func run() throws {
        print(VersionCommand.render(short: short), terminator: "")
    }

    static func render(short: Bool) -> String {
        BuildInfo.render(short: short, libraries: "\(CurlLibrary.version), zlib/\(ArchiveLibrary.zlibVersion), \(Digest.libraryVersion)")
    }
}
