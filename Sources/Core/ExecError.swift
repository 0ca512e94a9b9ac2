import ModelBase

/// The executor's structured error (docs/conventions.md rule 4): an Argo error code, Argo's message text, the cause,
/// context for logs (URL, bucket, key, path, status; never secrets), and whether a retry may help, decided
/// where the error is raised.
public struct ExecError: Error, Sendable, CustomStringConvertible {
    /// Argo's error codes (`errors/errors.go`), plus `notImplemented` for subcommands not built yet.
    public enum Code: String, Sendable {
        case notFound = "ERR_NOT_FOUND"
        case badRequest = "ERR_BAD_REQUEST"
        case `internal` = "ERR_INTERNAL"
        case forbidden = "ERR_FORBIDDEN"
        case unauthorized = "ERR_UNAUTHORIZED"
        case timeout = "ERR_TIMEOUT"
        case notImplemented = "ERR_NOT_IMPLEMENTED"
        case invalidConfig = "ERR_INVALID_CONFIG"
        /// Ours: no HTTP answer at all (connection refused or reset, name not resolved, TLS failure).
        case network = "ERR_NETWORK"
    }

    public var code: Code
    public var message: String
    public var cause: (any Error & Sendable)?
    /// For logs only (URL, bucket, key, path, request id; never a secret). Code never branches on it:
    /// what callers decide on is typed below.
    public var context: [String: String]
    public var isTransient: Bool
    /// The HTTP status of the response that failed, when there was one.
    public var status: Int?
    /// How long the server asked to wait before a retry (HTTP `Retry-After`).
    public var retryAfter: Duration?
    /// The server's own reason: a Kubernetes `Status.reason` (`AlreadyExists`), an S3 or OSS error `Code`.
    public var reason: String?

    public init(
        _ code: Code, _ message: String, cause: (any Error & Sendable)? = nil,
        context: [String: String] = [:], transient: Bool = false,
        status: Int? = nil, retryAfter: Duration? = nil, reason: String? = nil
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.context = context
        self.isTransient = transient
        self.status = status
        self.retryAfter = retryAfter
        self.reason = reason
    }

    /// Argo's text: the message, then `: ` and the cause's text (Go's `fmt.Errorf("...: %w", err)`).
    /// A message that already ends with the cause's text (`"reading x: \(error.message)"`) is not followed by
    /// it again: only what the cause adds beyond its message is appended, so no text is repeated.
    public var description: String {
        guard let cause else { return message }
        let inner = "\(cause)"
        if message.isEmpty { return inner }
        if message.hasSuffix(inner) { return message }
        if let wrapped = cause as? ExecError, !wrapped.message.isEmpty, message.hasSuffix(wrapped.message),
           inner.hasPrefix(wrapped.message) {
            return message + inner.dropFirst(wrapped.message.count)
        }
        return "\(message): \(inner)"
    }

    /// True if this error or any error in its cause chain carries `code`.
    public func has(_ code: Code) -> Bool {
        if self.code == code { return true }
        if let inner = cause as? ExecError { return inner.has(code) }
        if let model = cause as? ModelError { return ExecError(model).has(code) }
        return false
    }

    /// Wraps `error` with a message prefix, keeping its code and retryability.
    public static func wrap(_ error: any Error, _ message: String, context: [String: String] = [:]) -> ExecError {
        let inner = ExecError(error)
        return ExecError(inner.code, message, cause: inner, context: context, transient: inner.isTransient,
                         status: inner.status, retryAfter: inner.retryAfter, reason: inner.reason)
    }

    /// Runs a model rule (path cleaning, keys, relocation) and reports its failure as an `ExecError` with the
    /// same code and text.
    public static func model<T>(_ body: () throws(ModelError) -> T) throws(ExecError) -> T {
        do {
            return try body()
        } catch {
            throw ExecError(error)
        }
    }

    /// Turns any error into an `ExecError` (model errors keep their code; others become internal).
    public init(_ error: any Error) {
        if let e = error as? ExecError {
            self = e
        } else if let m = error as? ModelError {
            let code: Code = switch m.code {
            case .badRequest: .badRequest
            case .notFound: .notFound
            case .internal: .internal
            }
            self.init(code, m.message)
        } else {
            self.init(.internal, "", cause: SendableErrorText(error))
        }
    }
}

/// The text of a non-Sendable error, so it can travel inside an `ExecError`.
public struct SendableErrorText: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ error: any Error) { description = "\(error)" }
}

/// A process exit status to pass through unchanged (the emissary's child status, 65 for supervisor
/// failures), optionally with a message for the termination log (Argo's `cmd/argoexec/main.go`).
public struct ExitStatus: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var terminationMessage: String?

    public init(_ code: Int32, terminationMessage: String? = nil) {
        self.code = code
        self.terminationMessage = terminationMessage
    }

    public var description: String { terminationMessage ?? "exit status \(code)" }
}
