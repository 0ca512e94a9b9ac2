#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock instant in UTC with nanosecond precision. Formatting and RFC 3339 parsing are done by hand
/// with `gmtime_r` / `timegm`: Foundation's formatters would pull ICU (+44 MB) into the static binary (docs/build.md, "The static build").
public struct UTCTime: Sendable, Hashable, Comparable {
    public var secondsSinceEpoch: Int64
    public var nanoseconds: Int32

    public init(secondsSinceEpoch: Int64, nanoseconds: Int32 = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
    }

    /// Go's zero time `0001-01-01T00:00:00Z`, which `ARGO_DEADLINE` uses for "no deadline".
    public static let goZero = UTCTime(secondsSinceEpoch: -62_135_596_800)

    public static func now() -> UTCTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UTCTime(secondsSinceEpoch: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }

    public static func < (a: UTCTime, b: UTCTime) -> Bool {
        (a.secondsSinceEpoch, a.nanoseconds) < (b.secondsSinceEpoch, b.nanoseconds)
    }

    /// Seconds from `self` to `other` (negative when `other` is earlier). Far-apart instants (a saturated
    /// deadline) would overflow the Int64 difference, so that case is computed in Double.
    public func seconds(until other: UTCTime) -> Double {
        let (whole, overflow) = other.secondsSinceEpoch.subtractingReportingOverflow(secondsSinceEpoch)
        let wholeSeconds = overflow ? Double(other.secondsSinceEpoch) - Double(secondsSinceEpoch) : Double(whole)
        return wholeSeconds + Double(Int64(other.nanoseconds) - Int64(nanoseconds)) / 1e9
    }

    /// The UTC calendar fields (month 1-12, day 1-31).
    public var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var t = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&t, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `2006-01-02T15:04:05Z`, or with `fractionDigits` > 0 `2006-01-02T15:04:05.000Z`.
    public func rfc3339(fractionDigits: Int = 0) -> String {
        var t = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&t, &parts)
        var out = pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
        out += "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
        if fractionDigits > 0 {
            let digits = pad(Int(nanoseconds), 9)
            out += "." + digits.prefix(min(fractionDigits, 9))
        }
        return out + "Z"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Parses RFC 3339 (`2026-11-24T17:27:38Z`, `...38.123456789+02:00`), as Go's `time.Parse(time.RFC3339)`.
    public static func parseRFC3339(_ text: String) -> UTCTime? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        // Go's range checks: the day must exist in its month (no 2026-02-31), hour < 24, second < 60.
        guard b.count >= 20, let year = num(0, 4), b[4] == 45, let month = num(5, 2), b[7] == 45,
              let day = num(8, 2), b[10] == 84 || b[10] == 116, let hour = num(11, 2), b[13] == 58,
              let minute = num(14, 2), b[16] == 58, let second = num(17, 2),
              (1...12).contains(month), (1...daysIn(month, year)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var nanos = 0
        if i < b.count && b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2),
                  oh <= 24, om <= 60 {  // Go: "time zone offset hour/minute out of range" past 24 and 60
            offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let epoch = daysFromCivil(year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return UTCTime(secondsSinceEpoch: epoch, nanoseconds: Int32(nanos))
    }

    /// Days in `month` of `year` (proleptic Gregorian), as Go's `daysIn`.
    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm; works for year 1,
    /// which `timegm` on a 32-bit `tm_year` also handles, but this needs no libc).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension UTCTime {
    /// This instant plus `duration`, saturating at the ends of Int64 seconds instead of trapping (a deadline
    /// plus a huge grace period is "never"), with the nanoseconds brought back into 0..<1e9.
    public func adding(_ duration: Duration) -> UTCTime {
        let c = duration.components
        let nanos = Int64(nanoseconds) + c.attoseconds / 1_000_000_000
        let carry = nanos >= 0 ? nanos / 1_000_000_000 : (nanos + 1) / 1_000_000_000 - 1  // floor division
        var seconds = secondsSinceEpoch
        for step in [c.seconds, carry] {
            let (sum, overflow) = seconds.addingReportingOverflow(step)
            seconds = overflow ? (step > 0 ? .max : .min) : sum
        }
        return UTCTime(secondsSinceEpoch: seconds, nanoseconds: Int32(nanos - carry * 1_000_000_000))
    }
}

extension UTCTime {
    /// RFC 1123 in GMT, the HTTP `Date` form: `Wed, 01 Jan 2025 00:00:00 GMT`. The year is added in Int:
    /// `tm_year + 1900` in Int32 traps for years past 2^31 - 1, which `gmtime_r` can return.
    public func httpDate() -> String {
        var t = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) \(Int(parts.tm_year) + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
