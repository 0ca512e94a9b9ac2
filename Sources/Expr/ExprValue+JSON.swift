import ModelBase

/// Bridges between expression values and the project's JSON type.
extension ExprValue {
    /// The value of a JSON document. With `numbersAsFloat` every number becomes a float64, as Go's
    /// json.Unmarshal into `any` produces them (what `fromJSON` returns); without it whole numbers stay ints,
    /// as when Argo passes typed Go values (an HTTP status code is an `int`).
    public init(json: JSONValue, numbersAsFloat: Bool = false) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = numbersAsFloat ? .float(Double(i)) : .int(i)
        case .double(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map { ExprValue(json: $0, numbersAsFloat: numbersAsFloat) })
        case .object(let o):
            // JSON objects have no order we could keep: sort keys, as Go prints them.
            self = .map(ExprMap(o.keys.sorted().map { ($0, ExprValue(json: o[$0]!, numbersAsFloat: numbersAsFloat)) }))
        }
    }

    /// The JSON form of the value: byte slices become base64 strings (as encoding/json writes them) and
    /// non-finite floats become null (JSON cannot hold them).
    public var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .float(let f): f.isFinite ? .double(f) : .null
        case .string(let s): .string(s)
        case .bytes(let b): .string(Base64.encode(b))
        case .array(let a): .array(a.map(\.json))
        case .map(let m): .object(Dictionary(uniqueKeysWithValues: m.pairs.map { ($0.key, $0.value.json) }))
        }
    }
}

extension ExprValue {
    /// Go's `json.Marshal` of the value (compact; map keys sorted; HTML-escaped as encoding/json does): what a
    /// data template reports as `outputs.result` (Argo's `workflow/executor/data.go`).
    public func goJSON() throws(ExprError) -> String { try JSONWriter.marshal(self) }
}
