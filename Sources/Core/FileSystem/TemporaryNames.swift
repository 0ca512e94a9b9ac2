#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The temporary files and trees being written right now, so that an interrupted command (`argoexec
/// artifact get` stopped with Ctrl-C) removes them instead of leaving `.argoexec-<pid>-<n>.tmp` behind: the CLI's signal thread calls `removeAll` before exiting.
public enum TemporaryNames {
    private static let live = Mutex<[Int: (DirectoryHandle, RawPath)]>([:])
    private static let counter = Atomic<Int>(0)

    /// A short hidden name (`.argoexec-<pid>-<n>.<suffix>`) for a temporary sibling of `name`: short so a
    /// target name of 255 bytes still has one, hidden so listings of a volume pass over it.
    public static func make(for name: RawPath, suffix: String = "tmp") -> RawPath {
        let n = counter.add(1, ordering: .relaxed).newValue
        return RawPath(".argoexec-\(getpid())-\(n).\(suffix)")
    }

    /// Remembers `name` in `dir` as being written; returns the registration to release.
    public static func register(_ dir: DirectoryHandle, _ name: RawPath) -> Int {
        let id = counter.add(1, ordering: .relaxed).newValue
        live.withLock { $0[id] = (dir, name) }
        return id
    }

    /// Forgets a registration; with `removing`, removes the name if it is still there (after a rename it
    /// is not, and nothing happens).
    public static func release(_ id: Int, removing: Bool) {
        guard let (dir, name) = live.withLock({ $0.removeValue(forKey: id) }) else { return }
        if removing { try? dir.removeTree(name) }
    }

    /// Removes every temporary name still registered (called once, when the process is interrupted).
    public static func removeAll() {
        let all = live.withLock { entries in
            defer { entries.removeAll() }
            return Array(entries.values)
        }
        for (dir, name) in all { try? dir.removeTree(name) }
    }
}
