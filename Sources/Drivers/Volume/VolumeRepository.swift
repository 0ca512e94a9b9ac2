import Core
import ModelBase

/// Whole-repository operations of the volume repository: listing and deleting (GC).
public struct VolumeRepository: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// Keys of regular files under `prefix` (relative to the root), sorted, with sizes; symlinks are
    /// neither listed nor followed, temporary names of writes in progress are left out.
    public func list(prefix: String) throws(ExecError) -> [(key: String, size: Int64)] {
        let dir = try DirectoryHandle.open(root)
        var out: [(key: String, size: Int64)] = []
        try TreeWalk.walk(dir) { (node) throws(ExecError) -> Bool in
            guard let key = node.relative.string else { return false }
            let name = node.name.description
            if name.hasPrefix(".") && name.contains(text: ".argo-") || name.hasPrefix(".argoexec-") { return false }
            switch node.info.kind {
            case .regular where key.hasPrefix(prefix):
                out.append((key, node.info.size))
                return false
            case .directory:
                return key.hasPrefix(prefix) || prefix.hasPrefix(key + "/")
            default:
                return false
            }
        }
        return out
    }

    /// Deletes the file or tree at `key`; a missing key is success (idempotent GC).
    public func delete(key: String) throws(ExecError) {
        try VolumeStore(root: root, key: key).delete()
    }
}
