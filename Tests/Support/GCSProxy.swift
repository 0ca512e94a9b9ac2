import Foundation

/// `hack/gcs-proxy.py` in front of a `GCSServer`: records every request (with its Authorization header, to
/// prove which token the driver sent: fake-gcs-server checks none), injects faults by a schedule, and
/// completes the resumable-upload protocol fake-gcs-server lacks (status queries, re-sent chunks).
public final class GCSProxy {
    private let script: LoopbackScript
    public var endpoint: String { "http://127.0.0.1:\(script.port)" }

    public init(upstream: GCSServer) throws {
        script = try LoopbackScript("gcs-proxy.py", [String(upstream.port)])
    }

    /// Faults for the next requests, one per request (`ok`, `503`, `403`, `drop`, `cut`, `stall`), counted
    /// from now; `ok` after the last.
    public func schedule(_ faults: [String]) throws {
        try script.write("schedule", (faults + ["#" + UUID().uuidString]).joined(separator: ","))
    }

    /// Every request so far: method, path, authorization, range (Content-Range), get_range (Range), fault, status.
    public func requests() -> [[String: Any]] { script.requests() }
}
