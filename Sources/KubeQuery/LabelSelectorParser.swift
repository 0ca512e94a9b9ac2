import Model

/// The recursive-descent parser of apimachinery pkg/labels/selector.go (`Parser`), with its error texts. It scans the
/// whole string first, then reads requirements separated by commas; `in` and `notin` count as plain identifiers
/// where a value is expected (`x in (in)`).
struct LabelSelectorParser {
    typealias Token = LabelSelectorLexer.Token
    private enum Context { case keyAndOperator, values }

    private var items: [LabelSelectorLexer.Item] = []
    private var position = 0

    init(_ text: String) {
        var lexer = LabelSelectorLexer(text)
        while true {
            let item = lexer.lex()
            items.append(item)
            if item.token == .endOfString { break }
        }
    }

    private func lookahead(_ context: Context) -> (Token, String) {
        let item = items[min(position, items.count - 1)]
        return (adjust(item.token, context), item.literal)
    }

    private mutating func consume(_ context: Context) -> (Token, String) {
        let item = items[min(position, items.count - 1)]
        position += 1
        return (adjust(item.token, context), item.literal)
    }

    private func adjust(_ token: Token, _ context: Context) -> Token {
        context == .values && (token == .in || token == .notIn) ? .identifier : token
    }

    /// `parse`: the requirements in the order written (the caller sorts them).
    mutating func parse() throws(ModelError) -> [LabelRequirement] {
        var requirements: [LabelRequirement] = []
        while true {
            let (token, literal) = lookahead(.values)
            switch token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw ModelError(.badRequest, "unable to parse requirement: \(error.message)")
                }
                let (next, nextLiteral) = consume(.values)
                switch next {
                case .endOfString:
                    return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(.values)
                    if after != .identifier && after != .doesNotExist {
                        throw ModelError(.badRequest, "found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw ModelError(.badRequest, "found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw ModelError(.badRequest, "found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(ModelError) -> LabelRequirement {
        let (key, inferred) = try parseKeyAndInferOperator()
        if let inferred {
            return try LabelRequirement(key: key, operator: inferred, values: [])
        }
        let op = try parseOperator()
        let values: [String]
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        return try LabelRequirement(key: key, operator: op, values: LabelSelector.sortedByBytes(Array(Set(values))))
    }

    /// A key, optionally preceded by `!`; a key followed by the end or a comma is an `exists` requirement. The key
    /// is validated here with no field path, hence apimachinery's `<nil>: Invalid value: ...`.
    private mutating func parseKeyAndInferOperator() throws(ModelError) -> (String, LabelRequirement.Operator?) {
        var op: LabelRequirement.Operator?
        var (token, literal) = consume(.values)
        if token == .doesNotExist {
            op = .doesNotExist
            (token, literal) = consume(.values)
        }
        guard token == .identifier else { throw ModelError(.badRequest, "found '\(literal)', expected: identifier") }
        let keyErrors = LabelValidation.keyErrors(literal)
        if !keyErrors.isEmpty {
            throw ModelError(.badRequest, LabelValidation.invalid("<nil>", GoQuote.quote(literal), keyErrors.joined(separator: "; ")))
        }
        let (next, _) = lookahead(.values)
        if (next == .endOfString || next == .comma) && op != .doesNotExist { op = .exists }
        return (literal, op)
    }

    private mutating func parseOperator() throws(ModelError) -> LabelRequirement.Operator {
        let (token, literal) = consume(.keyAndOperator)
        switch token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default: throw ModelError(.badRequest, "found '\(literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    /// `(a,b,,c)`: empty entries stand for the empty value; `()` is the set holding the empty value.
    private mutating func parseValues() throws(ModelError) -> [String] {
        let (open, openLiteral) = consume(.values)
        guard open == .openPar else { throw ModelError(.badRequest, "found '\(openLiteral)' expected: '('") }
        let (token, literal) = lookahead(.values)
        switch token {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            guard consume(.values).0 == .closedPar else { throw ModelError(.badRequest, "found '\(literal)', expected: ')'") }
            return values
        case .closedPar:
            _ = consume(.values)
            return [""]
        default:
            throw ModelError(.badRequest, "found '\(literal)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiersList() throws(ModelError) -> [String] {
        var values: [String] = []
        while true {
            let (token, literal) = consume(.values)
            switch token {
            case .identifier:
                values.append(literal)
                let (next, nextLiteral) = lookahead(.values)
                switch next {
                case .comma: continue
                case .closedPar: return values
                default: throw ModelError(.badRequest, "found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.append("") }
                let (next, _) = lookahead(.values)
                if next == .closedPar || next == .comma { values.append("") }
                if next == .closedPar { return values }
            default:
                throw ModelError(.badRequest, "found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(ModelError) -> [String] {
        let (next, _) = lookahead(.values)
        if next == .endOfString || next == .comma { return [""] }
        let (token, literal) = consume(.values)
        guard token == .identifier else { throw ModelError(.badRequest, "found '\(literal)', expected: identifier") }
        return [literal]
    }
}
