/// Go's `time.ParseDuration`, used for `ARGO_PROGRESS_*_TICK_DURATION`, `EXECUTOR_RETRY_BACKOFF_DURATION`,
/// `containerSet.retryStrategy.duration` and friends: `300ms`, `1m0s`, `-1.5h`, `2h45m`; `0` alone is allowed.
/// Go's algorithm is followed step by step on unsigned 64-bit integers (fractions through a float64, as Go
/// does), so the accepted range is exactly Go's: -9223372036854775808ns ... 9223372036854775807ns. A value
/// outside it is Go's `time: invalid duration` error, never a trap.
public enum GoDuration {
    /// Nanoseconds per unit: Go's `unitMap` (both micro signs).
    static let units: [(String, UInt64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// 1<<63: the magnitude of the most negative duration, the bound Go checks every step against.
    private static let limit: UInt64 = 1 << 63

    /// The duration, or nil when `text` is not a Go duration (or is out of Go's range).
    public static func parse(_ text: String) -> Duration? { try? parsing(text) }

    /// The duration, or Go's error text (`time: invalid duration "9999999999999h"`, `time: missing unit in
    /// duration "1"`, `time: unknown unit "x" in duration "1x"`).
    public static func parsing(_ text: String) throws(ExecError) -> Duration {
        let invalid = ExecError(.badRequest, "time: invalid duration " + quote(text))
        var s = Array(text.utf8)[...]
        var negative = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return .zero }
        if s.isEmpty { throw invalid }
        var total: UInt64 = 0
        while let first = s.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { throw invalid }
            let before = s.count
            guard let whole = leadingInt(&s) else { throw invalid }
            let hadWhole = s.count != before
            var fraction: UInt64 = 0
            var scale: Double = 1
            var hadFraction = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                let start = s.count
                (fraction, scale) = leadingFraction(&s)
                hadFraction = s.count != start
            }
            guard hadWhole || hadFraction else { throw invalid }  // ".s", "-.s"
            let unitEnd = s.firstIndex { $0 == UInt8(ascii: ".") || isDigit($0) } ?? s.endIndex
            let unitBytes = s[..<unitEnd]
            s = s[unitEnd...]
            guard !unitBytes.isEmpty else { throw ExecError(.badRequest, "time: missing unit in duration " + quote(text)) }
            let unitName = String(decoding: unitBytes, as: UTF8.self)
            guard let unit = units.first(where: { $0.0 == unitName })?.1 else {
                throw ExecError(.badRequest, "time: unknown unit " + quote(unitName) + " in duration " + quote(text))
            }
            // Each check is Go's: the multiplication, the fraction and the running sum may not pass 1<<63.
            guard whole <= limit / unit else { throw invalid }
            var value = whole * unit
            if fraction > 0 {
                // At most 3.6e12 (a fraction of an hour), so the conversion back to an integer cannot trap.
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= limit else { throw invalid }
            }
            total += value  // both <= 1<<63: no overflow in 64 unsigned bits
            guard total <= limit else { throw invalid }
        }
        if negative { return .nanoseconds(0 &- Int64(bitPattern: total)) }  // 1<<63 is Int64.min itself
        guard total < limit else { throw invalid }
        return .nanoseconds(Int64(total))
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Go's `leadingInt`: the leading digits; nil when they pass 1<<63.
    private static func leadingInt(_ s: inout ArraySlice<UInt8>) -> UInt64? {
        var x: UInt64 = 0
        while let c = s.first, isDigit(c) {
            guard x <= limit / 10 else { return nil }
            x = x * 10 + UInt64(c - UInt8(ascii: "0"))
            guard x <= limit else { return nil }
            s = s.dropFirst()
        }
        return x
    }

    /// Go's `leadingFraction`: digits after the point; past 63 bits of precision they are read and dropped.
    private static func leadingFraction(_ s: inout ArraySlice<UInt8>) -> (UInt64, Double) {
        var x: UInt64 = 0
        var scale: Double = 1
        var overflow = false
        while let c = s.first, isDigit(c) {
            s = s.dropFirst()
            if overflow { continue }
            guard x <= (limit - 1) / 10 else { overflow = true; continue }
            let y = x * 10 + UInt64(c - UInt8(ascii: "0"))
            guard y <= limit else { overflow = true; continue }
            x = y
            scale *= 10
        }
        return (x, scale)
    }

    private static func quote(_ s: String) -> String { "\"" + s + "\"" }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
