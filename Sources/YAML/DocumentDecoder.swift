import Model

/// Decodes a composed document into JSON the way sigs.k8s.io/yaml's YAMLToJSON does: go-yaml v2 decodes it
/// into `interface{}` (gopkg.in/yaml.v2 decode.go), then keys become strings (yaml.go,
/// `convertToJSONableObject`). A repeated key keeps its last value (YAMLToJSON is not strict); `<<` merges
/// in place, in document order, as v2 does (so a merge overrides keys written before it).
///
/// Aliases: each anchored node is decoded once and its value reused (copy-on-write, so an alias costs no
/// memory), but every expansion still counts toward go-yaml v2's aliasing limit (decode.go, `unmarshal`,
/// `allowedAliasRatio`): more than 100 aliased decodes in a document of over 1,000 are refused once they are
/// more than 99% of all decodes up to 400,000, falling linearly to 10% at 4,000,000. A billion-laughs
/// document therefore fails after a few thousand steps, and a huge legitimate one cannot expand past
/// about 1.1 times its own size.
struct DocumentDecoder {
    let nodes: [Node]
    private var decodeCount = 0
    private var aliasCount = 0
    var aliasDepth = 0
    private var decoded: [Int: Decoded] = [:]
    var inProgress: Set<Int> = []

    /// A node's value, its nesting height (0 for scalars) and the decode operations it took.
    struct Decoded {
        var value: JSONValue
        var height: Int
        var count = 0
    }

    static func decode(_ document: Document) throws(ModelError) -> JSONValue {
        var decoder = DocumentDecoder(nodes: document.nodes)
        try decoder.tick(document.start)  // go-yaml counts the document node itself
        return try decoder.decode(document.root, depth: 0).value
    }

    private init(nodes: [Node]) { self.nodes = nodes }

    /// `depth` is the number of collections around the node.
    mutating func decode(_ index: Int, depth: Int) throws(ModelError) -> Decoded {
        let node = nodes[index]
        if case .alias(let target, let name) = node.kind { return try alias(target, name, at: node.mark, depth: depth) }
        if node.isCollection, depth >= YAMLDocuments.maxDepth {
            throw YAMLError.at(node.mark, "exceeded max depth of \(YAMLDocuments.maxDepth)")
        }
        let before = decodeCount
        if node.anchored { inProgress.insert(index) }
        try tick(node.mark)
        var result: Decoded
        switch node.kind {
        case .scalar(let value, let tag, let plainImplicit):
            let resolved = try ScalarResolver.resolve(value: value, tag: tag, plainImplicit: plainImplicit, at: node.mark)
            result = Decoded(value: try resolved.json(at: node.mark), height: 0)
        case .sequence(let items):
            var values: [JSONValue] = []
            values.reserveCapacity(items.count)
            var height = 0
            for item in items {
                let element = try decode(item, depth: depth + 1)
                values.append(element.value)
                height = max(height, element.height)
            }
            result = Decoded(value: .array(values), height: height + 1)
        case .mapping(let pairs):
            result = try mapping(pairs, depth: depth)
        case .alias:
            throw ModelError(.internal, "yaml: alias handled above")
        }
        result.count = decodeCount - before
        if node.anchored {
            inProgress.remove(index)
            decoded[index] = result
        }
        return result
    }

    /// An alias counts once itself, then every node of its anchor's value as an aliased decode.
    private mutating func alias(_ target: Int, _ name: String, at mark: Mark, depth: Int) throws(ModelError) -> Decoded {
        try tick(mark)
        guard !inProgress.contains(target) else { throw YAMLError.at(mark, "anchor '\(name)' value contains itself") }
        let result: Decoded
        if let cached = decoded[target] {
            decodeCount += cached.count
            aliasCount += cached.count
            try checkAliasing(mark)
            result = cached
        } else {
            // An anchor on a node never decoded where it stands (a `<<` merge key) is decoded here.
            aliasDepth += 1
            defer { aliasDepth -= 1 }
            result = try decode(target, depth: depth)
        }
        guard depth + result.height <= YAMLDocuments.maxDepth else {
            throw YAMLError.at(mark, "exceeded max depth of \(YAMLDocuments.maxDepth) expanding alias '\(name)'")
        }
        return result
    }

    mutating func tick(_ mark: Mark) throws(ModelError) {
        decodeCount += 1
        if aliasDepth > 0 { aliasCount += 1 }
        try checkAliasing(mark)
    }

    private func checkAliasing(_ mark: Mark) throws(ModelError) {
        guard aliasCount > 100, decodeCount > 1000 else { return }
        let allowed: Double = switch decodeCount {
        case ...400_000: 0.99
        case 4_000_000...: 0.10
        default: 0.99 - 0.89 * Double(decodeCount - 400_000) / Double(4_000_000 - 400_000)
        }
        if Double(aliasCount) / Double(decodeCount) > allowed {
            throw YAMLError.at(mark, "document contains excessive aliasing")
        }
    }
}
