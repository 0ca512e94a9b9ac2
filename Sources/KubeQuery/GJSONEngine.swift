/// gjson's `Get` (github.com/tidwall/gjson v1.19.0 gjson.go) on raw bytes: modifiers and static values, `[a,b]` /
/// `{a,b}` sub-selectors, `..` JSON lines, then the object/array walk, then a pipe. The JSON is never parsed into a
/// tree or reformatted; values are cut out of the text as they are.
///
/// Recursion in gjson follows the path, not the JSON: each nested object or array walk, query, pipe and sub-selector
/// consumes path text. A path is still attacker-sized text, so the nesting is capped at `maxDepth` (past it a lookup
/// finds nothing), keeping the stack bounded.
enum GJSONEngine {
    static let maxDepth = 200

    /// gjson's `parseContext`: the result being built and a pending pipe.
    final class Context {
        let json: [UInt8]
        var depth: Int
        var value = GJSONResult()
        var pipe: [UInt8] = []
        var piped = false

        init(_ json: [UInt8], depth: Int) {
            self.json = json
            self.depth = depth
        }
    }

    static func get(_ json: [UInt8], _ path: [UInt8], depth: Int = 0) -> GJSONResult {
        guard depth < maxDepth else { return GJSONResult() }
        var path = path
        if path.count > 1 {
            if path[0] == UInt8(ascii: "@") || path[0] == UInt8(ascii: "!") {
                let step = path[0] == UInt8(ascii: "@") ? GJSONModifiers.apply(json, path, depth: depth) : staticValue(path)
                if let (rest, rjson) = step {
                    if let first = rest.first, first == UInt8(ascii: "|") || first == UInt8(ascii: ".") {
                        return get(rjson, rest.sub(1), depth: depth + 1)
                    }
                    return GJSONScan.parse(rjson)
                }
            }
            if path[0] == UInt8(ascii: "[") || path[0] == UInt8(ascii: "{") {
                let kind = path[0]
                let parsed = GJSONPath.subSelectors(path)
                path = parsed?.rest ?? []
                if let parsed, path.isEmpty || path[0] == UInt8(ascii: "|") || path[0] == UInt8(ascii: ".") {
                    var result = GJSONResult(kind: .json, raw: select(json, parsed.selectors, kind: kind, depth: depth))
                    if !path.isEmpty { result = get(result.raw, path.sub(1), depth: depth + 1) }
                    return result
                }
            }
        }
        let c = Context(json, depth: depth)
        if path.count >= 2 && path[0] == UInt8(ascii: ".") && path[1] == UInt8(ascii: ".") {
            _ = parseArray(c, 0, path.sub(2))
        } else if let i = json.firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) {
            _ = json[i] == UInt8(ascii: "{") ? parseObject(c, i + 1, path) : parseArray(c, i + 1, path)
        }
        if c.piped { return get(c.value.raw, c.pipe, depth: depth + 1) }
        return c.value
    }

    /// A sub-selector's output: `[v1,v2]`, or `{"name":v1,...}` named by the selector's `name:` or the last path
    /// component (`_` when that is not a simple name); missing values are left out.
    private static func select(_ json: [UInt8], _ selectors: [GJSONPath.SubSelector], kind: UInt8, depth: Int) -> [UInt8] {
        var out: [UInt8] = [kind]
        var count = 0
        for selector in selectors {
            let res = get(json, selector.path, depth: depth + 1)
            guard res.exists else { continue }
            if count > 0 { out.append(UInt8(ascii: ",")) }
            if kind == UInt8(ascii: "{") {
                if !selector.name.isEmpty {
                    out += selector.name[0] == 0x22 && GJSONValid.isValid(selector.name) ? selector.name : GJSONScan.jsonString(selector.name)
                } else {
                    let last = nameOfLast(selector.path)
                    out += GJSONScan.jsonString(isSimpleName(last) ? last : [UInt8(ascii: "_")])
                }
                out.append(UInt8(ascii: ":"))
            }
            var raw = res.raw
            if raw.isEmpty {
                raw = res.string
                if raw.isEmpty { raw = Array("null".utf8) }
            }
            out += raw
            count += 1
        }
        out.append(kind + 2)
        return out
    }

    /// `execStatic`: `!true`, `!false`, `!null`, `!nan`, `!inf`, or a JSON literal after `!` (`!{"a":1}`, `!"x"`,
    /// `!12`); nil when the path names none of them.
    private static func staticValue(_ path: [UInt8]) -> (rest: [UInt8], json: [UInt8])? {
        var name = path.sub(1)
        if let c = name.first, c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || c == 0x22 || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            let raw = GJSONScan.squashValue(name, 0).1
            return (name.sub(raw.count), raw)
        }
        var rest: [UInt8] = []
        if let i = path.indices.dropFirst().first(where: { path[$0] == UInt8(ascii: "|") || path[$0] == UInt8(ascii: ".") }) {
            rest = path.sub(i)
            name = path.sub(1, i)
        }
        switch String(decoding: name, as: UTF8.self).lowercased() {
        case "true", "false", "null", "nan", "inf": return (rest, name)
        default: return nil
        }
    }

    /// `nameOfLast`: the component after the last unescaped `.` or `|`.
    static func nameOfLast(_ path: [UInt8]) -> [UInt8] {
        var i = path.count - 1
        while i >= 0 {
            if path[i] == UInt8(ascii: "|") || path[i] == UInt8(ascii: ".") {
                if i > 0 && path[i - 1] == UInt8(ascii: "\\") { i -= 1; continue }
                return path.sub(i + 1)
            }
            i -= 1
        }
        return path
    }

    static func isSimpleName(_ component: [UInt8]) -> Bool {
        !component.contains { $0 < 0x20 || Array("[]{}()#|!".utf8).contains($0) }
    }
}
