import ArgumentParser
import Archive
internal import CBuildInfo
import Digest
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
        var out = "argoexec: \(BuildInfo.version)\n"
        if short { return out }
        let tag = BuildInfo.gitTag
        let lines: [(String, String)] = [
            ("BuildDate", BuildInfo.buildDate), ("GitCommit", BuildInfo.gitCommit),
            ("GitTreeState", BuildInfo.gitTreeState), ("GitTag", tag), ("SwiftVersion", BuildInfo.swiftVersion),
            ("Compiler", "swiftc"), ("Platform", BuildInfo.platform), ("ArgoCompatibility", BuildInfo.argoVersion),
            ("Libraries", BuildInfo.libraries),
        ]
        for (key, value) in lines where !(key == "GitTag" && value.isEmpty) {
            out += "  \(key): \(value)\n"
        }
        return out
    }
}

/// Version and build facts.
enum BuildInfo {
    /// Our release version.
    static let version = "v0.1.0"
    /// The Argo Workflows executor behaviour this build follows.
    static let argoVersion = "v4.1.2"

    static var gitCommit: String { String(cString: argoexec_build_git_commit()) }
    static var gitTreeState: String { String(cString: argoexec_build_git_tree_state()) }
    static var gitTag: String { String(cString: argoexec_build_git_tag()) }
    static var buildDate: String { String(cString: argoexec_build_date()) }
    static var swiftVersion: String { String(cString: argoexec_build_swift_version()) }

    static var platform: String {
        #if arch(x86_64)
        let arch = "amd64"
        #elseif arch(arm64)
        let arch = "arm64"
        #else
        let arch = "unknown"
        #endif
        #if os(Linux)
        return "linux/" + arch
        #else
        return "darwin/" + arch
        #endif
    }

    static var libraries: String {
        "\(CurlLibrary.version), zlib/\(ArchiveLibrary.zlibVersion), \(Digest.libraryVersion)"
    }
}
