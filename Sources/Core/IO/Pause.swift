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

    public static func sleep(seconds: Double) { sleep(.nanoseconds(Int64(max(0, seconds) * 1e9))) }
}
