import Model

/// Turns libyaml's events into one `Document` at a time, iteratively: open collections live on an explicit
/// stack capped at `YAMLDocuments.maxDepth`, so `[[[[...` or `- - - ...` fail with an error instead of
/// growing without bound. Anchors are per document and registered when their node starts, so `&a [*a]`
/// refers to itself (decoding refuses it) and a later `&a` redefines `a` (gopkg.in/yaml.v2 decode.go,
/// `parser.anchor`, `parser.alias`).
struct Composer {
    private let events: EventParser
    private var started = false

    init(_ events: EventParser) { self.events = events }

    private struct Open {
        var node: Int
        var children: [Int] = []
    }

    /// The next document, or nil at the end of the stream.
    mutating func nextDocument() throws(ModelError) -> Document? {
        if !started {
            guard case .streamStart = try events.next() else { throw ModelError(.internal, "yaml: no stream start event") }
            started = true
        }
        let start: Mark
        switch try events.next() {
        case .streamEnd: return nil
        case .documentStart(let mark): start = mark
        case let other: throw ModelError(.internal, "yaml: expected a document start, got \(other)")
        }
        var nodes: [Node] = []
        var anchors: [String: Int] = [:]
        var stack: [Open] = []
        var root: Int?
        while root == nil {
            let event = try events.next()
            var finished: Int?
            switch event {
            case .scalar(let s):
                finished = add(Node(kind: .scalar(value: s.value, tag: s.tag, plainImplicit: s.plainImplicit), mark: s.mark,
                                    anchored: s.anchor != nil), anchor: s.anchor, to: &nodes, &anchors)
            case .alias(let name, let mark):
                guard let target = anchors[name] else { throw YAMLError.at(mark, "unknown anchor '\(name)' referenced") }
                finished = add(Node(kind: .alias(target: target, name: name), mark: mark, anchored: false), anchor: nil, to: &nodes, &anchors)
            case .sequenceStart(let anchor, let mark), .mappingStart(let anchor, let mark):
                guard stack.count < YAMLDocuments.maxDepth else {
                    throw YAMLError.at(mark, "exceeded max depth of \(YAMLDocuments.maxDepth)")
                }
                let kind: Node.Kind = if case .sequenceStart = event { .sequence([]) } else { .mapping([]) }
                stack.append(Open(node: add(Node(kind: kind, mark: mark, anchored: anchor != nil), anchor: anchor, to: &nodes, &anchors)))
            case .sequenceEnd, .mappingEnd:
                guard let open = stack.popLast() else { throw ModelError(.internal, "yaml: unbalanced collection end event") }
                if case .sequence = nodes[open.node].kind {
                    nodes[open.node].kind = .sequence(open.children)
                } else {
                    nodes[open.node].kind = .mapping(open.children)
                }
                finished = open.node
            case .streamStart, .streamEnd, .documentStart, .documentEnd:
                throw ModelError(.internal, "yaml: unexpected \(event) inside a document")
            }
            if let done = finished {
                if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
            }
        }
        guard case .documentEnd = try events.next(), let root else { throw ModelError(.internal, "yaml: no document end event") }
        return Document(nodes: nodes, root: root, start: start)
    }

    /// Appends `node`, registering its anchor (a later anchor of the same name replaces it).
    private func add(_ node: Node, anchor: String?, to nodes: inout [Node], _ anchors: inout [String: Int]) -> Int {
        nodes.append(node)
        if let anchor { anchors[anchor] = nodes.count - 1 }
        return nodes.count - 1
    }
}
