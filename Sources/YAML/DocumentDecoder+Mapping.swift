import Model

extension DocumentDecoder {
    /// A mapping's entries in order; `<<` entries merge (gopkg.in/yaml.v2 decode.go, `mapping`, `merge`).
    mutating func mapping(_ pairs: [Int], depth: Int) throws(ModelError) -> Decoded {
        var object: [String: JSONValue] = [:]
        var height = 0
        for i in stride(from: 0, to: pairs.count - 1, by: 2) {
            if isMerge(pairs[i]) {
                height = max(height, try merge(pairs[i + 1], into: &object, depth: depth))
                continue
            }
            let key = try key(pairs[i])
            let value = try decode(pairs[i + 1], depth: depth + 1)
            object[key] = value.value
            height = max(height, value.height)
        }
        return Decoded(value: .object(object), height: height + 1)
    }

    /// v2's `isMerge`: a `<<` key that is plain (or `!`-tagged), or tagged `!!merge`.
    private func isMerge(_ index: Int) -> Bool {
        guard case .scalar(let value, let tag, let plainImplicit) = nodes[index].kind, value == "<<" else { return false }
        return plainImplicit || tag == ScalarResolver.merge
    }

    /// A key as a string: a scalar (directly or through an alias) resolved as a value would be, then turned
    /// into text by its Go type; a mapping or sequence cannot be a key.
    private mutating func key(_ index: Int) throws(ModelError) -> String {
        var node = nodes[index]
        try tick(node.mark)
        if case .alias(let target, let name) = node.kind {
            guard !inProgress.contains(target) else { throw YAMLError.at(node.mark, "anchor '\(name)' value contains itself") }
            node = nodes[target]
            aliasDepth += 1
            defer { aliasDepth -= 1 }
            try tick(node.mark)
        }
        guard case .scalar(let value, let tag, let plainImplicit) = node.kind else {
            throw YAMLError.at(node.mark, "invalid map key: a mapping or sequence cannot be a JSON object key")
        }
        return try ScalarResolver.resolve(value: value, tag: tag, plainImplicit: plainImplicit, at: node.mark).key(at: node.mark)
    }

    /// Merges a `<<` value into `object`: a mapping, an alias of one, or a sequence of those, whose earlier
    /// members win (v2 merges them last to first). Returns the height the merged values add.
    private mutating func merge(_ index: Int, into object: inout [String: JSONValue], depth: Int) throws(ModelError) -> Int {
        let node = nodes[index]
        let sources: [Int]
        switch node.kind {
        case .mapping, .alias: sources = [index]
        case .sequence(let items): sources = items.reversed()
        case .scalar: sources = []
        }
        guard !sources.isEmpty || node.isCollection else { throw wantMap(node.mark) }
        var height = 0
        for source in sources {
            var target = nodes[source]
            if case .alias(let t, _) = target.kind { target = nodes[t] }
            guard case .mapping = target.kind else { throw wantMap(nodes[source].mark) }
            let merged = try decode(source, depth: depth)
            guard case .object(let entries) = merged.value else { throw wantMap(nodes[source].mark) }
            object.merge(entries) { _, new in new }
            height = max(height, merged.height - 1)
        }
        return height
    }

    private func wantMap(_ mark: Mark) -> ModelError {
        YAMLError.at(mark, "map merge requires map or sequence of maps as the value")
    }
}
