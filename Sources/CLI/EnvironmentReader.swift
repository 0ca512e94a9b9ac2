import Core
import Model

/// Typed access to environment variables; every parse failure names the variable and the bad value.
struct EnvironmentReader {
    let env: [String: String]

    init(_ env: [String: String]) { self.env = env }

    /// The value, or nil when unset or empty.
    func string(_ name: String) -> String? {
        guard let v = env[name], !v.isEmpty else { return nil }
        return v
    }

    /// Exactly `"true"` or `"false"`; unset is false. Argo tests `== "true"`, so `True` or `1` would silently
    /// mean false there: we refuse them instead of guessing.
    func flag(_ name: String) throws(ExecError) -> Bool {
        guard let v = string(name) else { return false }
        switch v {
        case "true": return true
        case "false": return false
        default: throw invalid(name, v, "expected true or false")
        }
    }

    func integer(_ name: String, range: ClosedRange<Int>) throws(ExecError) -> Int? {
        guard let v = string(name) else { return nil }
        guard let i = Int(v.trimmingSpaces()) else { throw invalid(name, v, "expected an integer") }
        guard range.contains(i) else {
            throw invalid(name, v, "expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return i
    }

    func number(_ name: String) throws(ExecError) -> Double? {
        guard let v = string(name) else { return nil }
        guard let d = Double(v.trimmingSpaces()), d.isFinite, d >= 0 else {
            throw invalid(name, v, "expected a non-negative number")
        }
        return d
    }

    func duration(_ name: String) throws(ExecError) -> Duration? {
        guard let v = string(name) else { return nil }
        guard let d = GoDuration.parse(v.trimmingSpaces()), d >= .zero else {
            throw invalid(name, v, "expected a Go duration such as 30s, 1m0s or 500ms")
        }
        return d
    }

    func time(_ name: String) throws(ExecError) -> UTCTime? {
        guard let v = string(name) else { return nil }
        guard let t = UTCTime.parseRFC3339(v.trimmingSpaces()) else {
            throw invalid(name, v, "expected an RFC 3339 time such as 2026-01-02T15:04:05Z")
        }
        return t
    }

    /// A comma-separated list; blanks dropped, entries trimmed.
    func list(_ name: String) -> [String] {
        (string(name) ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    func regex(_ name: String) throws(ExecError) -> String? {
        guard let v = string(name) else { return nil }
        do {
            // Swift's Regex accepts RE2's common syntax (\d, (?i), classes, alternation). It costs nothing
            // extra in the static binary: FoundationEssentials links the regex engine anyway (linker map).
            _ = try Regex(v)
        } catch {
            throw invalid(name, v, "not a valid regular expression: \(error)")
        }
        return v
    }

    /// `<prefix>STEPS`, `DURATION`, `FACTOR` and (when `jitter`) `JITTER` over `base`.
    func backoff(prefix: String, base: Backoff, jitter: Bool) throws(ExecError) -> Backoff {
        var b = base
        if let steps = try integer(prefix + "STEPS", range: 1...1000) { b.steps = steps }
        if let d = try duration(prefix + "DURATION") { b.duration = d }
        if let f = try number(prefix + "FACTOR") { b.factor = f }
        if jitter, let j = try number(prefix + "JITTER") { b.jitter = j }
        return b
    }

    private func invalid(_ name: String, _ value: String, _ why: String) -> ExecError {
        ExecError(.invalidConfig, "invalid value for environment variable \(name): \(quoted(value)): \(why)",
                  context: ["variable": name])
    }

    private func quoted(_ value: String) -> String {
        let shown = value.count > 80 ? String(value.prefix(80)) + "..." : value
        return "\"" + shown + "\""
    }
}
