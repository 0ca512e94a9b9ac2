import Synchronization

/// The regions of buckets looked up with GetBucketLocation, for the whole process (minio-go keeps one cache
/// per client, `bucket-cache.go`, and Argo makes a client per artifact, so a pod asked once per artifact;
/// we ask once per endpoint and bucket). Lookups of one key are single-flight: drivers made in parallel
/// (wait saves four artifacts at once) wait for the first lookup instead of each making their own.
/// Callers run on Dispatch threads (docs/conventions.md rule 7), so blocking on a lookup in flight is fine.
public final class BucketRegionCache: Sendable {
    public static let shared = BucketRegionCache()

    /// One key's slot; its lock is held while the key is being looked up.
    private final class Slot: Sendable {
        let region = Mutex<String?>(nil)
    }

    private let slots = Mutex<[String: Slot]>([:])

    public init() {}

    /// The key of `bucket` on an endpoint: scheme, endpoint and bucket.
    public static func key(_ addressing: S3Addressing, bucket: String) -> String {
        "\(addressing.scheme)://\(addressing.authority)/\(bucket)"
    }

    public func region(for key: String) -> String? {
        slot(key).region.withLock { $0 }
    }

    /// Records a region learnt otherwise: a region-mismatch answer, a bucket just created.
    public func store(_ region: String, for key: String) {
        slot(key).region.withLock { $0 = region }
    }

    /// The cached region of `key`, else the result of `lookup`, cached when `lookup` says it is definitive.
    /// Concurrent callers for the same key run at most one lookup at a time.
    public func resolve(_ key: String, lookup: () -> (region: String, definitive: Bool)) -> String {
        slot(key).region.withLock { cached in
            if let cached { return cached }
            let found = lookup()
            if found.definitive { cached = found.region }
            return found.region
        }
    }

    /// Forgets every region (tests).
    public func removeAll() {
        slots.withLock { $0.removeAll() }
    }

    private func slot(_ key: String) -> Slot {
        slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
    }
}
