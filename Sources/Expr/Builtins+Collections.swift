/// Array and map builtins: len, first, last, get, take, keys, values, toPairs, fromPairs, reverse, uniq,
/// concat, flatten, sort, and the bitwise functions.
extension Builtins {
    static let collections: [String: Function] = [
        "len": { args throws(ExprError) in
            switch args[0] {
            case .array(let a): return .int(Int64(a.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .map(let m): return .int(Int64(m.count))
            case .string(let s): return .int(Int64(s.unicodeScalars.count))  // runes, not bytes
            default: throw .runtime("invalid argument for len (type \(args[0].goTypeName))")
            }
        },
        // first and last swallow every failure (empty array, nil, not an array) into nil.
        "first": { args throws(ExprError) in (try? Evaluator.fetch(args[0], .int(0))) ?? .null },
        "last": { args throws(ExprError) in (try? Evaluator.fetch(args[0], .int(-1))) ?? .null },
        "get": { args throws(ExprError) in
            guard args.count >= 2 else { throw .runtime("invalid number of arguments (expected 2, got \(args.count))") }
            switch args[0] {
            case .array, .bytes, .string:
                let count: Int
                switch args[0] {
                case .string(let s): count = s.utf8.count
                default: count = args[0].elements!.count
                }
                var i = try Runtime.toInt(args[1])
                if i < 0 { i += Int64(count) }
                guard i >= 0, i < Int64(count) else { return .null }
                return try Evaluator.fetch(args[0], .int(i))
            case .map: return try Evaluator.fetch(args[0], args[1])
            default: return .null
            }
        },
        "take": { args throws(ExprError) in
            guard let items = args[0].elements else { throw .runtime("cannot take from \(args[0].goKindName)") }
            guard case .int(let n) = args[1] else { throw .runtime("cannot take \(args[1].goKindName) elements") }
            guard n >= 0 else { throw .runtime("reflect: slice index out of range") }
            return .array(Array(items.prefix(Int(min(n, Int64(items.count))))))
        },
        "keys": { args throws(ExprError) in
            guard case .map(let m) = args[0] else { throw .runtime("cannot get keys from \(args[0].goKindName)") }
            return .array(m.keys.map { .string($0) })
        },
        "values": { args throws(ExprError) in
            guard case .map(let m) = args[0] else { throw .runtime("cannot get values from \(args[0].goKindName)") }
            return .array(m.values)
        },
        "toPairs": { args throws(ExprError) in
            guard case .map(let m) = args[0] else { throw .runtime("cannot transform \(args[0].goKindName) to pairs") }
            return .array(m.pairs.map { .array([.string($0.key), $0.value]) })
        },
        "fromPairs": { args throws(ExprError) in
            guard let items = args[0].elements else { throw .runtime("cannot transform \(GoFormat.value(args[0])) from pairs") }
            var out = ExprMap()
            for item in items {
                guard let pair = item.elements else { throw .runtime("invalid pair \(GoFormat.value(item))") }
                guard pair.count == 2 else { throw .runtime("invalid pair length \(GoFormat.value(item))") }
                // Our maps have string keys only (Go's would be map[any]any).
                guard case .string(let key) = pair[0] else { throw .runtime("invalid pair key \(GoFormat.value(pair[0])): keys must be strings") }
                out[key] = pair[1]
            }
            return .map(out)
        },
        "reverse": { args throws(ExprError) in
            guard let items = args[0].elements else { throw .runtime("cannot reverse \(args[0].goKindName)") }
            return .array(items.reversed())
        },
        "uniq": { args throws(ExprError) in
            guard let items = args[0].elements else { throw .runtime("cannot uniq \(args[0].goKindName)") }
            var out: [ExprValue] = []
            for item in items where !out.contains(where: { Runtime.equal(item, $0) }) { out.append(item) }
            return .array(out)
        },
        "concat": { args throws(ExprError) in
            var out: [ExprValue] = []
            for arg in args {
                guard let items = arg.elements else { throw .runtime("cannot concat \(arg.goKindName)") }
                out += items
            }
            return .array(out)
        },
        "flatten": { args throws(ExprError) in
            guard args[0].elements != nil else { throw .runtime("cannot flatten \(args[0].goKindName)") }
            return .array(try flatten(args[0], depth: 0))
        },
        "sort": { args throws(ExprError) in
            var descending = false
            if args.count == 2 {
                guard case .string(let order) = args[1] else {
                    throw .runtime("sort order argument must be a string (got \(args[1].goTypeName))")
                }
                guard order == "asc" || order == "desc" else { throw .runtime("invalid order \(order), expected asc or desc") }
                descending = order == "desc"
            }
            guard case .array(let items) = args[0] else { return .array([]) }
            return .array(try sorted(items, descending: descending))
        },
        "bitnot": { args throws(ExprError) in .int(~(try bitInt(args[0], "bitnot"))) },
        "bitand": { args throws(ExprError) in try bits("bitand", args) { x, y in x & y } },
        "bitor": { args throws(ExprError) in try bits("bitor", args) { x, y in x | y } },
        "bitxor": { args throws(ExprError) in try bits("bitxor", args) { x, y in x ^ y } },
        "bitnand": { args throws(ExprError) in try bits("bitnand", args) { x, y in x & ~y } },
        "bitshl": { args throws(ExprError) in try shift("bitshl", args) { x, y in x << y } },
        "bitshr": { args throws(ExprError) in try shift("bitshr", args) { x, y in x >> y } },
        "bitushr": { args throws(ExprError) in try shift("bitushr", args) { x, y in Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(y)) } },
    ]

    private static func flatten(_ value: ExprValue, depth: Int) throws(ExprError) -> [ExprValue] {
        guard depth <= maxDepth else { throw .runtime("maximum depth exceeded") }
        var out: [ExprValue] = []
        for item in value.elements ?? [] {
            if item.elements != nil { out += try flatten(item, depth: depth + 1) } else { out.append(item) }
        }
        return out
    }

    /// Sorts with runtime.Less; mixed types that Less rejects are an error. (Go's sort.Sort is not
    /// stable; ours is, which only shows for equal-comparing values such as 1 and 1.0.)
    static func sorted(_ items: [ExprValue], descending: Bool) throws(ExprError) -> [ExprValue] {
        var failure: ExprError?
        let result = items.enumerated().sorted { a, b in
            do throws(ExprError) {
                if try descending ? Runtime.less(b.element, a.element) : Runtime.less(a.element, b.element) { return true }
                if try descending ? Runtime.less(a.element, b.element) : Runtime.less(b.element, a.element) { return false }
                return a.offset < b.offset
            } catch {
                failure = failure ?? error
                return a.offset < b.offset
            }
        }
        if let failure { throw failure }
        return result.map { $0.element }
    }

    private static func bitInt(_ v: ExprValue, _ name: String) throws(ExprError) -> Int64 {
        guard case .int(let i) = v else { throw .runtime("cannot use \(v.goTypeName) as argument (type int) to call \(name)") }
        return i
    }

    private static func bits(_ name: String, _ args: [ExprValue], _ op: (Int64, Int64) -> Int64) throws(ExprError) -> ExprValue {
        .int(op(try bitInt(args[0], name), try bitInt(args[1], name)))
    }

    private static func shift(_ name: String, _ args: [ExprValue], _ op: (Int64, Int64) -> Int64) throws(ExprError) -> ExprValue {
        let x = try bitInt(args[0], name)
        let y = try bitInt(args[1], name)
        if y < 0 { throw .runtime("invalid operation: negative shift count \(y) (type int)") }
        return .int(op(x, min(y, 64)))
    }
}
