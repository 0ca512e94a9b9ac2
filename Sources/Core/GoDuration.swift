/// Go's `time.ParseDuration`, used for `ARGO_PROGRESS_*_TICK_DURATION`, `EXECUTOR_RETRY_BACKOFF_DURATION`,
/// `containerSet.retryStrategy.duration` and friends: `300ms`, `1m0s`, `-1.5h`, `2h45m`; `0` alone is allowed.
public enum GoDuration {
    static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// The duration, or nil when `text` is not a Go duration.
    public static func parse(_ text: String) -> Duration? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return .zero }
        if s.isEmpty { return nil }
        var nanos: Double = 0
        while !s.isEmpty {
            let numberEnd = s.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? s.endIndex
            let number = s[..<numberEnd]
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            s = s[numberEnd...]
            let unitEnd = s.firstIndex(where: { $0.isASCII && ($0.isNumber || $0 == ".") }) ?? s.endIndex
            let unit = String(s[..<unitEnd])
            guard let scale = units.first(where: { $0.0 == unit })?.1 else { return nil }
            nanos += value * scale
            s = s[unitEnd...]
        }
        guard nanos <= Double(Int64.max) else { return nil }
        let whole = Int64(nanos.rounded())
        let d = Duration.nanoseconds(whole)
        return negative ? .zero - d : d
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
