/// client-go util/jsonpath's evaluator (jsonpath.go `FindResults` and `walk`), kept step for step because kubectl's
/// output depends on its quirks: `range` / `end` are identifiers that set counters shared by the whole evaluation;
/// a step that fails may still hand its input on (an existence filter keeps an element whose path errored); an
/// out-of-range `[0:0]` stops the step early.
///
/// Bounds the Go code does not have: `range` nesting deeper than `maxRangeNesting` and more than `maxItems` values
/// produced by one evaluation are errors, so a template cannot recurse without limit or multiply `..` results.
final class JSONPathEvaluator {
    static let maxRangeNesting = 64
    static let maxItems = 5_000_000

    /// A step's result: its values and, when it failed, the error (the values are what client-go returns with it).
    struct Outcome {
        var items: [JSONPathItem]
        var error: JSONPathFailure?

        init(_ items: [JSONPathItem], _ error: JSONPathFailure? = nil) {
            self.items = items
            self.error = error
        }
    }

    let nodes: [JSONPathNode]
    let allowMissingKeys: Bool
    private var beginRange = 0
    private var inRange = 0
    private var endRange = 0
    private var lastEndNode: Int?
    private var produced = 0

    init(nodes: [JSONPathNode], allowMissingKeys: Bool) {
        self.nodes = nodes
        self.allowMissingKeys = allowMissingKeys
    }

    /// `FindResults` over `nodes[start...]`: one group of values per node, a range's body repeated per value.
    func findResults(_ data: JSONPathItem, from start: Int = 0, nesting: Int = 0) throws(JSONPathFailure) -> [[JSONPathItem]] {
        guard nesting <= Self.maxRangeNesting else { throw JSONPathFailure("range nesting deeper than \(Self.maxRangeNesting) levels") }
        var full: [[JSONPathItem]] = []
        var i = start
        while i < nodes.count {
            let outcome = walk([data], nodes[i])
            if let error = outcome.error { throw error }
            if endRange > 0 && endRange <= inRange {
                endRange -= 1
                lastEndNode = i
                break
            }
            if beginRange > 0 {
                beginRange -= 1
                inRange += 1
                if outcome.items.isEmpty {
                    // The body is still walked (with no value) so that its `end` is found.
                    _ = try findResults(.invalid, from: i + 1, nesting: nesting + 1)
                } else {
                    for value in outcome.items {
                        // Go calls Interface() on each value, which panics on the zero Value (kubectl crashes on
                        // `{range .list[*]}{range @}...` over a null element); here it is an error.
                        if case .invalid = value { throw JSONPathFailure("reflect: call of reflect.Value.Interface on zero Value") }
                        full += try findResults(value.asRoot, from: i + 1, nesting: nesting + 1)
                    }
                }
                inRange -= 1
                if let last = lastEndNode, last > i, last < nodes.count { i = last }
                i += 1
                continue
            }
            full.append(outcome.items)
            i += 1
        }
        return full
    }

    /// `walk`.
    func walk(_ input: [JSONPathItem], _ node: JSONPathNode) -> Outcome {
        let outcome: Outcome
        switch node {
        case .list(let list): outcome = evalList(input, list)
        case .text(let text): outcome = Outcome([.string(text)])
        case .field(let name): outcome = evalField(input, name)
        case .array(let params): outcome = evalArray(input, params)
        case .filter(let left, let right, let op): outcome = evalFilter(input, left: left, right: right, op: op)
        case .int(let i): outcome = Outcome(Array(repeating: .int(i), count: input.count))
        case .float(let d): outcome = Outcome(Array(repeating: .double(d), count: input.count))
        case .bool(let b): outcome = Outcome(Array(repeating: .bool(b), count: input.count))
        case .wildcard: outcome = Outcome(input.flatMap { $0.children })
        case .recursive: outcome = evalRecursive(input)
        case .union(let lists): outcome = evalUnion(input, lists)
        case .identifier(let name): outcome = evalIdentifier(input, name)
        }
        produced += outcome.items.count
        if produced > Self.maxItems, outcome.error == nil {
            return Outcome([], JSONPathFailure("jsonpath evaluation produced more than \(Self.maxItems) values"))
        }
        return outcome
    }

    func evalList(_ input: [JSONPathItem], _ list: [JSONPathNode]) -> Outcome {
        var current = input
        for node in list {
            let outcome = walk(current, node)
            if outcome.error != nil { return outcome }
            current = outcome.items
        }
        return Outcome(current)
    }

    private func evalIdentifier(_ input: [JSONPathItem], _ name: String) -> Outcome {
        switch name {
        case "range":
            beginRange += 1
            return Outcome(input)
        case "end":
            guard inRange > 0 else { return Outcome([], JSONPathFailure("not in range, nothing to end")) }
            endRange += 1
            return Outcome([])
        default:
            return Outcome(input, JSONPathFailure("unrecognized identifier \(name)"))
        }
    }

    private func evalUnion(_ input: [JSONPathItem], _ lists: [[JSONPathNode]]) -> Outcome {
        var result: [JSONPathItem] = []
        for list in lists {
            let outcome = evalList(input, list)
            if let error = outcome.error { return Outcome(input, error) }
            result += outcome.items
        }
        return Outcome(result)
    }

    /// `evalRecursive`: every value that has children, in pre-order (a non-empty string counts, its bytes do not),
    /// walked with an explicit stack.
    private func evalRecursive(_ input: [JSONPathItem]) -> Outcome {
        var result: [JSONPathItem] = []
        var stack: [JSONPathItem] = input.reversed()
        while let value = stack.popLast() {
            let children = value.children
            guard !children.isEmpty else { continue }
            result.append(value)
            if case .string = value { continue }
            stack += children.reversed()
        }
        return Outcome(result)
    }
}
