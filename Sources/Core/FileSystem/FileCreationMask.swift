#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The process umask as it was at start-up (`capture`, called by the CLI before any thread exists and
/// before a command changes it): archive modes go through it, as Go's `OpenFile` and `MkdirAll` apply it
/// to Argo's files. 022 until captured.
public enum FileCreationMask {
    private static let mask = Atomic<UInt32>(0o022)

    public static var value: UInt32 { mask.load(ordering: .relaxed) }

    /// Sets the process umask to 0 (so modes are exactly as asked) and returns the previous one.
    @discardableResult
    public static func clear() -> UInt32 { UInt32(umask(0)) }

    /// Puts back a umask returned by `clear`.
    public static func restore(_ previous: UInt32) { umask(mode_t(previous)) }

    /// Reads the umask (setting it and putting it back: only safe while single-threaded).
    public static func capture() {
        let current = umask(0o022)
        umask(current)
        mask.store(UInt32(current) & 0o777, ordering: .relaxed)
    }
}
