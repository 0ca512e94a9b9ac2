/// Parses Go (RE2) regular expression syntax: literals and escapes, `.`, classes with ranges, Perl
/// (`\d\s\w`), POSIX (`[[:alpha:]]`) and Unicode category (`\pL`) classes, groups (capturing, `(?:`,
/// named), flags `i m s U`, alternation, `* + ? {n,m}` (lazy forms too), `^ $ \A \z \b \B`, `\Q..\E`.
/// Backreferences and lookaround are errors, as in Go.
struct RegexParser {
    struct Flags {
        var caseInsensitive = false
        var multiLine = false
        var dotAll = false
    }

    let scalars: [Unicode.Scalar]
    let source: String
    var pos = 0
    private(set) var flags = Flags()
    private var depth = 0

    /// Go limits repeat counts to 1000.
    static let maxRepeat = 1000

    static func parse(_ pattern: String) throws(RegexError) -> RegexNode {
        var parser = RegexParser(scalars: Array(pattern.unicodeScalars), source: pattern)
        let node = try parser.alternation()
        if parser.pos < parser.scalars.count {
            // Only an unmatched ')' stops the top level early.
            throw RegexError(code: "unexpected )", fragment: pattern)
        }
        return node
    }

    private init(scalars: [Unicode.Scalar], source: String) {
        self.scalars = scalars
        self.source = source
    }

    var peek: Unicode.Scalar? { pos < scalars.count ? scalars[pos] : nil }

    func text(_ from: Int, _ to: Int) -> String {
        String(String.UnicodeScalarView(scalars[max(0, from)..<min(to, scalars.count)]))
    }

    private mutating func alternation() throws(RegexError) -> RegexNode {
        var branches = [try concatenation()]
        while peek == "|" {
            pos += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func concatenation() throws(RegexError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            let start = pos
            if c == "*" || c == "+" || c == "?" || (c == "{" && repeatSpec() != nil) {
                throw RegexError(code: "missing argument to repetition operator", fragment: text(start, quantifierEnd(start)))
            }
            var atom = try self.atom()
            var previousQuantifier: Int?
            while let q = peek, q == "*" || q == "+" || q == "?" || q == "{" {
                let qStart = pos
                let bounds: (Int, Int?)
                if q == "{" {
                    guard let spec = repeatSpec() else { break }
                    pos = spec.end
                    guard spec.min <= RegexParser.maxRepeat, (spec.max ?? 0) <= RegexParser.maxRepeat,
                        spec.max.map({ $0 >= spec.min }) ?? true
                    else { throw RegexError(code: "invalid repeat count", fragment: text(qStart, pos)) }
                    bounds = (spec.min, spec.max)
                } else {
                    pos += 1
                    bounds = q == "*" ? (0, nil) : q == "+" ? (1, nil) : (0, 1)
                }
                if peek == "?" { pos += 1 }  // lazy: same language, same boolean result
                if let previous = previousQuantifier {
                    throw RegexError(code: "invalid nested repetition operator", fragment: text(previous, pos))
                }
                previousQuantifier = qStart
                atom = .repetition(atom, min: bounds.0, max: bounds.1)
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : items.isEmpty ? .empty : .concat(items)
    }

    private func quantifierEnd(_ start: Int) -> Int {
        if scalars[start] == "{", let spec = repeatSpec() { return spec.end }
        return start + 1 + (start + 1 < scalars.count && scalars[start + 1] == "?" ? 1 : 0)
    }

    /// `{n}`, `{n,}`, `{n,m}` at `pos`, nil when the brace is a literal.
    private func repeatSpec() -> (min: Int, max: Int?, end: Int)? {
        var i = pos + 1
        func number() -> Int? {
            var value = 0
            let start = i
            while i < scalars.count, let d = CharClass.digitValue(scalars[i]), d < 10 {
                value = min(value * 10 + d, 100_000)
                i += 1
            }
            return i > start ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if i < scalars.count, scalars[i] == "," {
            i += 1
            high = number()
        }
        guard i < scalars.count, scalars[i] == "}" else { return nil }
        return (low, high, i + 1)
    }

    private mutating func atom() throws(RegexError) -> RegexNode {
        let c = scalars[pos]
        pos += 1
        switch c {
        case "(": return try group(start: pos - 1)
        case "[": return try characterClass(start: pos - 1)
        case ".": return .any(dotAll: flags.dotAll)
        case "^": return .assertion(flags.multiLine ? .beginLine : .beginText)
        case "$": return .assertion(flags.multiLine ? .endLine : .endText)
        case "\\": return try escape(start: pos - 1)
        default: return literal(c)
        }
    }

    func literal(_ c: Unicode.Scalar) -> RegexNode {
        var set = CharSet([c.value...c.value])
        if flags.caseInsensitive { set.addCaseFolds() }
        return .set(set)
    }

    private mutating func group(start: Int) throws(RegexError) -> RegexNode {
        guard peek == "?" else { return try closeGroup(start: start) }
        pos += 1
        if peek == "P" || peek == "<" {
            // Named capture: (?P<name>re) or (?<name>re).
            if peek == "P" { pos += 1 }
            guard peek == "<" else { throw RegexError(code: "invalid or unsupported Perl syntax", fragment: text(start, pos + 1)) }
            pos += 1
            let nameStart = pos
            while let c = peek, c != ">" { pos += 1 }
            let name = text(nameStart, pos)
            guard peek == ">", !name.isEmpty, name.unicodeScalars.allSatisfy({ CharClass.isAlphaNumeric($0) && $0 != "$" }) else {
                throw RegexError(code: "invalid named capture", fragment: text(start, min(pos + 1, scalars.count)))
            }
            pos += 1
            return try closeGroup(start: start)
        }
        // Flags: (?flags) for the rest of the enclosing group, (?flags:re) for re only.
        var updated = flags
        var negate = false
        var sawFlag = false
        while let c = peek {
            pos += 1
            switch c {
            case "i", "m", "s", "U":
                if c == "i" { updated.caseInsensitive = !negate }
                if c == "m" { updated.multiLine = !negate }
                if c == "s" { updated.dotAll = !negate }
                sawFlag = true
            case "-" where !negate:
                negate = true
                sawFlag = false
            case ")" where sawFlag || !negate, ":" where sawFlag || !negate:
                if c == ")" {
                    flags = updated
                    return .empty
                }
                let saved = flags
                flags = updated
                defer { flags = saved }
                return try closeGroup(start: start)
            default:
                throw RegexError(code: "invalid or unsupported Perl syntax", fragment: text(start, pos))
            }
        }
        throw RegexError(code: "missing closing )", fragment: source)
    }

    private mutating func closeGroup(start: Int) throws(RegexError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 100 { throw RegexError(code: "expression nests too deeply", fragment: source) }
        // Flags set inside a group end with it.
        let saved = flags
        defer { flags = saved }
        let inner = try alternation()
        guard peek == ")" else { throw RegexError(code: "missing closing )", fragment: source) }
        pos += 1
        return inner
    }
}
