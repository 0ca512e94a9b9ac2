/// Member access, indexing and slicing (runtime.Fetch and runtime.Slice).
extension Evaluator {
    func member(_ baseNode: Node, _ propertyNode: Node, optional: Bool, at: Int) throws(ExprError) -> ExprValue {
        let base = try eval(baseNode)
        if optional && base.isNil { throw ExprError.chainBreak }
        let property = try eval(propertyNode)
        do {
            return try Evaluator.fetch(base, property)
        } catch {
            throw error.located(at)
        }
    }

    /// runtime.Fetch: arrays, byte slices and strings by (int or float) index, negative from the end;
    /// maps by key, a missing key being nil.
    static func fetch(_ base: ExprValue, _ key: ExprValue) throws(ExprError) -> ExprValue {
        switch base {
        case .array(let items):
            return items[try index(key, count: items.count)]
        case .bytes(let bytes):
            return .int(Int64(bytes[try index(key, count: bytes.count)]))
        case .string(let s):
            // Indexing a Go string yields a byte.
            let bytes = Array(s.utf8)
            return .int(Int64(bytes[try index(key, count: bytes.count)]))
        case .map(let m):
            switch key {
            case .string(let name): return m[name] ?? .null
            case .null: return m[""] ?? .null
            default:
                throw .runtime("reflect.Value.MapIndex: value of type \(key.goTypeName) is not assignable to type string")
            }
        default:
            throw .runtime("cannot fetch \(GoFormat.value(key)) from \(base.goTypeName)")
        }
    }

    private static func index(_ key: ExprValue, count: Int) throws(ExprError) -> Int {
        var i = try Runtime.toInt(key)
        if i < 0 { i += Int64(count) }
        guard i >= 0, i < Int64(count) else {
            throw .runtime("index out of range: \(i) (array length is \(count))")
        }
        return Int(i)
    }

    func slice(_ baseNode: Node, from fromNode: Node?, to toNode: Node?, at: Int) throws(ExprError) -> ExprValue {
        let base = try eval(baseNode)
        let from = try fromNode.map { n throws(ExprError) in try eval(n) } ?? .int(0)
        let to = try toNode.map { n throws(ExprError) in try eval(n) }
        do {
            return try Evaluator.slice(base, from: from, to: to)
        } catch {
            throw error.located(at)
        }
    }

    /// runtime.Slice: bounds are clamped, never an error.
    static func slice(_ base: ExprValue, from: ExprValue, to: ExprValue?) throws(ExprError) -> ExprValue {
        let length: Int
        switch base {
        case .array(let a): length = a.count
        case .bytes(let b): length = b.count
        case .string(let s): length = s.utf8.count
        default: throw .runtime("cannot slice \(GoFormat.value(from))")
        }
        func clamp(_ v: Int64) -> Int {
            var x = v
            if x < 0 { x += Int64(length) }
            return Int(max(0, min(x, Int64(length))))
        }
        let b = clamp(try to.map { v throws(ExprError) in try Runtime.toInt(v) } ?? Int64(length))
        let a = min(clamp(try Runtime.toInt(from)), b)
        switch base {
        case .array(let items): return .array(Array(items[a..<b]))
        case .bytes(let bytes): return .bytes(Array(bytes[a..<b]))
        case .string(let s):
            // Byte offsets, as in Go; a cut inside a UTF-8 sequence becomes U+FFFD here.
            return .string(String(decoding: Array(s.utf8)[a..<b], as: UTF8.self))
        default: return .null
        }
    }
}
