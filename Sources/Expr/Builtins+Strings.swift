import ModelBase
/// String builtins: Go's strings functions on UTF-8 bytes.
extension Builtins {
    static let strings: [String: Function] = [
        "trim": { args throws(ExprError) in
            let s = try string(args, 0)
            if args.count == 1 { return .string(StringOps.trim(s, CharClass.isSpace)) }
            let cutset = Set(try string(args, 1).unicodeScalars)
            return .string(StringOps.trim(s) { cutset.contains($0) })
        },
        "trimPrefix": { args throws(ExprError) in
            let s = try string(args, 0)
            let prefix = Array((args.count == 2 ? try string(args, 1) : " ").utf8)
            let bytes = Array(s.utf8)
            return .string(bytes.starts(with: prefix) ? StringOps.string(bytes[prefix.count...]) : s)
        },
        "trimSuffix": { args throws(ExprError) in
            let s = try string(args, 0)
            let suffix = Array((args.count == 2 ? try string(args, 1) : " ").utf8)
            let bytes = Array(s.utf8)
            let hasSuffix = bytes.count >= suffix.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
            return .string(hasSuffix ? StringOps.string(bytes[..<(bytes.count - suffix.count)]) : s)
        },
        "upper": { args throws(ExprError) in .string(StringOps.mapCase(try string(args, 0), upper: true)) },
        "lower": { args throws(ExprError) in .string(StringOps.mapCase(try string(args, 0), upper: false)) },
        "split": { args throws(ExprError) in try splitting(args, keepSeparator: false) },
        "splitAfter": { args throws(ExprError) in try splitting(args, keepSeparator: true) },
        "replace": { args throws(ExprError) in
            let n = args.count == 4 ? Int(try Runtime.toInt(args[3])) : -1
            return .string(StringOps.replace(try string(args, 0), try string(args, 1), try string(args, 2), n))
        },
        "join": { args throws(ExprError) in
            let glue = args.count == 2 ? try string(args, 1) : ""
            guard let items = args[0].elements, case .array = args[0] else {
                throw .runtime("invalid argument for join (type \(args[0].goTypeName))")
            }
            var parts: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw .runtime(Runtime.assertionMessage(item, "string")) }
                parts.append(s)
            }
            return .string(parts.joined(separator: glue))
        },
        "indexOf": { args throws(ExprError) in
            let i = StringOps.index(Array(try string(args, 0).utf8), Array(try string(args, 1).utf8))
            return .int(Int64(i ?? -1))
        },
        "lastIndexOf": { args throws(ExprError) in
            let i = StringOps.lastIndex(Array(try string(args, 0).utf8), Array(try string(args, 1).utf8))
            return .int(Int64(i ?? -1))
        },
        "hasPrefix": { args throws(ExprError) in
            .bool(Array(try string(args, 0).utf8).starts(with: Array(try string(args, 1).utf8)))
        },
        "hasSuffix": { args throws(ExprError) in
            let s = Array(try string(args, 0).utf8)
            let t = Array(try string(args, 1).utf8)
            return .bool(s.count >= t.count && s[(s.count - t.count)...].elementsEqual(t))
        },
        "toBase64": { args throws(ExprError) in .string(Base64.encode(Array(try string(args, 0).utf8))) },
        "fromBase64": { args throws(ExprError) in
            let text = try string(args, 0)
            let bytes: [UInt8]
            do throws(Base64.CorruptInput) {
                bytes = try Base64.decode(text)
            } catch {
                throw .runtime(error.message)
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        },
    ]

    private static func splitting(_ args: [ExprValue], keepSeparator: Bool) throws(ExprError) -> ExprValue {
        let n = args.count == 3 ? Int(try Runtime.toInt(args[2])) : -1
        let pieces = StringOps.split(try string(args, 0), try string(args, 1), n, keepSeparator: keepSeparator)
        return .array(pieces.map { .string($0) })
    }

    /// strings.Repeat behind expr-lang's guard: a negative count is an error, more than a million
    /// repetitions exceed the memory budget, and the result's length is charged to it.
    static func repeatString(_ args: [ExprValue], grow: (Int) throws(ExprError) -> Void) throws(ExprError) -> ExprValue {
        let s = try string(args, 0)
        let n = try Runtime.toInt(args[1])
        if n < 0 { throw .runtime("invalid argument for repeat (expected positive integer, got \(n))") }
        if n > 1_000_000 { throw ExprError(.limit, "memory budget exceeded") }
        let (size, overflow) = Int(n).multipliedReportingOverflow(by: s.utf8.count)
        if overflow { throw ExprError(.limit, "memory budget exceeded") }
        try grow(size)
        return .string(String(repeating: s, count: Int(n)))
    }
}
