#if canImport(Glibc)
import Glibc
#endif

/// Ending the process and reading its environment: the CLI's only contact with the process itself.
public enum ProcessControl {
    /// `exit`: stdio flushed, exit handlers run.
    public static func exit(_ code: Int32) -> Never { Glibc.exit(code) }

    /// `_exit`: nothing flushed, no handlers (the emissary writes nothing buffered; a signal handler must
    /// not run other code).
    public static func exitNow(_ code: Int32) -> Never { Glibc._exit(code) }

    /// Blocks this thread for good (another thread is ending the process).
    public static func suspendForever() -> Never {
        while true { pause() }
    }

    /// The environment straight from `environ` (Foundation's `ProcessInfo` costs a measurable part of the
    /// emissary's start-up). A name set twice keeps its first value, as `getenv` reads it.
    public static func environment() -> [String: String] {
        var env: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let eq = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<eq])
                if env[name] == nil { env[name] = String(text[text.index(after: eq)...]) }
            }
            entry += 1
        }
        return env
    }
}
