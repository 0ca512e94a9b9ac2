extension YAMLReader {
    /// A scalar typed by YAML 1.2's core schema; quoted scalars are always strings.
    static func scalar(_ text: Substring, line: Int) throws(ModelError) -> JSONValue {
        if text.first == "\"" || text.first == "'" { return .string(try scalarText(text, line: line)) }
        if let first = text.first, "&*!%@`".contains(first) {
            throw ModelError(.badRequest, "YAML line \(line): anchors, aliases, tags and reserved indicators are not supported: \(text)")
        }
        if text == "{}" { return .object([:]) }
        if text == "[]" { return .array([]) }
        if text.first == "[", text.last == "]" {
            return .array(try text.dropFirst().dropLast().split(separator: ",").map { (item) throws(ModelError) -> JSONValue in
                try scalar(String(item).trimmingSpaces()[...], line: line)
            })
        }
        if text.first == "{" || text.first == "[" {
            throw ModelError(.badRequest, "YAML line \(line): flow collections other than [] and simple [a, b] are not supported: \(text)")
        }
        switch text {
        case "null", "Null", "NULL", "~": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = Int64(text) { return .int(i) }
        if text.contains(where: { $0.isNumber }), !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }), let d = Double(text) {
            return .double(d)
        }
        return .string(String(text))
    }

    /// The text of a key or scalar: quotes removed and escapes applied.
    static func scalarText(_ text: Substring, line: Int) throws(ModelError) -> String {
        guard let q = text.first, q == "\"" || q == "'" else { return String(text) }
        guard text.count >= 2, text.last == q else { throw ModelError(.badRequest, "YAML line \(line): unterminated quoted scalar: \(text)") }
        let inner = text.dropFirst().dropLast()
        if q == "'" { return inner.split(separator: "''", omittingEmptySubsequences: false).joined(separator: "'") }
        var out = ""
        var escaped = false
        for c in inner {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "\\", "\"", "/": out.append(c)
                default: throw ModelError(.badRequest, "YAML line \(line): unsupported escape \\\(c)")
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
