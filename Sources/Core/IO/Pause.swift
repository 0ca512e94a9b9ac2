#if canImport(Glibc)
import Glibc
#endif

/// Blocking sleeps for threads that are not in Swift concurrency (Dispatch workers, monitor threads),
/// resumed after signal interruptions so the full time passes.
public enum Pause {
    public static func sleep(_ duration: Duration) {
        guard duration > .zero else { return }
        let c = duration.components
        var wanted = timespec(tv_sec: Int(c.seconds), tv_nsec: Int(c.attoseconds / 1_000_000_000))
        var left = timespec()
        while nanosleep(&wanted, &left) != 0 && errno == EINTR { wanted = left }
    }

    /// Seconds as a Double (NaN or negative: no sleep; past Int64 nanoseconds: capped, never a trap).
    public static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        sleep(.nanoseconds(seconds >= 9.2e9 ? Int64.max : Int64(seconds * 1e9)))
    }
}
