#if canImport(Glibc)
import Glibc
#endif

/// A mutex with a condition variable (pthread, on the monotonic clock), for threads that wait for work or a
/// deadline. Foundation's `NSCondition` would do the same and pull the whole of Foundation (ICU's data included:
/// 40 MiB) into the static binary, which links only FoundationEssentials.
/// `@unchecked`: the pthread objects are used only through these calls, which pthread makes thread-safe.
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(cond, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    public func signal() { pthread_cond_signal(cond) }
    public func broadcast() { pthread_cond_broadcast(cond) }

    /// Waits for a signal (the lock held); may wake spuriously, so callers re-check their predicate.
    public func wait() { pthread_cond_wait(cond, mutex) }

    /// Waits for a signal until `deadline` (the lock held): false once the deadline has passed.
    @discardableResult
    public func wait(until deadline: ContinuousClock.Instant) -> Bool {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return false }
        let (seconds, attoseconds) = min(left, .seconds(86_400)).components
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanoseconds = Int64(now.tv_nsec) + attoseconds / 1_000_000_000
        var at = timespec(tv_sec: now.tv_sec + Int(seconds + nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        return pthread_cond_timedwait(cond, mutex, &at) != ETIMEDOUT
    }
}
