internal import CJQ
import Core
import Model

/// One libjq interpreter (`jq_state`), owned by this object and torn down in `deinit`. jq_state is not
/// thread-safe and `jq_compile` resets it, so `JQProgram` makes a fresh one for every run and never shares it.
final class JQState {
    private let state: OpaquePointer
    /// What jq reports through its error callback while compiling (jq prints them to stderr by default).
    private let messages = MessageSink()

    init() throws(ExecError) {
        _ = JQState.onigurumaReady
        guard let state = jq_init() else { throw ExecError(.internal, "jq_init failed (out of memory)") }
        self.state = state
        jq_set_error_cb(state, { data, message in
            guard let data else { jv_free(message); return }
            Unmanaged<MessageSink>.fromOpaque(data).takeUnretainedValue().append(JV(message))
        }, Unmanaged.passUnretained(messages).toOpaque())
        // No input stream: Argo runs gojq without one, where `input` and `inputs` fail with this text (jq 1.6
        // would end `inputs` quietly and fail `input` with "break").
        jq_set_input_cb(state, { _, _ in jv_invalid_with_msg(jv_string("input(s)/0 is not allowed")) }, nil)
    }

    deinit {
        var state: OpaquePointer? = state
        jq_teardown(&state)
    }

    /// Oniguruma's one explicit initialisation (Sources/CJQ/shim.h says why), done once per process: a Swift
    /// global's initialiser runs exactly once, thread-safely.
    private static let onigurumaReady: Int32 = argoexec_onig_initialize()

    /// Compiles `filter`; on failure, returns jq's messages (`syntax error, unexpected ...`), else nil.
    func compile(_ filter: String) -> [String]? {
        if jq_compile(state, filter) != 0 { return nil }
        return messages.texts.isEmpty ? ["compile error"] : messages.texts
    }

    /// Runs the compiled program on `input` (consumed) and collects every result. Stops at the first error, as
    /// Argo's jqFilter does (jq's own CLI would print the error and go on backtracking).
    func run(_ input: consuming JV) throws(JQFailure) -> [JSONValue] {
        jq_start(state, input.take(), 0)
        var results: [JSONValue] = []
        while true {
            let next = JV(jq_next(state))
            if next.kind != JV_KIND_INVALID {
                do { results.append(try next.jsonValue()) } catch { throw .conversion(error) }
                continue
            }
            if jq_halted(state) != 0 {
                // `halt` / `halt_error`: gojq hands Argo an error for both (its exitCodeError, "error: null"
                // for plain `halt`), so neither is a quiet end here.
                let value = JV(jq_get_error_message(state))
                throw .halted(value.kind == JV_KIND_INVALID || value.kind == JV_KIND_NULL ? "null" : value.text)
            }
            let message = next.invalidMessage()
            // An invalid value without a message is the end of the results (jq 1.6 also ends so on error(null)).
            if message.kind == JV_KIND_NULL { return results }
            throw .runtime(message.text)
        }
    }
}

/// How a run failed, before `JQProgram` words it with the filter.
enum JQFailure: Error {
    case runtime(String)
    case halted(String)
    case conversion(ExecError)
}

extension JV {
    /// A message value as text: a string as it is, any other value as compact JSON (gojq's wording for `error({})`).
    var text: String { kind == JV_KIND_STRING ? string : dumped }
}

/// Collects jq's error-callback messages for one `JQState` (only ever touched by the thread that owns the state).
private final class MessageSink {
    private(set) var texts: [String] = []

    func append(_ message: consuming JV) {
        switch message.kind {
        case JV_KIND_STRING: texts.append(message.string)
        case JV_KIND_INVALID: texts.append(message.invalidMessage().text)
        default: texts.append(message.text)
        }
    }
}
