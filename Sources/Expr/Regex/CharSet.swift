/// A set of Unicode scalars for one regexp character class: code point ranges plus general-category
/// classes (`\pL`, `\p{Nd}`), each possibly negated, the whole possibly negated (`[^...]`).
struct CharSet: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var categories: [(categories: Set<Unicode.GeneralCategory>, negated: Bool)] = []
    var negated = false

    init(negated: Bool = false) { self.negated = negated }

    init(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges = ranges
        self.negated = negated
    }

    func contains(_ r: Unicode.Scalar) -> Bool {
        var hit = ranges.contains { $0.contains(r.value) }
        if !hit && !categories.isEmpty {
            let category = r.properties.generalCategory
            hit = categories.contains { $0.categories.contains(category) != $0.negated }
        }
        return hit != negated
    }

    mutating func add(_ range: ClosedRange<UInt32>) { ranges.append(range) }

    /// Adds the members of `other` (which must not be negated as a whole, or is complemented here).
    mutating func add(_ other: CharSet) {
        if other.negated {
            for range in CharSet.complement(other.ranges) { ranges.append(range) }
            for c in other.categories { categories.append((c.categories, !c.negated)) }
        } else {
            ranges += other.ranges
            categories += other.categories
        }
    }

    /// Adds the simple case variants of every member (for `(?i)`); huge ranges only get their ASCII letters.
    mutating func addCaseFolds() {
        var extra: [ClosedRange<UInt32>] = []
        for range in ranges {
            let span = range.upperBound - range.lowerBound
            let scan = span > 4096 ? [range.clamped(to: 0...0x7F)] : [range]
            for r in scan where !r.isEmpty {
                for v in r {
                    guard let scalar = Unicode.Scalar(v) else { continue }
                    for variant in CharSet.caseVariants(scalar) { extra.append(variant.value...variant.value) }
                }
            }
        }
        ranges += extra
    }

    static func caseVariants(_ r: Unicode.Scalar) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for mapping in [r.properties.lowercaseMapping, r.properties.uppercaseMapping, r.properties.titlecaseMapping] {
            let scalars = Array(mapping.unicodeScalars)
            if scalars.count == 1, scalars[0] != r { out.append(scalars[0]) }
        }
        // Go folds K with the Kelvin sign and s with the long s; keep the common ASCII orbit complete.
        switch r {
        case "k", "K": out.append("\u{212A}")
        case "s", "S": out.append("\u{017F}")
        default: break
        }
        return out
    }

    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in sorted {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            if r.upperBound >= next { next = r.upperBound &+ 1 }
            if r.upperBound == 0x10FFFF { return out }
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return out
    }

    // MARK: named classes

    static let digit = CharSet([48...57])
    static let space = CharSet([9...10, 12...13, 32...32])
    static let word = CharSet([48...57, 65...90, 95...95, 97...122])

    /// `[:name:]` classes (ASCII, as in RE2).
    static let posix: [String: [ClosedRange<UInt32>]] = [
        "alnum": [48...57, 65...90, 97...122], "alpha": [65...90, 97...122], "ascii": [0...0x7F],
        "blank": [9...9, 32...32], "cntrl": [0...31, 127...127], "digit": [48...57],
        "graph": [33...126], "lower": [97...122], "print": [32...126],
        "punct": [33...47, 58...64, 91...96, 123...126], "space": [9...13, 32...32],
        "upper": [65...90], "word": [48...57, 65...90, 95...95, 97...122], "xdigit": [48...57, 65...70, 97...102],
    ]

    /// Unicode general categories by their `\p{..}` names.
    static func categories(named name: String) -> Set<Unicode.GeneralCategory>? {
        let all: [String: [Unicode.GeneralCategory]] = [
            "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter], "Lm": [.modifierLetter],
            "Lo": [.otherLetter], "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
            "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber], "Pc": [.connectorPunctuation],
            "Pd": [.dashPunctuation], "Ps": [.openPunctuation], "Pe": [.closePunctuation],
            "Pi": [.initialPunctuation], "Pf": [.finalPunctuation], "Po": [.otherPunctuation],
            "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
            "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator], "Cc": [.control],
            "Cf": [.format], "Cs": [.surrogate], "Co": [.privateUse],
        ]
        if let c = all[name] { return Set(c) }
        if name.count == 1 {
            let group = all.filter { $0.key.hasPrefix(name) }.flatMap(\.value)
            return group.isEmpty ? nil : Set(group)
        }
        if name == "Any" {
            return Set(all.values.flatMap { $0 } + [.unassigned])
        }
        return nil
    }
}
