internal import CJQ
import Core
import Model

/// `JSONValue` ⇄ jq values. Both directions recurse, so both stop at `JSONParser.maxDepth` levels: input read by
/// JSONParser never reaches it, and a filter that builds deeper values is an error rather than a stack overflow.
extension JV {
    /// jq keeps every number as a double (jq 1.6, src/jv.c), so an `.int` beyond 2^53 loses its low bits on the
    /// way in, exactly as Argo's `json.Unmarshal` into `interface{}` loses them (float64) before gojq runs.
    init(_ value: JSONValue, depth: Int = 0) throws(ExecError) {
        guard depth <= JSONParser.maxDepth else { throw JV.tooDeep() }
        switch value {
        case .null: self.init(jv_null())
        case .bool(let b): self.init(jv_bool(b ? 1 : 0))
        case .int(let i): self.init(jv_number(Double(i)))
        case .double(let d): self.init(jv_number(d))
        case .string(let s): self = try JV.string(s)
        case .array(let items):
            var array = jv_array_sized(Int32(clamping: items.count))
            for item in items {
                do throws(ExecError) {
                    array = jv_array_append(array, try JV(item, depth: depth + 1).take())
                } catch {
                    jv_free(array)
                    throw error
                }
            }
            self.init(array)
        case .object(let members):
            // Keys go in sorted (byte order): jq iterates an object in insertion order (`.[]`, `to_entries`,
            // `keys_unsorted`), gojq in sorted order, so sorted insertion makes jq walk input objects as gojq does.
            var object = jv_object()
            for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                do throws(ExecError) {
                    let k = try JV.string(key)
                    let v = try JV(members[key] ?? .null, depth: depth + 1)
                    object = jv_object_set(object, k.take(), v.take())
                } catch {
                    jv_free(object)
                    throw error
                }
            }
            self.init(object)
        }
    }

    /// The value as `JSONValue` (does not consume self). A number is `.int` when it is integral and exactly
    /// representable (|n| <= 2^53); larger ones stay `.double`, which `goJSON` (KubeQuery) prints the way Go prints the
    /// float64 gojq holds for them in Argo (`4611686018427388000` for 2^62, not `4611686018427387904`).
    func jsonValue(depth: Int = 0) throws(ExecError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw JV.tooDeep() }
        switch kind {
        case JV_KIND_NULL: return .null
        case JV_KIND_TRUE: return .bool(true)
        case JV_KIND_FALSE: return .bool(false)
        case JV_KIND_NUMBER:
            let d = jv_number_value(raw)
            if abs(d) <= 9_007_199_254_740_992, let i = Int64(exactly: d) { return .int(i) }
            return .double(d)
        case JV_KIND_STRING: return .string(string)
        case JV_KIND_ARRAY:
            let count = jv_array_length(copy())
            var items: [JSONValue] = []
            items.reserveCapacity(Int(count))
            for i in 0..<count {
                items.append(try JV(jv_array_get(copy(), i)).jsonValue(depth: depth + 1))
            }
            return .array(items)
        case JV_KIND_OBJECT:
            var members: [String: JSONValue] = [:]
            var it = jv_object_iter(raw)
            while jv_object_iter_valid(raw, it) != 0 {
                let key = JV(jv_object_iter_key(raw, it))
                members[key.string] = try JV(jv_object_iter_value(raw, it)).jsonValue(depth: depth + 1)
                it = jv_object_iter_next(raw, it)
            }
            return .object(members)
        default:
            throw ExecError(.internal, "jq returned an invalid value as a result")
        }
    }

    private static func tooDeep() -> ExecError {
        ExecError(.badRequest, "jq value nested deeper than \(JSONParser.maxDepth) levels")
    }
}
