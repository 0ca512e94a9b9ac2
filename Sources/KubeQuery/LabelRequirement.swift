import Model

/// One requirement of a label selector: apimachinery's `labels.Requirement` (pkg/labels/selector.go), with the same
/// construction checks (`NewRequirement`), matching (`Matches`) and printing (`String`).
public struct LabelRequirement: Sendable, Hashable, CustomStringConvertible {
    /// selection.Operator (pkg/selection/operator.go); the raw values are apimachinery's.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case doesNotExist = "!"
        case equals = "="
        case doubleEquals = "=="
        case `in` = "in"
        case notEquals = "!="
        case notIn = "notin"
        case exists = "exists"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public let key: String
    public let `operator`: Operator
    /// The values as given; `labels.Parse` passes them sorted and without duplicates.
    public let values: [String]

    /// `labels.NewRequirement`: the key must be a valid label key, the number of values must suit the operator,
    /// `gt`/`lt` values must be integers and every value a valid label value. The error text is apimachinery's
    /// aggregate of field errors, e.g. `values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an
    /// integer`.
    public init(key: String, operator op: Operator, values: [String]) throws(ModelError) {
        var errors: [String] = []
        let keyErrors = LabelValidation.keyErrors(key)
        if !keyErrors.isEmpty {
            errors.append(LabelValidation.invalid("key", GoQuote.quote(key), keyErrors.joined(separator: "; ")))
        }
        let badValues = GoValueWriter.write(.array(values.map { .string($0) }), style: .json)
        switch op {
        case .in, .notIn:
            if values.isEmpty {
                errors.append(LabelValidation.invalid("values", badValues, "for 'in', 'notin' operators, values set can't be empty"))
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                errors.append(LabelValidation.invalid("values", badValues, "exact-match compatibility requires one single value"))
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                errors.append(LabelValidation.invalid("values", badValues, "values set must be empty for exists and does not exist"))
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                errors.append(LabelValidation.invalid("values", badValues, "for 'Gt', 'Lt' operators, exactly one value is required"))
            }
            for (i, value) in values.enumerated() where GoNumberParsing.parseInt64(value) == nil {
                errors.append(LabelValidation.invalid("values[\(i)]", GoQuote.quote(value), "for 'Gt', 'Lt' operators, the value must be an integer"))
            }
        }
        for (i, value) in values.enumerated() {
            let valueErrors = LabelValidation.valueErrors(value)
            if !valueErrors.isEmpty {
                errors.append(LabelValidation.invalid("values[\(i)][\(key)]", GoQuote.quote(value), valueErrors.joined(separator: "; ")))
            }
        }
        if let message = LabelValidation.aggregate(errors) { throw ModelError(.badRequest, message) }
        self.key = key
        self.operator = op
        self.values = values
    }

    /// `Requirement.Matches`: `in`, `=` and `==` need the key present with one of the values; `notin` and `!=` hold
    /// when the key is absent; `gt`/`lt` read the present value with `strconv.ParseInt(v, 10, 64)` and fail when it
    /// is not an integer.
    public func matches(_ labels: some LabelSource) -> Bool {
        switch self.operator {
        case .in, .equals, .doubleEquals:
            guard let value = labels.lookup(key) else { return false }
            return values.contains(value)
        case .notIn, .notEquals:
            guard let value = labels.lookup(key) else { return true }
            return !values.contains(value)
        case .exists:
            return labels.lookup(key) != nil
        case .doesNotExist:
            return labels.lookup(key) == nil
        case .greaterThan, .lessThan:
            guard let text = labels.lookup(key), let value = GoNumberParsing.parseInt64(text) else { return false }
            guard values.count == 1, let bound = GoNumberParsing.parseInt64(values[0]) else { return false }
            return self.operator == .greaterThan ? value > bound : value < bound
        }
    }

    /// `Requirement.String`: `!key`, `key`, `key=v`, `key==v`, `key!=v`, `key>v`, `key<v`, `key in (a,b)`,
    /// `key notin (a,b)`, with several values sorted.
    public var description: String {
        var out = self.operator == .doesNotExist ? "!" + key : key
        switch self.operator {
        case .equals: out += "="
        case .doubleEquals: out += "=="
        case .notEquals: out += "!="
        case .in: out += " in "
        case .notIn: out += " notin "
        case .greaterThan: out += ">"
        case .lessThan: out += "<"
        case .exists, .doesNotExist: return out
        }
        let shown = values.count == 1 ? values[0] : LabelSelector.sortedByBytes(values).joined(separator: ",")
        return self.operator == .in || self.operator == .notIn ? out + "(" + shown + ")" : out + shown
    }
}
