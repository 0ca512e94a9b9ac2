/// One node of a composed document, kept in a flat array (`Document.nodes`) and linked by index, the way
/// go-yaml v2's parser builds its node tree before decoding (gopkg.in/yaml.v2 decode.go, `parser`).
struct Node: Sendable {
    enum Kind: Sendable {
        case scalar(value: String, tag: String, plainImplicit: Bool)
        case sequence([Int])
        /// Keys and values alternate: `[k0, v0, k1, v1, ...]`.
        case mapping([Int])
        /// An alias, resolved to its anchor's node when it is read, as go-yaml's parser does.
        case alias(target: Int, name: String)
    }

    var kind: Kind
    var mark: Mark
    /// Whether an anchor names this node: only those can be reached again through an alias.
    var anchored: Bool

    var isCollection: Bool {
        switch kind {
        case .sequence, .mapping: true
        case .scalar, .alias: false
        }
    }
}

/// One document of the stream: its nodes, the root's index and where the document starts.
struct Document: Sendable {
    var nodes: [Node]
    var root: Int
    var start: Mark
}
