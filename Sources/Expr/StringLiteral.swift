/// Unescaping of quoted string and bytes literals, after expr-lang's parser/lexer/utils.go (itself adapted
/// from Go's strconv): `\a \b \f \n \r \t \v \\ \' \" \` \?`, `\xHH`, `\uHHHH`, `\u{H...}`, `\UHHHHHHHH`
/// and three-digit octal `\[0-3][0-7][0-7]`. In strings, `\x` and octal escapes are code points (so
/// `"\xff"` is "ÿ"); in bytes literals they are raw bytes.
enum StringLiteral {
    struct Failure: Error { var message: String }

    static func unescape(_ body: ArraySlice<Unicode.Scalar>) throws(Failure) -> String {
        var out = String.UnicodeScalarView()
        var s = normalizeNewlines(body)[...]
        while let c = s.first {
            s = s.dropFirst()
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let e = s.first else { throw Failure(message: "unable to unescape string, found '\\' as last character") }
            s = s.dropFirst()
            if let simple = simpleEscape(e) {
                out.append(simple)
                continue
            }
            let value: UInt32
            switch e {
            case "u" where s.first == "{":
                s = s.dropFirst()
                var v: UInt32 = 0
                var digits = 0
                while let d = s.first, d != "}" {
                    guard let x = CharClass.digitValue(d), digits < 6 else { throw Failure(message: "unable to unescape string") }
                    v = v << 4 | UInt32(x)
                    digits += 1
                    s = s.dropFirst()
                }
                guard s.first == "}", digits > 0 else { throw Failure(message: "unable to unescape string") }
                s = s.dropFirst()
                value = v
            case "x", "X", "u", "U":
                let n = e == "u" ? 4 : e == "U" ? 8 : 2
                guard s.count >= n else { throw Failure(message: "unable to unescape string") }
                var v: UInt32 = 0
                for d in s.prefix(n) {
                    guard let x = CharClass.digitValue(d) else { throw Failure(message: "unable to unescape string") }
                    v = v << 4 | UInt32(x)
                }
                s = s.dropFirst(n)
                value = v
            case "0", "1", "2", "3":
                value = try octal(e, &s)
            default:
                throw Failure(message: "unable to unescape string")
            }
            guard value <= 0x10FFFF else { throw Failure(message: "unable to unescape string") }
            // Go's utf8.EncodeRune writes U+FFFD for a surrogate.
            out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(out)
    }

    static func unescapeBytes(_ body: ArraySlice<Unicode.Scalar>) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        var s = normalizeNewlines(body)[...]
        while let c = s.first {
            s = s.dropFirst()
            guard c == "\\" else {
                out.append(contentsOf: String(c).utf8)
                continue
            }
            guard let e = s.first else { throw Failure(message: "unable to unescape string, found '\\' as last character") }
            s = s.dropFirst()
            if let simple = simpleEscape(e) {
                out.append(UInt8(simple.value))
                continue
            }
            switch e {
            case "x", "X":
                guard s.count >= 2, let hi = CharClass.digitValue(s[s.startIndex]),
                    let lo = CharClass.digitValue(s[s.startIndex + 1])
                else { throw Failure(message: "unable to unescape string") }
                out.append(UInt8(hi << 4 | lo))
                s = s.dropFirst(2)
            case "0", "1", "2", "3":
                let v = try octal(e, &s)
                guard v <= 255 else { throw Failure(message: "unable to unescape string") }
                out.append(UInt8(v))
            default:
                throw Failure(message: "unable to unescape string")
            }
        }
        return out
    }

    private static func simpleEscape(_ e: Unicode.Scalar) -> Unicode.Scalar? {
        switch e {
        case "a": "\u{07}"
        case "b": "\u{08}"
        case "f": "\u{0C}"
        case "n": "\n"
        case "r": "\r"
        case "t": "\t"
        case "v": "\u{0B}"
        case "\\", "'", "\"", "`", "?": e
        default: nil
        }
    }

    private static func octal(_ first: Unicode.Scalar, _ s: inout ArraySlice<Unicode.Scalar>) throws(Failure) -> UInt32 {
        guard s.count >= 2 else { throw Failure(message: "unable to unescape octal sequence in string") }
        var v = first.value - 48
        for d in s.prefix(2) {
            guard d >= "0" && d <= "7" else { throw Failure(message: "unable to unescape octal sequence in string") }
            v = v * 8 + d.value - 48
        }
        s = s.dropFirst(2)
        return v
    }

    /// All strings normalize `\r\n` and lone `\r` to `\n`.
    private static func normalizeNewlines(_ body: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(body.count)
        var previousCR = false
        for c in body {
            if c == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = c == "\r"
            out.append(c == "\r" ? "\n" : c)
        }
        return out
    }
}
