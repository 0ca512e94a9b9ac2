/// The parse tree of k8s.io/client-go/util/jsonpath (node.go). A list node is an array of nodes: the template's root
/// list holds text and one list per `{...}` action.
indirect enum JSONPathNode: Equatable, Sendable {
    case text(String)
    case field(String)
    case array([JSONPathParam])
    case list([JSONPathNode])
    case filter(left: [JSONPathNode], right: [JSONPathNode], op: String)
    case int(Int)
    case float(Double)
    case wildcard
    case recursive
    case union([[JSONPathNode]])
    case identifier(String)
    case bool(Bool)
}

/// node.go `ParamsEntry`: one of an array node's start, end and step.
struct JSONPathParam: Equatable, Sendable {
    var value = 0
    /// Whether the value was given (or derived) at parse time.
    var known = false
    /// The end of `[n]`, set to n+1 by the parser.
    var derived = false
}

/// An error from the JSONPath parser or evaluator, with client-go's text.
struct JSONPathFailure: Error, Equatable {
    let message: String

    init(_ message: String) { self.message = message }
}
