#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The temporary files and trees being written right now, so that an interrupted command (`argoexec
/// artifact get` stopped with Ctrl-C) removes them instead of leaving `.argoexec-<pid>-<n>.tmp` behind: the CLI's signal thread calls `removeAll` before exiting.
public enum TemporaryNames {
    private static let live = Mutex<[Int: (DirectoryHandle, RawPath)]>([:])
    private static let counter = Atomic<Int>(0)
    private static let aborting = Atomic<Bool>(false)

    /// A short hidden name (`.argoexec-<pid>-<n>-<random>.<suffix>`) for a temporary sibling of `name`:
    /// short so a target name of 255 bytes still has one, hidden so listings of a volume pass over it,
    /// random so nobody can plant it in advance (it is also created exclusively).
    public static func make(for name: RawPath, suffix: String = "tmp") -> RawPath {
        let n = counter.add(1, ordering: .relaxed).newValue
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return RawPath(".argoexec-\(getpid())-\(n)-\(random).\(suffix)")
    }

    /// Remembers `name` in `dir` as being written; returns the registration to release.
    public static func register(_ dir: DirectoryHandle, _ name: RawPath) -> Int {
        let id = counter.add(1, ordering: .relaxed).newValue
        live.withLock { $0[id] = (dir, name) }
        return id
    }

    /// Forgets a registration; with `removing`, first removes the name if it is still there (after a
    /// rename it is not, and nothing happens). Removing before forgetting keeps `abortAll` waiting while
    /// a writer is still deleting its own tree.
    public static func release(_ id: Int, removing: Bool) {
        if removing, let (dir, name) = live.withLock({ $0[id] }) { try? dir.removeTree(name) }
        _ = live.withLock { $0.removeValue(forKey: id) }
    }

    /// True once `abortAll` has begun (the process is ending on a signal).
    public static var isAborting: Bool { aborting.load(ordering: .relaxed) }

    /// Makes every write in progress fail at its next chunk (`checkNotAborted`), so workers stop adding to
    /// what is about to be removed; then waits (at most `timeout`) for them to unwind and remove their own
    /// temporary names, and removes whatever is still registered.
    public static func abortAll(timeout: Duration = .seconds(3)) {
        aborting.store(true, ordering: .relaxed)
        let deadline = UTCTime.now().adding(timeout)
        while live.withLock({ !$0.isEmpty }) && UTCTime.now().seconds(until: deadline) > 0 { Pause.sleep(.milliseconds(20)) }
        removeAll()
    }

    /// Throws once `abortAll` has begun: writers call it per chunk or per entry.
    public static func checkNotAborted() throws(ExecError) {
        if aborting.load(ordering: .relaxed) { throw ExecError(.internal, "interrupted") }
    }

    /// Removes every temporary name still registered.
    public static func removeAll() {
        let all = live.withLock { entries in
            defer { entries.removeAll() }
            return Array(entries.values)
        }
        for (dir, name) in all { try? dir.removeTree(name) }
    }
}
