/// The block-style subset of YAML that Argo configuration is written in (the `artifact-repositories`
/// ConfigMap values, repository files users keep next to it): nested mappings and sequences by indentation,
/// plain / single-quoted / double-quoted scalars, `|` and `>` block scalars, comments, and one-line flow
/// collections (`{a: 1, b: [x, y]}`, as kubeconfigs often have). Anchors, tags and multi-document streams are refused with the line
/// number rather than misread. Scalars are typed as YAML 1.2's core schema does (true/false, null, numbers).
public struct YAMLReader {
    struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    /// Nesting limit (block and flow alike), as `JSONParser.maxDepth`: `- - - - ...` or `[[[[...` on one
    /// line would otherwise recurse once per two bytes and overflow the stack.
    public static let maxDepth = 512

    private var lines: [Line] = []
    private var index = 0
    private var depth = 0

    public static func parse(_ text: String) throws(ModelError) -> JSONValue {
        var reader = YAMLReader()
        try reader.split(text)
        guard !reader.lines.isEmpty else { return .null }
        let value = try reader.node(indent: reader.lines[0].indent)
        if reader.index < reader.lines.count {
            throw reader.error("unexpected indentation", at: reader.lines[reader.index])
        }
        return value
    }

    private mutating func split(_ text: String) throws(ModelError) {
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let indent = line.prefix { $0 == " " }.count
            var body = line.dropFirst(indent)
            if body.first == "\t" { throw ModelError(.badRequest, "YAML line \(n + 1): tabs cannot indent YAML") }
            body = Self.strippingComment(body)
            while body.last == " " || body.last == "\t" { body = body.dropLast() }
            if body.isEmpty || (indent == 0 && body == "---") { continue }
            if body.hasPrefix("&") || body.hasPrefix("*") || body.hasPrefix("!") || (indent == 0 && body.hasPrefix("...")) {
                throw ModelError(.badRequest, "YAML line \(n + 1): anchors, aliases, tags and document markers are not supported")
            }
            lines.append(Line(number: n + 1, indent: indent, text: body))
        }
    }

    static func strippingComment(_ s: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for i in s.indices {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'", previous == " " || previous == ":" || previous == "-" || previous == "[" || previous == "," {
                quote = c
            } else if c == "#", previous == " " || previous == "\t" {
                return s[..<i]
            }
            previous = c
        }
        return s
    }

    private func error(_ message: String, at line: Line) -> ModelError {
        ModelError(.badRequest, "YAML line \(line.number): \(message): \(line.text)")
    }

    private static func isSequenceItem(_ text: Substring) -> Bool { text == "-" || text.hasPrefix("- ") }

    /// The node whose first line is the current one, at exactly `indent`.
    private mutating func node(indent: Int) throws(ModelError) -> JSONValue {
        let line = lines[index]
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("exceeded max depth of \(Self.maxDepth)", at: line) }
        if Self.isSequenceItem(line.text) { return try sequence(indent: indent) }
        if Self.keyValue(line.text) != nil { return try mapping(indent: indent) }
        index += 1
        return try Self.scalar(line.text, line: line.number)
    }

    private mutating func sequence(indent: Int) throws(ModelError) -> JSONValue {
        var items: [JSONValue] = []
        while index < lines.count, lines[index].indent == indent, Self.isSequenceItem(lines[index].text) {
            let line = lines[index]
            let rest = line.text.dropFirst().drop { $0 == " " }
            if rest.isEmpty {
                index += 1
                items.append(try child(of: indent, allowSequenceAtSameIndent: false))
            } else {
                // "- key: v" starts a mapping indented at the item's content.
                lines[index] = Line(number: line.number, indent: indent + (line.text.count - rest.count), text: rest)
                items.append(try node(indent: lines[index].indent))
            }
        }
        return .array(items)
    }

    private mutating func mapping(indent: Int) throws(ModelError) -> JSONValue {
        var object: [String: JSONValue] = [:]
        while index < lines.count, lines[index].indent == indent, !Self.isSequenceItem(lines[index].text) {
            let line = lines[index]
            guard let (rawKey, rest) = Self.keyValue(line.text) else { throw error("expected `key: value`", at: line) }
            let key = try Self.scalarText(rawKey, line: line.number)
            guard object[key] == nil else { throw error("duplicate key \"\(key)\"", at: line) }
            index += 1
            if rest.isEmpty {
                object[key] = try child(of: indent, allowSequenceAtSameIndent: true)
            } else if rest == "|" || rest == "|-" || rest == ">" || rest == ">-" {
                object[key] = .string(blockScalar(indent: indent, folded: rest.hasPrefix(">"), keepNewline: !rest.hasSuffix("-")))
            } else {
                object[key] = try Self.scalar(rest, line: line.number)
            }
        }
        if index < lines.count, lines[index].indent > indent { throw error("unexpected indentation", at: lines[index]) }
        return .object(object)
    }

    /// The value on the lines after a `key:` or `-` with nothing after it.
    private mutating func child(of indent: Int, allowSequenceAtSameIndent: Bool) throws(ModelError) -> JSONValue {
        guard index < lines.count else { return .null }
        let next = lines[index]
        if next.indent > indent { return try node(indent: next.indent) }
        if allowSequenceAtSameIndent, next.indent == indent, Self.isSequenceItem(next.text) { return try sequence(indent: indent) }
        return .null
    }

    /// The content's indentation is its first line's; a later line indented less ends the scalar (YAML's
    /// rule; it then fails as unexpected indentation) instead of a negative `String(repeating:count:)` trap.
    private mutating func blockScalar(indent: Int, folded: Bool, keepNewline: Bool) -> String {
        var parts: [Substring] = []
        let start = index < lines.count ? lines[index].indent : 0
        while index < lines.count, lines[index].indent > indent, lines[index].indent >= start {
            parts.append(String(repeating: " ", count: lines[index].indent - start) + lines[index].text)
            index += 1
        }
        let text = parts.joined(separator: folded ? " " : "\n")
        return keepNewline && !text.isEmpty ? text + "\n" : text
    }

    /// Splits `key: value` (or `key:`) at the first `: ` outside quotes.
    static func keyValue(_ text: Substring) -> (Substring, Substring)? {
        if text.first == "{" || text.first == "[" { return nil }  // a flow collection, not a key
        var quote: Character?
        for i in text.indices {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if i == text.startIndex, c == "\"" || c == "'" { quote = c; continue }
            if c == ":" {
                let after = text.index(after: i)
                if after == text.endIndex || text[after] == " " {
                    return (text[..<i], text[after...].drop { $0 == " " })
                }
            }
        }
        return nil
    }
}
