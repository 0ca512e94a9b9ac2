/// Whether go-yaml v2 takes a plain scalar for a timestamp (gopkg.in/yaml.v2 resolve.go, `parseTimestamp`):
/// `YYYY-` then one of Go's layouts `2006-1-2T15:4:5.999999999Z07:00` (also with `t`),
/// `2006-1-2 15:4:5.999999999` and `2006-1-2`, checked as Go's `time.Parse` checks them (1-2 digit fields,
/// day within the month). Decoding into `interface{}` keeps a timestamp's text, so this only decides
/// whether an explicit `!!timestamp` tag is accepted.
enum GoTimestamp {
    static func isValid(_ s: [UInt8]) -> Bool {
        var r = Reader(s: s)
        guard s.count > 4, s[0..<4].allSatisfy(isDigit), s[4] == UInt8(ascii: "-") else { return false }
        let year = Int(String(decoding: s[0..<4], as: UTF8.self)) ?? 0
        r.i = 5
        guard let month = r.number(), (1...12).contains(month), r.literal("-"), let day = r.number(),
              day >= 1, day <= daysIn(month, year) else { return false }
        if r.atEnd { return true }
        let zoned: Bool
        if r.literal("T") || r.literal("t") {
            zoned = true
        } else if r.peek == UInt8(ascii: " ") {
            while r.peek == UInt8(ascii: " ") { r.i += 1 }  // a layout space matches any run of spaces
            zoned = false
        } else {
            return false
        }
        guard let hour = r.number(), hour < 24, r.literal(":"), let minute = r.number(), minute < 60, r.literal(":"),
              let second = r.number(), second < 60 else { return false }
        // `.999999999`: an optional fraction of any length, `.` or `,` then digits.
        if r.peek == UInt8(ascii: ".") || r.peek == UInt8(ascii: ","), r.i + 1 < s.count, isDigit(s[r.i + 1]) {
            r.i += 1
            while let c = r.peek, isDigit(c) { r.i += 1 }
        }
        if zoned {
            // `Z07:00`: `Z`, or a sign, two-digit hours, `:`, two-digit minutes (hours up to 24, minutes up to 60).
            if r.literal("Z") { return r.atEnd }
            guard s.count - r.i == 6, s[r.i] == UInt8(ascii: "+") || s[r.i] == UInt8(ascii: "-"), s[r.i + 3] == UInt8(ascii: ":"),
                  isDigit(s[r.i + 1]), isDigit(s[r.i + 2]), isDigit(s[r.i + 4]), isDigit(s[r.i + 5]) else { return false }
            let hours = Int(s[r.i + 1] - 48) * 10 + Int(s[r.i + 2] - 48)
            let minutes = Int(s[r.i + 4] - 48) * 10 + Int(s[r.i + 5] - 48)
            return hours <= 24 && minutes <= 60
        }
        return r.atEnd
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct Reader {
        let s: [UInt8]
        var i = 0

        var atEnd: Bool { i == s.count }
        var peek: UInt8? { i < s.count ? s[i] : nil }

        mutating func literal(_ c: Unicode.Scalar) -> Bool {
            guard peek == UInt8(ascii: c) else { return false }
            i += 1
            return true
        }

        /// Go's `getnum(s, false)`: one digit, or two when the second is a digit.
        mutating func number() -> Int? {
            guard let c = peek, GoTimestamp.isDigit(c) else { return nil }
            i += 1
            guard let d = peek, GoTimestamp.isDigit(d) else { return Int(c - 48) }
            i += 1
            return Int(c - 48) * 10 + Int(d - 48)
        }
    }
}
