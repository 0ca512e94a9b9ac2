import ModelBase

/// The character classes of client-go's jsonpath parser.go (Go's `unicode.IsLetter` / `IsDigit` by general
/// category) and fmt's `%#U`, used in its "unrecognized character" error.
extension JSONPathParser {
    static func isDigit(_ r: UInt32) -> Bool {
        if r < 0x80 { return r >= 0x30 && r <= 0x39 }
        return Unicode.Scalar(r)?.properties.generalCategory == .decimalNumber
    }

    static func isLetter(_ r: UInt32) -> Bool {
        if r < 0x80 { return (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) }
        switch Unicode.Scalar(r)?.properties.generalCategory {
        case .uppercaseLetter?, .lowercaseLetter?, .titlecaseLetter?, .modifierLetter?, .otherLetter?: return true
        default: return false
        }
    }

    /// `isAlphaNumeric`: `_`, a letter or a digit.
    static func isAlphaNumeric(_ r: UInt32) -> Bool {
        r == UInt32(UInt8(ascii: "_")) || isLetter(r) || isDigit(r)
    }

    /// `isTerminator`: what ends a field or identifier.
    static func isTerminator(_ r: UInt32) -> Bool {
        switch r {
        case eof, 0x20, 0x09, 0x0D, 0x0A:
            return true
        case UInt32(UInt8(ascii: ".")), UInt32(UInt8(ascii: ",")), UInt32(UInt8(ascii: "[")), UInt32(UInt8(ascii: "]")),
             UInt32(UInt8(ascii: "$")), UInt32(UInt8(ascii: "@")), UInt32(UInt8(ascii: "{")), UInt32(UInt8(ascii: "}")):
            return true
        default:
            return false
        }
    }

    /// fmt's `%#U`: `U+0009`, or `U+007B '{'` for a printable rune.
    static func goUnicode(_ r: UInt32) -> String {
        let code = "U+" + GoQuote.hex(r, width: 4).uppercased()
        guard let scalar = Unicode.Scalar(r), GoQuote.isPrint(scalar) else { return code }
        return code + " '" + String(scalar) + "'"
    }
}
