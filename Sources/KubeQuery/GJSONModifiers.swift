/// gjson's path modifiers (gjson.go `execModifier` and the `mod*` functions): `@this`, `@ugly`, `@reverse`,
/// `@flatten`, `@keys`, `@values`, `@join`, `@valid`, `@tostr`, `@fromstr`, `@group`, `@dig`. Left out: `@pretty`
/// (github.com/tidwall/pretty's indenting writer), which yields nothing here. Argo never reaches a modifier: its
/// paths are label keys, which cannot contain `@`.
enum GJSONModifiers {
    /// (path after the modifier, modifier output), or nil when the path does not start with a known modifier.
    static func apply(_ json: [UInt8], _ path: [UInt8], depth: Int) -> (rest: [UInt8], json: [UInt8])? {
        var name = path.sub(1)
        var rest: [UInt8] = []
        var hasArgs = false
        if let i = path.indices.dropFirst().first(where: { [UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: ".")].contains(path[$0]) }) {
            name = path.sub(1, i)
            if path[i] == UInt8(ascii: ":") {
                rest = path.sub(i + 1)
                hasArgs = !rest.isEmpty
            } else {
                rest = path.sub(i)
            }
        }
        let modifier = String(decoding: name, as: UTF8.self)
        guard GJSONPath.modifierNames.contains(modifier) else { return nil }
        var args: [UInt8] = []
        if hasArgs {
            var parsed = false
            if [UInt8(ascii: "{"), UInt8(ascii: "["), 0x22].contains(rest[0]), GJSONScan.parse(rest).exists {
                args = GJSONScan.squash(rest)
                rest = rest.sub(args.count)
                parsed = true
            }
            if !parsed {
                var i = 0
                while i < rest.count, rest[i] != UInt8(ascii: "|") {
                    if [UInt8(ascii: "{"), UInt8(ascii: "["), 0x22, UInt8(ascii: "(")].contains(rest[i]) {
                        i += max(GJSONScan.squash(rest.sub(i)).count - 1, 0)
                    }
                    i += 1
                }
                args = rest.sub(0, i)
                rest = rest.sub(i)
            }
        }
        return (rest, run(modifier, json, args, depth: depth))
    }

    private static func run(_ name: String, _ json: [UInt8], _ arg: [UInt8], depth: Int) -> [UInt8] {
        switch name {
        case "this": return json
        case "ugly": return ugly(json)
        case "reverse": return reverse(json)
        case "flatten": return flatten(json, deep: option(arg, "deep"), depth: depth)
        case "keys", "values": return keysOrValues(json, keys: name == "keys")
        case "join": return join(json, preserve: option(arg, "preserve"))
        case "valid": return GJSONValid.isValid(json) ? json : []
        case "tostr": return GJSONScan.jsonString(json)
        case "fromstr": return GJSONValid.isValid(json) ? GJSONScan.parse(json).string : []
        case "group": return group(json)
        case "dig": return dig(json, arg, depth: depth)
        default: return []
        }
    }

    /// A boolean option from a JSON argument such as `{"deep":true}` (`Result.Bool`).
    private static func option(_ arg: [UInt8], _ key: String) -> Bool {
        var value = false
        GJSONIterate.forEach(GJSONScan.parse(arg)) { k, v in
            if k.string == Array(key.utf8) { value = GJSONIterate.bool(v) }
            return true
        }
        return value
    }

    /// github.com/tidwall/pretty `Ugly`: whitespace outside strings removed.
    static func ugly(_ src: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < src.count {
            if src[i] > 0x20 {
                out.append(src[i])
                if src[i] == 0x22 {
                    i += 1
                    while i < src.count {
                        out.append(src[i])
                        if src[i] == 0x22 {
                            var j = i - 1
                            while j >= 0, src[j] == 0x5C { j -= 1 }
                            if (j - i) % 2 != 0 { break }
                        }
                        i += 1
                    }
                }
            }
            i += 1
        }
        return out
    }

    private static func reverse(_ json: [UInt8]) -> [UInt8] {
        let res = GJSONScan.parse(json)
        guard res.isArray || res.isObject else { return json }
        var entries: [[UInt8]] = []
        GJSONIterate.forEach(res) { key, value in
            entries.append(res.isArray ? value.raw : key.raw + [UInt8(ascii: ":")] + value.raw)
            return true
        }
        let (open, close) = res.isArray ? (UInt8(ascii: "["), UInt8(ascii: "]")) : (UInt8(ascii: "{"), UInt8(ascii: "}"))
        return [open] + Array(entries.reversed().joined(separator: [UInt8(ascii: ",")])) + [close]
    }
}
