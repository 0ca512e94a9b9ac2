import Core

/// An input artifact's `mode` / `recurseMode` (Argo: `workflow/executor/executor.go` `loadArtifact`, `chmod`): chmod the target, and with
/// `recursive` every file and directory beneath it. Only the permission bits are used, as Go's
/// `os.FileMode` gives Argo (`mode: 3565` is 0755, never setuid). Links are never followed: not the target
/// itself, not anything below it.
public enum FileModes {
    public static func apply(_ mode: UInt32, to target: Destination, recursive: Bool) throws(ExecError) {
        let bits = mode & 0o777
        guard let info = try target.info() else {
            throw ExecError(.notFound, "chmod \(target.label): no such file or directory", context: ["path": target.label])
        }
        guard info.kind != .symlink else { return }
        guard recursive, info.kind == .directory else { return try target.parent.setMode(target.name, bits) }
        let dir = try target.parent.openDirectory(target.name)
        try target.parent.setMode(target.name, bits)
        try TreeWalk.walk(dir) { (node) throws(ExecError) -> Bool in
            if node.info.kind != .symlink { try node.parent.setMode(node.name, bits) }
            return true
        }
    }
}

extension FileModes {
    /// For a path this process trusts (tests, the command line).
    public static func apply(_ mode: UInt32, to path: String, recursive: Bool) throws(ExecError) {
        try apply(mode, to: try Destination.path(path), recursive: recursive)
    }
}
