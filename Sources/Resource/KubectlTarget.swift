import Model

/// One object a kubectl command acts on: from a `-f` manifest (with its body) or named on the command line.
struct KubectlTarget {
    var resource: APIResource
    var namespace: String?
    var name: String
    var object: JSONValue?
    /// The manifest file it came from, for kubectl's `error when creating "<file>"` messages.
    var source: String?

    var path: String { resource.objectPath(namespace: namespace, name: name) }
    var collection: String { resource.collectionPath(namespace: namespace) }
}
