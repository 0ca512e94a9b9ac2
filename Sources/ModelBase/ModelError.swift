/// An error raised by a model rule (path cleaning, keys, relocation). Carries Argo's error code so the
/// executor can keep Argo's NotFound / BadRequest distinctions, and Argo's exact message text.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case badRequest = "ERR_BAD_REQUEST"
        case notFound = "ERR_NOT_FOUND"
        case `internal` = "ERR_INTERNAL"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
