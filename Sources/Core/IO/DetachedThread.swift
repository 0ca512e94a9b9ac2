#if canImport(Glibc)
import Glibc
#endif

/// A detached POSIX thread for a blocking loop (a pipe copier, the signal relay, a monitor): Dispatch's pool
/// is for short work, and the emissary starts no Dispatch threads at all (docs/threading.md).
public enum DetachedThread {
    /// Starts `body` on a new thread. A failed `pthread_create` (thread or memory limits) is an error the
    /// caller must handle, never a loop that silently does not run.
    public static func start(_ body: @escaping @Sendable () -> Void) throws(ExecError) {
        // One retained box carries the closure across the C boundary; the thread releases it.
        final class Box: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw ExecError(.internal, "pthread_create: \(SystemError(rc))")
        }
        pthread_detach(thread)
    }
}
