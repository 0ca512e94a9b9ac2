/// The compiled regexps of one run: the program's literal patterns (compiled, and checked, at compile
/// time as expr-lang does) plus patterns computed at run time, compiled once each.
final class RegexCache {
    private var compiled: [String: Regex]

    init(_ precompiled: [String: Regex]) { compiled = precompiled }

    func compile(_ pattern: String) throws(ExprError) -> Regex {
        if let regex = compiled[pattern] { return regex }
        do {
            let regex = try Regex(pattern)
            compiled[pattern] = regex
            return regex
        } catch {
            throw .runtime(error.message)
        }
    }
}
