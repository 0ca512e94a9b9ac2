internal import CCurl
import Synchronization

/// Idle curl easy handles kept for reuse. A handle keeps its connection cache, DNS cache and TLS sessions
/// across `curl_easy_reset`, so consecutive requests to the same server (parts, tree uploads, API calls)
/// reuse warm connections. At most `capacity` idle handles are kept; each is used by one exchange at a time.
enum HandlePool {
    static let capacity = 32
    // Raw pointers are not Sendable; the pool only stores them while no exchange owns them.
    private static let idle = Mutex<[UInt]>([])

    static func take() -> UnsafeMutableRawPointer? {
        if let bits = idle.withLock({ $0.popLast() }), let handle = UnsafeMutableRawPointer(bitPattern: bits) {
            curl_easy_reset(handle)
            return handle
        }
        return curl_easy_init()
    }

    /// Returns a handle whose transfer finished; a handle that failed mid-transfer is simply cleaned up
    /// (its connection state is suspect).
    static func give(_ handle: UnsafeMutableRawPointer, reusable: Bool) {
        let kept = reusable && idle.withLock { pool -> Bool in
            guard pool.count < capacity else { return false }
            pool.append(UInt(bitPattern: handle))
            return true
        }
        if !kept { curl_easy_cleanup(handle) }
    }
}
