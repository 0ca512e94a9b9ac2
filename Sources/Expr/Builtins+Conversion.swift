import ModelBase

/// Conversion builtins: string, type, toJSON, fromJSON.
extension Builtins {
    static let conversions: [String: Function] = [
        "string": { args throws(ExprError) in .string(GoFormat.value(args[0])) },
        "type": { args throws(ExprError) in .string(args[0].exprTypeName) },
        "toJSON": { args throws(ExprError) in .string(try JSONWriter.marshalIndent(args[0])) },
        "fromJSON": { args throws(ExprError) in
            let text = try string(args, 0)
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(text) } catch { throw .runtime("\(error)") }
            return ExprValue(json: parsed, numbersAsFloat: true)
        },
    ]
}
