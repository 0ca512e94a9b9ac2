#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// errno as a value, with the OS text (`no such file or directory`, as Go prints it: lower case).
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public let errno: Int32
    public init(_ errno: Int32) { self.errno = errno }

    public static var current: SystemError { SystemError(Glibc.errno) }

    public var description: String {
        let text = String(cString: strerror(errno))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension ExecError {
    /// `<operation> <path>: <os text>` like Go's `*PathError`, with ENOENT mapped to NotFound so optional
    /// artifacts can be skipped.
    public static func system(_ operation: String, _ path: String, _ errno: Int32) -> ExecError {
        let code: Code = errno == ENOENT ? .notFound : (errno == EACCES || errno == EPERM ? .forbidden : .internal)
        let transient = errno == EINTR || errno == EAGAIN || errno == ESTALE
        return ExecError(code, "\(operation) \(path)", cause: SystemError(errno), context: ["path": path], transient: transient)
    }
}
