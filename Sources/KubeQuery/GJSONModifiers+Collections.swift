/// The collection modifiers of gjson.go: `modFlatten`, `modKeys`, `modValues`, `modJoin`, `modGroup`, `modDig`.
extension GJSONModifiers {
    /// `@flatten`, `@flatten:{"deep":true}`. Deep flattening nests one call per array level; past the engine's depth
    /// cap the inner arrays are left as they are.
    static func flatten(_ json: [UInt8], deep: Bool, depth: Int) -> [UInt8] {
        let res = GJSONScan.parse(json)
        guard res.isArray else { return json }
        var items: [[UInt8]] = []
        GJSONIterate.forEach(res) { _, value in
            var raw = value.raw
            if value.isArray {
                raw = GJSONIterate.unwrap(deep && depth < GJSONEngine.maxDepth ? flatten(value.raw, deep: true, depth: depth + 1) : value.raw)
            }
            raw = raw.trimmedGJSON()
            if !raw.isEmpty { items.append(raw) }
            return true
        }
        return [UInt8(ascii: "[")] + Array(items.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
    }

    /// `@keys` (`null` for each element of a non-object) and `@values`.
    static func keysOrValues(_ json: [UInt8], keys: Bool) -> [UInt8] {
        let v = GJSONScan.parse(json)
        guard v.exists else { return Array("[]".utf8) }
        if !keys && v.isArray { return json }
        var items: [[UInt8]] = []
        GJSONIterate.forEach(v) { key, value in
            items.append(keys ? (v.isObject ? key.raw : Array("null".utf8)) : value.raw)
            return true
        }
        return [UInt8(ascii: "[")] + Array(items.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
    }

    /// `@join`: the members of an array of objects as one object, later keys replacing earlier ones in the place
    /// of their first appearance; `{"preserve":true}` keeps every member.
    static func join(_ json: [UInt8], preserve: Bool) -> [UInt8] {
        let res = GJSONScan.parse(json)
        guard res.isArray else { return json }
        var members: [[UInt8]] = []
        if preserve {
            GJSONIterate.forEach(res) { _, value in
                if value.isObject { members.append(GJSONIterate.unwrap(value.raw)) }
                return true
            }
        } else {
            var keys: [GJSONResult] = []
            var values: [[UInt8]: [UInt8]] = [:]
            GJSONIterate.forEach(res) { _, object in
                guard object.isObject else { return true }
                GJSONIterate.forEach(object) { key, value in
                    if values[key.string] == nil { keys.append(key) }
                    values[key.string] = value.raw
                    return true
                }
                return true
            }
            members = keys.map { $0.raw + [UInt8(ascii: ":")] + (values[$0.string] ?? []) }
        }
        return [UInt8(ascii: "{")] + Array(members.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "}")]
    }

    /// `@group`: `{"a":[1,2],"b":[3,4]}` becomes `[{"a":1,"b":3},{"a":2,"b":4}]`.
    static func group(_ json: [UInt8]) -> [UInt8] {
        let res = GJSONScan.parse(json)
        guard res.isObject else { return [] }
        var rows: [[UInt8]] = []
        GJSONIterate.forEach(res) { key, value in
            guard value.isArray else { return true }
            var index = 0
            GJSONIterate.forEach(value) { _, element in
                if index == rows.count { rows.append([]) }
                rows[index] += [UInt8(ascii: ",")] + key.raw + [UInt8(ascii: ":")] + element.raw
                index += 1
                return true
            }
            return true
        }
        let objects = rows.map { [UInt8(ascii: "{")] + $0.sub(1) + [UInt8(ascii: "}")] }
        return [UInt8(ascii: "[")] + Array(objects.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
    }

    /// `@dig:path`: every value, at any depth, that the path finds, in document order. Walked with an explicit
    /// stack; at most `maxDigVisits` values are visited, as each visit re-reads its subtree.
    static func dig(_ json: [UInt8], _ path: [UInt8], depth: Int) -> [UInt8] {
        let maxDigVisits = 100_000
        var found: [[UInt8]] = []
        var stack = [GJSONScan.parse(json)]
        var visits = 0
        while let parent = stack.popLast(), visits < maxDigVisits {
            visits += 1
            let res = GJSONEngine.get(parent.raw, path, depth: depth + 1)
            if res.exists { found.append(res.raw) }
            guard parent.isArray || parent.isObject else { continue }
            var children: [GJSONResult] = []
            GJSONIterate.forEach(parent) { _, value in children.append(value); return true }
            stack += children.reversed()
        }
        return [UInt8(ascii: "[")] + Array(found.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
    }
}
