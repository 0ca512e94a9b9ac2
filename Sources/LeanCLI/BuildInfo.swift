internal import CBuildInfo

/// Version and build facts.
public enum BuildInfo {
    /// Our release version.
    public static let version = "v0.1.0"
    /// The Argo Workflows executor behaviour this build follows.
    public static let argoVersion = "v4.1.2"

    public static var gitCommit: String { String(cString: argoexec_build_git_commit()) }
    public static var gitTreeState: String { String(cString: argoexec_build_git_tree_state()) }
    public static var gitTag: String { String(cString: argoexec_build_git_tag()) }
    public static var buildDate: String { String(cString: argoexec_build_date()) }
    public static var swiftVersion: String { String(cString: argoexec_build_swift_version()) }

    public static var platform: String {
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

    /// `argoexec: <version>`, then build facts indented by two spaces (Argo's `cmd/argoexec/commands/root.go`
    /// `version`); `variant` names a binary that holds only some commands.
    public static func render(short: Bool, libraries: String, variant: String? = nil) -> String {
        var out = "argoexec: \(version)\n"
        if short { return out }
        var lines: [(String, String)] = [
            ("BuildDate", buildDate), ("GitCommit", gitCommit), ("GitTreeState", gitTreeState), ("GitTag", gitTag),
            ("SwiftVersion", swiftVersion), ("Compiler", "swiftc"), ("Platform", platform), ("ArgoCompatibility", argoVersion),
            ("Libraries", libraries),
        ]
        if let variant { lines.append(("Variant", variant)) }
        for (key, value) in lines where !(key == "GitTag" && value.isEmpty) {
            out += "  \(key): \(value)\n"
        }
        return out
    }
}
