import Model

/// go-yaml v2's resolution of scalars (gopkg.in/yaml.v2 resolve.go, `resolve`; decode.go, `scalar`),
/// which sigs.k8s.io/yaml's YAMLToJSON uses: YAML 1.1 booleans (y, yes, on, ...), ints through Go's
/// `strconv.ParseInt(s, 0, 64)` after dropping `_` (0x, 0o, 0b, 0755 octal, sign), then uint64, then floats;
/// timestamps stay their text; `!!binary` is base64. Quoted and block scalars without a tag are strings.
enum ScalarResolver {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str", bool = prefix + "bool", int = prefix + "int", float = prefix + "float"
    static let null = prefix + "null", timestamp = prefix + "timestamp", binary = prefix + "binary", merge = prefix + "merge"

    /// The value of a scalar node.
    static func resolve(value: String, tag: String, plainImplicit: Bool, at mark: Mark) throws(ModelError) -> Resolved {
        if tag.isEmpty && !plainImplicit { return .string(value) }
        if tag == binary {
            guard let bytes = Base64.decodeIfValid(value) else { throw YAMLError.at(mark, "!!binary value contains invalid base64 data") }
            return .string(GoBase64.goString(bytes))
        }
        // Only these tags are resolved; any other (`!`, `!foo`, `!!set`) leaves the text as a string.
        guard tag.isEmpty || tag == str || tag == bool || tag == int || tag == float || tag == null || tag == timestamp else {
            return .string(value)
        }
        let (resolvedTag, result) = implicit(value, tag: tag)
        if tag.isEmpty || tag == resolvedTag || tag == str { return result }
        // An int is accepted as a !!float (Go's int and int64 only: a uint64 is refused, as resolve.go refuses it).
        if tag == float, case .int(let i) = result { return .float(Double(i)) }
        throw YAMLError.at(mark, "cannot decode \(short(resolvedTag)) `\(value)` as a \(short(tag))")
    }

    private static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// resolve.go's `resolveMap`: the spellings looked up whole.
    private static let words: [String: Resolved] = {
        var m: [String: Resolved] = [:]
        for w in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { m[w] = .bool(true) }
        for w in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { m[w] = .bool(false) }
        for w in ["", "~", "null", "Null", "NULL"] { m[w] = .null }
        for w in [".nan", ".NaN", ".NAN"] { m[w] = .float(.nan) }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { m[w] = .float(.infinity) }
        for w in ["-.inf", "-.Inf", "-.INF"] { m[w] = .float(-.infinity) }
        return m
    }()

    /// The resolved tag and value of `text` when it has no tag or a resolvable one.
    private static func implicit(_ text: String, tag: String) -> (String, Resolved) {
        // resolve.go's `resolveTable`: the first byte hints what the scalar can be; nothing else is looked at.
        let first = text.utf8.first ?? UInt8(ascii: "~")  // "" is looked up like `~`
        let hint: UInt8? = switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(ascii: "D")
        case UInt8(ascii: "."): UInt8(ascii: ".")
        case _ where "yYnNtTfFoO~".utf8.contains(first): UInt8(ascii: "M")
        default: nil
        }
        guard let hint, tag != str else { return (str, .string(text)) }
        if let word = words[text] { return (tagOf(word), word) }
        let bytes = Array(text.utf8)
        switch hint {
        case UInt8(ascii: "."):
            if let d = GoNumbers.parseFloat(bytes) { return (float, .float(d)) }
        case UInt8(ascii: "D"):
            if (tag.isEmpty || tag == timestamp) && GoTimestamp.isValid(bytes) { return (timestamp, .string(text)) }
            let plain = bytes.filter { $0 != UInt8(ascii: "_") }
            if let number = GoNumbers.integer(plain) { return (int, number) }
            if let d = GoNumbers.parseFloat(plain) { return (float, .float(d)) }
            if let number = GoNumbers.legacyBinary(plain) { return (int, number) }
        default:
            break
        }
        return (str, .string(text))
    }

    private static func tagOf(_ value: Resolved) -> String {
        switch value {
        case .null: null
        case .bool: bool
        case .int, .uint: int
        case .float: float
        case .string: str
        }
    }
}
