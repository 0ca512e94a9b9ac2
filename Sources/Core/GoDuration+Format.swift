/// Formatting, the other way round from parsing (Go's `time.Duration.String`).
extension GoDuration {
    /// Go's `time.Duration.String` ("0s", "500ms", "1.5s", "1m30s", "2h0m0s"): for messages and logs that
    /// read as Argo's do (the supervisor's 30 s, the agent's `requeueTime`); Swift's own "1.0 seconds" is not
    /// what anyone grepping Argo's output looks for.
    public static func format(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        // Go's Duration is int64 nanoseconds: clamp what does not fit.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        let nanoseconds = overflow || overflow2 ? (seconds < 0 ? Int64.min : Int64.max) : total
        let sign = nanoseconds < 0 ? "-" : ""
        let u = nanoseconds.magnitude
        if u == 0 { return "0s" }
        if u < 1_000_000_000 {  // under a second: the largest unit below it, with a fraction
            let (unit, precision): (String, Int) = u < 1_000 ? ("ns", 0) : u < 1_000_000 ? ("µs", 3) : ("ms", 6)
            return sign + fraction(u, precision) + unit
        }
        var text = fraction(u % 60_000_000_000, 9) + "s"
        let minutes = u / 60_000_000_000
        if minutes > 0 {
            text = "\(minutes % 60)m" + text
            if minutes >= 60 { text = "\(minutes / 60)h" + text }
        }
        return sign + text
    }

    /// `v / 10^precision` with its fraction's trailing zeros (and a bare point) left out, as Go's fmtFrac.
    private static func fraction(_ v: UInt64, _ precision: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<precision { scale *= 10 }
        let whole = v / scale
        var digits = String(v % scale)
        guard digits != "0" else { return String(whole) }
        digits = String(repeating: "0", count: precision - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
