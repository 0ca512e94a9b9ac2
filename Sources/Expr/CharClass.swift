/// Go's unicode predicates as expr-lang's lexer uses them (parser/utils).
enum CharClass {
    /// unicode.IsSpace: the Latin-1 spaces plus the White_Space property.
    static func isSpace(_ r: Unicode.Scalar) -> Bool {
        switch r.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: true
        case 0..<0x100: false
        default: r.properties.isWhitespace
        }
    }

    /// unicode.IsLetter: general categories Lu, Ll, Lt, Lm, Lo.
    static func isLetter(_ r: Unicode.Scalar) -> Bool {
        if r.isASCII { return (r >= "a" && r <= "z") || (r >= "A" && r <= "Z") }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// unicode.IsDigit: general category Nd.
    static func isDigit(_ r: Unicode.Scalar) -> Bool {
        if r.isASCII { return r >= "0" && r <= "9" }
        return r.properties.generalCategory == .decimalNumber
    }

    static func isAlphabetic(_ r: Unicode.Scalar) -> Bool { r == "_" || r == "$" || isLetter(r) }

    static func isAlphaNumeric(_ r: Unicode.Scalar) -> Bool { isAlphabetic(r) || isDigit(r) }

    static func isValidIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, isAlphabetic(first) else { return false }
        return s.unicodeScalars.dropFirst().allSatisfy(isAlphaNumeric)
    }

    /// The value of a hexadecimal digit, nil for anything else.
    static func digitValue(_ r: Unicode.Scalar) -> Int? {
        switch r {
        case "0"..."9": Int(r.value - 48)
        case "a"..."f": Int(r.value - 87)
        case "A"..."F": Int(r.value - 55)
        default: nil
        }
    }
}
