import Core

/// Splits a watch stream (one JSON event per line, the API server's streaming JSON form) into lines as the bytes
/// arrive and hands each to `onLine`. A line longer than `limit` (a task set is at most a few MiB in etcd) is an
/// error instead of unbounded memory. `onLine` ends the stream by throwing; `stopped` tells that apart from
/// a transfer failure.
final class WatchLineSink: ByteSink {
    private var pending: [UInt8] = []
    private let limit: Int
    private let onLine: ([UInt8]) throws(ExecError) -> Bool
    /// Set when `onLine` asked to stop (the task set was deleted or completed).
    private(set) var stopped = false
    /// Complete events seen on this stream: a stream that delivered some before it broke resumes without backoff.
    private(set) var events = 0

    /// `onLine` returns false to stop the watch.
    init(limit: Int = 16 << 20, onLine: @escaping ([UInt8]) throws(ExecError) -> Bool) {
        self.limit = limit
        self.onLine = onLine
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        guard !stopped else { throw Self.stop }
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            pending.append(contentsOf: bytes[start..<i])
            start = i + 1
            let line = pending
            pending = []
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            events += 1
            if try !onLine(line) {
                stopped = true
                throw Self.stop
            }
        }
        pending.append(contentsOf: bytes[start...])
        guard pending.count <= limit else {
            throw ExecError(.internal, "watch event larger than \(limit) bytes")
        }
    }

    func finish() throws(ExecError) {}

    /// What the sink throws to abort the transfer once the agent is done; never reported.
    static let stop = ExecError(.internal, "watch stopped", reason: "AgentStop")
}
