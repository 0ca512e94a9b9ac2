import Core
import Model

/// A jq filter, run with the real jq (libjq 1.6 with jq 1.7's `.a.[]` syntax, linked static; docs/build.md)
/// for resource templates' `jqFilter` output parameters, which Argo evaluates with gojq
/// (workflow/executor/resource.go, `jqFilter`).
///
/// The value only keeps the filter text: every `run` compiles it into a fresh `jq_state`, because a jq_state
/// is neither thread-safe nor reusable across compiles. `init` compiles once to report a bad filter early.
public struct JQProgram: Sendable {
    public let filter: String

    /// Checks that `filter` compiles; a syntax error (or an undefined function or variable) is `.badRequest`
    /// with jq's own text and the filter.
    public init(_ filter: String) throws(ExecError) {
        self.filter = filter
        _ = try compiled()
    }

    /// For callers that run the filter at once: `run` reports a bad filter just the same, and jq 1.6 compiles
    /// its whole builtin library on every compile (about 10 ms), so this saves the checking compile.
    init(unchecked filter: String) {
        self.filter = filter
    }

    /// Every result of the filter on `input`, in order; the first runtime error (`.badRequest`) ends the run.
    public func run(_ input: JSONValue) throws(ExecError) -> [JSONValue] {
        let state = try compiled()
        let value = try JV(input)
        do throws(JQFailure) {
            return try state.run(value)
        } catch {
            throw failure(error)
        }
    }

    private func compiled() throws(ExecError) -> JQState {
        guard !filter.utf8.contains(0) else { throw invalid(["the filter contains a NUL byte"]) }
        let state = try JQState()
        let blank = filter.allSatisfy(\.isWhitespace)
        if let messages = state.compile(blank ? filter : JQProgram.prelude + filter) { throw invalid(messages) }
        return state
    }

    /// Argo parses and runs with gojq's defaults, where `env` and `$ENV` are `{}` (gojq's README: the OS
    /// environment is reachable only through WithEnvironLoader); jq 1.6 would hand the executor's environment to
    /// the filter and so to an output parameter. Kept on the filter's line, so jq's `line N` and `$__loc__` hold.
    private static let prelude = "def env: {}; {} as $ENV | "

    /// jq's compile messages without its CLI decoration: `jq: error: ` in front, the shell-quoting hint, the
    /// echoed program after `line N:`, and the closing `jq: N compile errors` count.
    private func invalid(_ messages: [String]) -> ExecError {
        var lines: [String] = []
        for message in messages {
            var text = message
            if text.hasPrefix("jq: error: ") { text.removeFirst("jq: error: ".count) }
            text = text.replacing(text: " (Unix shell quoting issues?)", with: "")
            if text.hasPrefix("jq: "), text.hasSuffix(" compile error") || text.hasSuffix(" compile errors") {
                continue
            }
            if let newline = text.firstIndex(of: "\n"), text[..<newline].hasSuffix(":") {
                text = String(text[..<text.index(before: newline)])
            }
            lines.append(text)
        }
        if lines.isEmpty { lines = ["compile error"] }
        return ExecError(.badRequest, "invalid jq filter \(quoted): \(lines.joined(separator: "; "))",
                         context: ["filter": filter])
    }

    private func failure(_ failure: JQFailure) -> ExecError {
        switch failure {
        case .runtime(let text):
            return ExecError(.badRequest, "jq filter \(quoted): \(text)", context: ["filter": filter])
        case .halted(let text):
            return ExecError(.badRequest, "jq filter \(quoted) halted: \(text)", context: ["filter": filter])
        case .conversion(let error):
            return ExecError(error.code, "jq filter \(quoted): \(error.message)", context: ["filter": filter])
        }
    }

    private var quoted: String { "\"\(filter)\"" }
}
