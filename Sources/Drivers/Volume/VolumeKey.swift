import Core
import Model

/// A key of the volume repository, checked and walked below the root (docs/artifacts.md, "The volume repository"):
/// relative, non-empty, `/`-separated, no `.`/`..`/empty segments, no NUL. The walk is the one anchored
/// walker with links refused, so a symlink planted in the volume can never lead a read or a write outside
/// the root.
struct VolumeKey: Sendable {
    let root: String
    let key: String
    let relative: RawPath

    init(root: String, key: String) throws(ExecError) {
        let trimmed = PathRules.trimmingTrailingSlashes(key)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), !trimmed.utf8.contains(0) else {
            throw ExecError(.badRequest, "volume key \"\(key)\" must be a non-empty relative path")
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw ExecError(.badRequest, "volume key \"\(key)\" may not contain empty, \".\" or \"..\" segments")
        }
        self.root = root
        self.key = trimmed
        relative = RawPath(trimmed)
    }

    var path: String { root + "/" + key }

    func openRoot() throws(ExecError) -> DirectoryHandle {
        do {
            return try DirectoryHandle.open(root)
        } catch where error.code == .notFound {
            throw ExecError(.notFound, "volume repository root \(root) does not exist")
        }
    }

    /// The key as a destination: its directory (made when `create`, 0755) and its last segment. A link or
    /// a file on the way is an error, never followed; a missing directory is NotFound.
    func destination(create: Bool) throws(ExecError) -> Destination {
        do {
            let (parent, name) = try openRoot().walkToParent(of: relative, symlinks: .refuse, create: create ? 0o755 : nil)
            return Destination(parent: parent, name: name, label: path)
        } catch where error.code == .notFound {
            throw ExecError(.notFound, "\(path): no such file or directory")
        }
    }
}
