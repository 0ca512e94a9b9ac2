import Model

/// A label selector as apimachinery's `labels.Parse` reads it (pkg/labels/selector.go): the grammar
///
///     <selector>    ::= <requirement> | <requirement> "," <selector>
///     <requirement> ::= [!] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
///
/// Argo's resource templates evaluate `successCondition` / `failureCondition` with it over the live object
/// (workflow/executor/resource.go `WaitResource`), wrapping a parse error as
/// `success condition '%s' failed to parse: %v`.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// The requirements sorted by key, as `labels.Parse` sorts them.
    public var requirements: [LabelRequirement]

    public init(requirements: [LabelRequirement]) {
        self.requirements = requirements
    }

    /// `labels.Parse(text)`. The error message is apimachinery's, e.g. `unable to parse requirement: values[0][x]:
    /// Invalid value: "a b": ...` or `found '=', expected: ',' or 'end of string'`.
    public static func parse(_ text: String) throws(ModelError) -> LabelSelector {
        var parser = LabelSelectorParser(text)
        let parsed = try parser.parse()
        return LabelSelector(requirements: sortedByKey(parsed))
    }

    /// True when every requirement matches (an empty selector matches everything).
    public func matches(_ labels: some LabelSource) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// `Selector.String()`: the requirements joined with ",".
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }

    /// Go's `sort.Sort(ByKey(items))` compares keys by bytes. `sort.Sort` is pdqsort, which is an insertion sort (so
    /// stable) up to 12 elements; this sort is stable at every size, so only a selector of more than 12 requirements
    /// that repeats a key could list those repeats in another order than Go.
    static func sortedByKey(_ requirements: [LabelRequirement]) -> [LabelRequirement] {
        requirements.enumerated().sorted { a, b in
            if a.element.key.utf8.elementsEqual(b.element.key.utf8) { return a.offset < b.offset }
            return a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
        }.map(\.element)
    }

    /// Strings in Go's order (by bytes).
    static func sortedByBytes(_ values: [String]) -> [String] {
        values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
