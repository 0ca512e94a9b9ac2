import Synchronization

/// Process-wide byte counters of every transfer body sent and received (2xx bodies and uploads), read by
/// the CLI's progress display. Atomic adds only; no transfer ever waits on a reader.
public enum TransferMeter {
    private static let sentBytes = Atomic<Int64>(0)
    private static let receivedBytes = Atomic<Int64>(0)

    public static var sent: Int64 { sentBytes.load(ordering: .relaxed) }
    public static var received: Int64 { receivedBytes.load(ordering: .relaxed) }

    static func didSend(_ n: Int) { sentBytes.add(Int64(n), ordering: .relaxed) }
    static func didReceive(_ n: Int) { receivedBytes.add(Int64(n), ordering: .relaxed) }
}
