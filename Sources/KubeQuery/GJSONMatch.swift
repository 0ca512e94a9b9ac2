/// github.com/tidwall/match `MatchLimit`, which gjson uses for wildcard keys (`*`, `?`) and the `%` / `!%` query
/// operators: `*` matches any run of runes, `?` one rune, `\` escapes. The work limit is the library's
/// (10000 × the text length, then no match); the recursion, one level per `*`, is also capped here at 256 levels.
enum GJSONMatch {
    private enum Outcome { case noMatch, match, stop }
    private static let maxComplexity = 10000
    private static let maxDepth = 256

    static func matches(_ str: [UInt8], _ pattern: [UInt8]) -> Bool {
        if pattern == [UInt8(ascii: "*")] { return true }
        var counter = 0
        return match(str, 0, str.count, pattern, 0, pattern.count, counter: &counter, depth: 0) == .match
    }

    private static func match(_ s: [UInt8], _ sStart: Int, _ sEnd: Int, _ p: [UInt8], _ pStart: Int, _ pEnd: Int,
                              counter: inout Int, depth: Int) -> Outcome {
        if counter > s.count &* maxComplexity || depth > maxDepth { return .stop }
        counter += 1
        var (sLo, sHi, pLo, pHi) = (sStart, sEnd, pStart, pEnd)
        while pLo < pHi {
            var wild = false
            var (pc, ps) = (UInt32(p[pLo]), 1)
            if pc > 0x7F { (pc, ps) = GoUTF8.decode(p, pLo, end: pHi) }
            var (sc, ss): (UInt32, Int) = (0, 0)
            if sLo < sHi {
                (sc, ss) = (UInt32(s[sLo]), 1)
                if sc > 0x7F { (sc, ss) = GoUTF8.decode(s, sLo, end: sHi) }
            }
            switch pc {
            case UInt32(UInt8(ascii: "?")):
                if ss == 0 { return .noMatch }
            case UInt32(UInt8(ascii: "*")):
                while pHi - pLo > 1, p[pLo + 1] == UInt8(ascii: "*") { pLo += 1 }
                if pHi - pLo == 1 { return .match }
                guard trimSuffix(s, sLo, &sHi, p, pLo, &pHi) else { return .noMatch }
                if pHi - pLo == 1 { return .match }
                let inner = match(s, sLo, sHi, p, pLo + 1, pHi, counter: &counter, depth: depth + 1)
                if inner != .noMatch { return inner }
                if sLo >= sHi { return .noMatch }
                wild = true
            default:
                if ss == 0 { return .noMatch }
                if pc == UInt32(UInt8(ascii: "\\")) {
                    pLo += ps
                    (pc, ps) = GoUTF8.decode(p, pLo, end: pHi)
                    if ps == 0 { return .noMatch }
                }
                if sc != pc { return .noMatch }
            }
            sLo = min(sLo + ss, sHi)
            if !wild { pLo += ps }
        }
        return sLo >= sHi ? .match : .noMatch
    }

    /// `matchTrimSuffix`: matches the pattern's literal tail (after its last `*`) against the text's tail, from the
    /// end, and trims both.
    private static func trimSuffix(_ s: [UInt8], _ sLo: Int, _ sHi: inout Int, _ p: [UInt8], _ pLo: Int, _ pHi: inout Int) -> Bool {
        while sHi > sLo, pHi - pLo > 1 {
            let (pc, psLast) = GoUTF8.decodeLast(p, start: pLo, end: pHi)
            var ps = psLast
            var escaped = false
            var i = 0
            while true {
                if p.at(pHi - ps - i - 1) != UInt8(ascii: "\\") {
                    if i & 1 == 1 { escaped = true; ps += 1 }
                    break
                }
                i += 1
            }
            if pc == UInt32(UInt8(ascii: "*")) && !escaped { return true }
            let (sc, ss) = GoUTF8.decodeLast(s, start: sLo, end: sHi)
            if !((pc == UInt32(UInt8(ascii: "?")) && !escaped) || pc == sc) { return false }
            sHi -= ss
            pHi -= ps
        }
        return true
    }
}
