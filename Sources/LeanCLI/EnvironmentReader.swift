import Core
import ModelBase

/// Typed access to environment variables, each read the way Argo reads it (docs/configuration.md):
/// - a switch is on only for exactly `true` (Go's `== "true"`); any other value is off, with a warning;
/// - a value Argo ignores when malformed (grace period, progress ticks, upload threads, part size, the
///   transient-error pattern) falls back to Argo's default, with a warning naming the variable;
/// - a value Argo panics on (`util/env/env.go`: retry backoffs, `RESOURCE_STATE_CHECK_INTERVAL`; the
///   deadline in `cmd/argoexec/executor/init.go`) is an error naming the variable, but only for commands
///   that use it: with `strict` off (the emissary, `kill`) it is noted at debug level and skipped.
public final class EnvironmentReader {
    public let env: [String: String]
    public let strict: Bool
    /// Fallbacks taken, for the command's logger (built after the configuration).
    public private(set) var warnings: [String] = []
    /// Errors skipped because the command does not use the variable (`strict` off).
    public private(set) var skipped: [String] = []

    public init(_ env: [String: String], strict: Bool = true) {
        self.env = env
        self.strict = strict
    }

    /// The value, or nil when unset or empty.
    public func string(_ name: String) -> String? {
        guard let v = env[name], !v.isEmpty else { return nil }
        return v
    }

    /// On only for exactly `true`, as Argo tests it; `True` or `1` are off there, so they are off here too,
    /// with a warning instead of Argo's silence.
    public func flag(_ name: String) -> Bool {
        guard let v = string(name) else { return false }
        if v != "true" && v != "false" { warn(name, v, "only \"true\" turns it on (Argo compares with \"true\"); taken as false") }
        return v == "true"
    }

    /// Go's `strconv.Atoi` over the trimmed value; nil when unset. Malformed: `fallback` says whether Argo
    /// ignores it (warning, nil) or panics (an error when strict).
    public func integer(_ name: String, fallback: Bool) throws(ExecError) -> Int? {
        guard let v = string(name) else { return nil }
        if let i = Int(v.trimmingSpaces()) { return i }
        return try malformed(name, v, "expected an integer", fallback: fallback)
    }

    /// Go's `strconv.ParseFloat`; malformed values are fatal in Argo (`LookupEnvFloatOr`).
    public func number(_ name: String) throws(ExecError) -> Double? {
        guard let v = string(name) else { return nil }
        if let d = Double(v.trimmingSpaces()) { return d }
        return try malformed(name, v, "expected a number", fallback: false)
    }

    /// Go's `time.ParseDuration`; negative values are returned as they are, for the caller to judge.
    public func duration(_ name: String, fallback: Bool) throws(ExecError) -> Duration? {
        guard let v = string(name) else { return nil }
        if let d = GoDuration.parse(v.trimmingSpaces()) { return d }
        return try malformed(name, v, "expected a Go duration such as 30s, 1m0s or 500ms", fallback: fallback)
    }

    /// RFC 3339, as Argo parses `ARGO_DEADLINE` (fatal when malformed).
    public func time(_ name: String) throws(ExecError) -> UTCTime? {
        guard let v = string(name) else { return nil }
        if let t = UTCTime.parseRFC3339(v.trimmingSpaces()) { return t }
        return try malformed(name, v, "expected an RFC 3339 time such as 2026-01-02T15:04:05Z", fallback: false)
    }

    /// A comma-separated list; blanks dropped, entries trimmed.
    public func list(_ name: String) -> [String] {
        (string(name) ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// A regular expression's text; whether it compiles is checked where it is compiled (the full binary's
    /// `TransientErrorRegex`, Go's syntax in linear time), so no regex engine is linked into the lean binary.
    public func regex(_ name: String) -> String? { string(name) }

    /// Records a fallback Argo takes silently or with its own log line.
    public func warn(_ name: String, _ value: String, _ why: String) {
        warnings.append("ignoring environment variable \(name)=\(quoted(value)): \(why)")
    }

    private func malformed<T>(_ name: String, _ value: String, _ why: String, fallback: Bool) throws(ExecError) -> T? {
        if fallback {
            warn(name, value, why + "; using the default")
            return nil
        }
        let message = "invalid value for environment variable \(name): \(quoted(value)): \(why)"
        guard strict else {
            skipped.append(message)
            return nil
        }
        throw ExecError(.invalidConfig, message, context: ["variable": name])
    }

    private func quoted(_ value: String) -> String {
        let shown = value.count > 80 ? String(value.prefix(80)) + "..." : value
        return "\"" + shown + "\""
    }
}
