import Model

/// The selecting steps of client-go's jsonpath.go: `evalField`, `evalArray` and `evalFilter`.
extension JSONPathEvaluator {
    /// `evalField`: the member of each map; nulls and non-maps give nothing. With no result at all it is
    /// "X is not found", unless missing keys are allowed (kubectl's default).
    func evalField(_ input: [JSONPathItem], _ name: String) -> Outcome {
        guard !input.isEmpty else { return Outcome([]) }
        var results: [JSONPathItem] = []
        for value in input {
            if case .object(let members) = value, let member = members[name] {
                results.append(JSONPathItem(member))
            }
        }
        if results.isEmpty && !allowMissingKeys {
            return Outcome([], JSONPathFailure("\(name) is not found"))
        }
        return Outcome(results)
    }

    /// `evalArray`: `[i]`, `[start:end:step]`, negative positions counted from the end. An index out of range is an
    /// error even when missing keys are allowed; a selection of zero elements ends the step with what it has.
    func evalArray(_ input: [JSONPathItem], _ params: [JSONPathParam]) -> Outcome {
        var result: [JSONPathItem] = []
        for value in input {
            let elements: [JSONValue]
            switch value {
            case .null:
                continue
            case .array(let a):
                elements = a
            case .invalid:
                // reflect panics on the zero Value here (kubectl would crash); this is an error instead.
                return Outcome(input, JSONPathFailure("reflect: call of reflect.Value.Type on zero Value"))
            default:
                return Outcome(input, JSONPathFailure("\(value.goTypeName) is not array or slice"))
            }
            var p = params
            let length = elements.count
            if !p[0].known { p[0].value = 0 }
            if p[0].value < 0 { p[0].value &+= length }
            if !p[1].known { p[1].value = length }
            if p[1].value < 0 || (p[1].value == 0 && p[1].derived) { p[1].value &+= length }
            guard p[1].value != p[0].value else { return Outcome(result) }
            if p[0].value >= length || p[0].value < 0 {
                return Outcome(input, JSONPathFailure("array index out of bounds: index \(p[0].value), length \(length)"))
            }
            if p[1].value > length || p[1].value < 0 {
                return Outcome(input, JSONPathFailure("array index out of bounds: index \(p[1].value &- 1), length \(length)"))
            }
            if p[0].value > p[1].value {
                return Outcome(input, JSONPathFailure("starting index \(p[0].value) is greater than ending index \(p[1].value)"))
            }
            var step = 1
            if p[2].known {
                guard p[2].value > 0 else { return Outcome(input, JSONPathFailure("step must be > 0")) }
                step = p[2].value
            }
            for index in stride(from: p[0].value, to: p[1].value, by: step) {
                result.append(JSONPathItem(elements[index]))
            }
        }
        return Outcome(result)
    }

    /// `evalFilter`: the elements for which the left path exists (`exists`), or for which left `op` right holds,
    /// each side evaluated from the element and required to give at most one value (none skips the element).
    func evalFilter(_ input: [JSONPathItem], left: [JSONPathNode], right: [JSONPathNode], op: String) -> Outcome {
        var results: [JSONPathItem] = []
        for value in input {
            guard case .array(let elements) = value else {
                return Outcome(input, JSONPathFailure("\(value.goFormatted) is not array or slice and cannot be filtered"))
            }
            for element in elements.map(JSONPathItem.init) {
                let lefts = evalList([element], left)
                if op == "exists" {
                    // client-go looks at the values even when the left path failed.
                    if !lefts.items.isEmpty { results.append(element) }
                    continue
                }
                if let error = lefts.error { return Outcome(input, error) }
                if lefts.items.isEmpty { continue }
                guard lefts.items.count == 1 else { return Outcome(input, JSONPathFailure("can only compare one element at a time")) }
                let rights = evalList([element], right)
                if let error = rights.error { return Outcome(input, error) }
                if rights.items.isEmpty { continue }
                guard rights.items.count == 1 else { return Outcome(input, JSONPathFailure("can only compare one element at a time")) }
                let pass: Bool
                do {
                    guard let outcome = try JSONPathCompare.compare(op, lefts.items[0], rights.items[0]) else {
                        return Outcome(results, JSONPathFailure("unrecognized filter operator \(op)"))
                    }
                    pass = outcome
                } catch {
                    return Outcome(results, error)
                }
                if pass { results.append(element) }
            }
        }
        return Outcome(results)
    }
}
