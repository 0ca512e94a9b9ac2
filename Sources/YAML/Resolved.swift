import Model

/// A scalar's value once resolved, with the Go type go-yaml v2 would give it when decoding into
/// `interface{}` (gopkg.in/yaml.v2 resolve.go, decode.go `scalar`): the distinctions matter for keys, which
/// sigs.k8s.io/yaml turns into strings by Go type (yaml.go, `convertToJSONableObject`).
enum Resolved: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer past Int64 that fits UInt64: Go's `uint64`.
    case uint(UInt64)
    case float(Double)
    case string(String)

    /// The value in JSON. `.inf` and `.nan` are refused as sigs.k8s.io/yaml's `json.Marshal` refuses them
    /// (`json: unsupported value: +Inf`). A uint64 is written exactly by Go but read back as a float64 by any
    /// Go `interface{}` decoder; JSONValue has no unsigned case, so it becomes that same Double.
    func json(at mark: Mark) throws(ModelError) -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .double(Double(u))
        case .string(let s): return .string(s)
        case .float(let d):
            guard d.isFinite else {
                throw YAMLError.at(mark, "json: unsupported value: \(d.isNaN ? "NaN" : d > 0 ? "+Inf" : "-Inf") (JSON has no infinities or NaN)")
            }
            return .double(d)
        }
    }

    /// The string a mapping key becomes, as sigs.k8s.io/yaml converts non-string keys (yaml.go,
    /// `convertToJSONableObject`): ints in decimal, bools as true/false, floats by
    /// `strconv.FormatFloat(f, 'g', -1, 32)` with `.inf`, `-.inf`, `.nan`; null and uint64 keys are errors.
    func key(at mark: Mark) throws(ModelError) -> String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let d): return GoFloatFormat.shortestFloat32(d)
        case .null: throw YAMLError.at(mark, "unsupported map key of type null: JSON object keys are strings")
        case .uint(let u): throw YAMLError.at(mark, "unsupported map key of type uint64 (\(u)): JSON object keys are strings")
        }
    }
}
