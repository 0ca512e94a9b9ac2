/// What the in-process kubectl failed with: the text kubectl would have printed on stderr (`Error from server
/// (NotFound): ...`, `unknown flag: --x`). Argo's `runKubectl` turns it into `no more retries <text>`.
/// `transient` marks failures Argo's `IsTransientErr` retries (no answer from the API server, etcd's
/// transient errors, `TRANSIENT_ERROR_PATTERN`).
public struct KubectlError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public var transient: Bool
    public var notFound: Bool

    public init(_ message: String, transient: Bool = false, notFound: Bool = false) {
        self.message = message
        self.transient = transient
        self.notFound = notFound
    }

    public var description: String { message }
}
