extension YAMLReader {
    /// A scalar typed by YAML 1.2's core schema; quoted scalars are always strings.
    static func scalar(_ text: Substring, line: Int) throws(ModelError) -> JSONValue {
        if text.first == "\"" || text.first == "'" { return .string(try scalarText(text, line: line)) }
        if let first = text.first, "&*!%@`".contains(first) {
            throw ModelError(.badRequest, "YAML line \(line): anchors, aliases, tags and reserved indicators are not supported: \(text)")
        }
        if text.first == "{" || text.first == "[" {
            var scanner = FlowScanner(text: Array(text.unicodeScalars), line: line)
            let value = try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEnd else { throw scanner.error("text after the flow collection") }
            return value
        }
        switch text {
        case "null", "Null", "NULL", "~": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = Int64(text) { return .int(i) }
        // An integer past Int64 is a float (1e20), as yaml.v3 resolves it; one past Double's range (1e999)
        // stays a string, as there: infinity is no JSON value and JSONEncoder would refuse it later.
        if text.contains(where: { $0.isNumber }), !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }), let d = Double(text),
           d.isFinite {
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

/// One-line flow collections (`{server: "https://x", insecure: true}`, `[a, {b: c}]`), nested freely.
struct FlowScanner {
    let text: [Unicode.Scalar]
    let line: Int
    var i = 0
    var depth = 0

    var atEnd: Bool { i >= text.count }

    func error(_ message: String) -> ModelError {
        ModelError(.badRequest, "YAML line \(line): \(message) in a flow collection (multi-line flow collections are not supported)")
    }

    mutating func skipSpaces() { while i < text.count, text[i] == " " { i += 1 } }

    mutating func value() throws(ModelError) -> JSONValue {
        skipSpaces()
        guard i < text.count else { throw error("missing value") }
        depth += 1
        defer { depth -= 1 }
        guard depth <= YAMLReader.maxDepth else { throw error("exceeded max depth of \(YAMLReader.maxDepth)") }
        switch text[i] {
        case "{":
            i += 1
            var object: [String: JSONValue] = [:]
            while true {
                skipSpaces()
                if i < text.count, text[i] == "}" { i += 1; return .object(object) }
                let key = try YAMLReader.scalarText(token(stopAtColon: true)[...], line: line)
                skipSpaces()
                guard i < text.count, text[i] == ":" else { throw error("expected `:` after \"\(key)\"") }
                i += 1
                object[key] = try value()
                try separator(closing: "}")
                if text[i - 1] == "}" { return .object(object) }
            }
        case "[":
            i += 1
            var items: [JSONValue] = []
            while true {
                skipSpaces()
                if i < text.count, text[i] == "]" { i += 1; return .array(items) }
                items.append(try value())
                try separator(closing: "]")
                if text[i - 1] == "]" { return .array(items) }
            }
        default:
            return try YAMLReader.scalar(token(stopAtColon: false)[...], line: line)
        }
    }

    /// Consumes `,` or the closing bracket.
    private mutating func separator(closing: Unicode.Scalar) throws(ModelError) {
        skipSpaces()
        guard i < text.count, text[i] == "," || text[i] == closing else { throw error("expected `,` or `\(closing)`") }
        i += 1
    }

    /// A quoted or plain scalar up to `,` `]` `}` (and `: ` for keys).
    private mutating func token(stopAtColon: Bool) throws(ModelError) -> String {
        skipSpaces()
        let start = i
        if i < text.count, text[i] == "\"" || text[i] == "'" {
            let quote = text[i]
            i += 1
            while i < text.count {
                if text[i] == "\\" && quote == "\"" { i += 2; continue }
                if text[i] == quote {
                    if quote == "'", i + 1 < text.count, text[i + 1] == "'" { i += 2; continue }
                    break
                }
                i += 1
            }
            guard i < text.count else { throw error("unterminated quoted scalar") }
            i += 1
            return String(String.UnicodeScalarView(text[start..<i]))
        }
        while i < text.count, !",]}".unicodeScalars.contains(text[i]) {
            if stopAtColon, text[i] == ":", i + 1 >= text.count || text[i + 1] == " " { break }
            i += 1
        }
        var end = i
        while end > start, text[end - 1] == " " { end -= 1 }
        return String(String.UnicodeScalarView(text[start..<end]))
    }
}
