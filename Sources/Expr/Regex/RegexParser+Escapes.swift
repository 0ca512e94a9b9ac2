/// Escapes and bracketed character classes.
extension RegexParser {
    /// An escape outside a class: assertions, Perl and Unicode classes, `\Q...\E`, or one literal scalar.
    mutating func escape(start: Int) throws(RegexError) -> RegexNode {
        guard let c = peek else { throw RegexError(code: "trailing backslash at end of expression", fragment: "") }
        switch c {
        case "A": pos += 1; return .assertion(.beginText)
        case "z": pos += 1; return .assertion(.endText)
        case "b": pos += 1; return .assertion(.wordBoundary)
        case "B": pos += 1; return .assertion(.notWordBoundary)
        case "C": pos += 1; return .any(dotAll: true)
        case "Q":
            pos += 1
            var items: [RegexNode] = []
            while let q = peek {
                if q == "\\", pos + 1 < scalars.count, scalars[pos + 1] == "E" {
                    pos += 2
                    break
                }
                items.append(literal(q))
                pos += 1
            }
            return items.isEmpty ? .empty : .concat(items)
        default:
            var set = try classEscape(start: start)
            if flags.caseInsensitive { set.addCaseFolds() }
            return .set(set)
        }
    }

    /// An escape that denotes a set of scalars (valid inside and outside brackets), `pos` after the `\`.
    mutating func classEscape(start: Int) throws(RegexError) -> CharSet {
        guard let c = peek else { throw RegexError(code: "trailing backslash at end of expression", fragment: "") }
        pos += 1
        func single(_ v: UInt32) -> CharSet { CharSet([v...v]) }
        switch c {
        case "d": return CharSet.digit
        case "D": return CharSet(CharSet.digit.ranges, negated: true)
        case "s": return CharSet.space
        case "S": return CharSet(CharSet.space.ranges, negated: true)
        case "w": return CharSet.word
        case "W": return CharSet(CharSet.word.ranges, negated: true)
        case "p", "P": return try unicodeClass(negated: c == "P", start: start)
        case "a": return single(7)
        case "f": return single(12)
        case "t": return single(9)
        case "n": return single(10)
        case "r": return single(13)
        case "v": return single(11)
        case "0"..."7":
            // \0 with up to two more octal digits, or \1-\7 followed by a digit (a lone \1 would be a
            // backreference, which RE2 does not support).
            if c != "0" && !(peek.map { ("0"..."7").contains($0) } ?? false) {
                throw RegexError(code: "invalid escape sequence", fragment: text(start, pos))
            }
            var value = c.value - 48
            var n = 0
            while n < 2, let d = peek, ("0"..."7").contains(d) {
                value = value * 8 + d.value - 48
                pos += 1
                n += 1
            }
            return single(value)
        case "x":
            if peek == "{" {
                pos += 1
                var value: UInt32 = 0
                var digits = 0
                while let d = peek, d != "}" {
                    guard let x = CharClass.digitValue(d), value <= 0x10FFFF else {
                        throw RegexError(code: "invalid escape sequence", fragment: text(start, pos + 1))
                    }
                    value = value * 16 + UInt32(x)
                    digits += 1
                    pos += 1
                }
                guard peek == "}", digits > 0, value <= 0x10FFFF else {
                    throw RegexError(code: "invalid escape sequence", fragment: text(start, pos))
                }
                pos += 1
                return single(value)
            }
            guard pos + 1 < scalars.count, let hi = CharClass.digitValue(scalars[pos]),
                let lo = CharClass.digitValue(scalars[pos + 1])
            else { throw RegexError(code: "invalid escape sequence", fragment: text(start, min(pos + 2, scalars.count))) }
            pos += 2
            return single(UInt32(hi * 16 + lo))
        default:
            // Any ASCII punctuation may be escaped; letters and digits not listed above may not.
            guard c.isASCII, !CharClass.isLetter(c), !CharClass.isDigit(c) else {
                throw RegexError(code: "invalid escape sequence", fragment: text(start, pos))
            }
            return single(c.value)
        }
    }

    private mutating func unicodeClass(negated: Bool, start: Int) throws(RegexError) -> CharSet {
        var name: String
        if peek == "{" {
            let open = pos
            while let c = peek, c != "}" { pos += 1 }
            guard peek == "}" else { throw RegexError(code: "invalid character class range", fragment: text(start, pos)) }
            pos += 1
            name = text(open + 1, pos - 1)
        } else {
            guard let c = peek else { throw RegexError(code: "invalid character class range", fragment: text(start, pos)) }
            pos += 1
            name = String(c)
        }
        var negate = negated
        if name.hasPrefix("^") {
            negate.toggle()
            name.removeFirst()
        }
        guard let categories = CharSet.categories(named: name) else {
            throw RegexError(code: "invalid character class range", fragment: text(start, pos))
        }
        var set = CharSet()
        set.categories = [(categories, negate)]
        return set
    }

    /// `[...]`, `pos` after the `[`.
    mutating func characterClass(start: Int) throws(RegexError) -> RegexNode {
        var set = CharSet()
        if peek == "^" {
            set.negated = true
            pos += 1
        }
        var first = true
        while true {
            guard let c = peek else { throw RegexError(code: "missing closing ]", fragment: text(start, scalars.count)) }
            if c == "]" && !first { break }
            first = false
            let itemStart = pos
            if c == "[", pos + 1 < scalars.count, scalars[pos + 1] == ":" {
                if let posix = try posixClass(start: pos) {
                    set.add(posix)
                    continue
                }
            }
            let low: UInt32
            if c == "\\" {
                pos += 1
                let escaped = try classEscape(start: itemStart)
                guard escaped.categories.isEmpty, !escaped.negated, escaped.ranges.count == 1,
                    escaped.ranges[0].lowerBound == escaped.ranges[0].upperBound
                else {
                    set.add(escaped)
                    continue
                }
                low = escaped.ranges[0].lowerBound
            } else {
                pos += 1
                low = c.value
            }
            var high = low
            if peek == "-", pos + 1 < scalars.count, scalars[pos + 1] != "]" {
                pos += 1
                guard let h = peek else { throw RegexError(code: "missing closing ]", fragment: text(start, scalars.count)) }
                if h == "\\" {
                    pos += 1
                    let escaped = try classEscape(start: pos - 1)
                    guard escaped.ranges.count == 1, escaped.categories.isEmpty, !escaped.negated else {
                        throw RegexError(code: "invalid character class range", fragment: text(itemStart, pos))
                    }
                    high = escaped.ranges[0].lowerBound
                } else {
                    pos += 1
                    high = h.value
                }
                guard high >= low else { throw RegexError(code: "invalid character class range", fragment: text(itemStart, pos)) }
            }
            set.add(low...high)
        }
        pos += 1
        if flags.caseInsensitive { set.addCaseFolds() }
        return .set(set)
    }

    /// `[:alpha:]` or `[:^alpha:]` at `start`; nil (nothing consumed) when it is not one.
    private mutating func posixClass(start: Int) throws(RegexError) -> CharSet? {
        var i = start + 2
        var negated = false
        if i < scalars.count, scalars[i] == "^" {
            negated = true
            i += 1
        }
        let nameStart = i
        while i < scalars.count, scalars[i] != ":" { i += 1 }
        guard i + 1 < scalars.count, scalars[i + 1] == "]" else { return nil }
        let name = text(nameStart, i)
        guard let ranges = CharSet.posix[name] else {
            throw RegexError(code: "invalid character class range", fragment: text(start, i + 2))
        }
        pos = i + 2
        return CharSet(ranges, negated: negated)
    }
}
