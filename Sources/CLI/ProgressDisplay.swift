import Core
import Synchronization
import Transport

/// The debugging commands' progress line on a terminal: bytes moved and the rate, redrawn four times a
/// second on stderr. Nothing is drawn when stderr is not a terminal (pods, pipes, CI logs).
final class ProgressDisplay: Sendable {
    private let enabled: Bool
    private let running = Atomic<Bool>(true)

    /// `upload` picks the sent counter, else the received one.
    init(upload: Bool, enabled: Bool = StandardError.isTerminal) {
        self.enabled = enabled
        guard enabled else { return }
        let start = UTCTime.now()
        // Best effort: without a thread there is simply no progress line.
        try? DetachedThread.start { [self] in
            while running.load(ordering: .relaxed) {
                Pause.sleep(.milliseconds(250))
                guard running.load(ordering: .relaxed) else { return }
                let bytes = upload ? TransferMeter.sent : TransferMeter.received
                let seconds = max(start.seconds(until: .now()), 0.001)
                Self.draw("\r\(upload ? "sent" : "received") \(Self.size(Double(bytes)))  \(Self.size(Double(bytes) / seconds))/s   ")
            }
        }
    }

    /// Stops redrawing and ends the line.
    func finish() {
        guard enabled else { return }
        running.store(false, ordering: .relaxed)
        Self.draw("\n")
    }

    static func size(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = bytes
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    private static func draw(_ text: String) { StandardError.write(text) }
}
