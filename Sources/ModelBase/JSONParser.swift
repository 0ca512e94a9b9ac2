/// A strict JSON (RFC 8259) reader into `JSONValue`, without Codable. The emissary reads its template and
/// arguments file at every container start, and Foundation's `JSONDecoder` pays there for runtime generic
/// metadata and cold protocol-conformance scans of the whole binary (15% of the emissary's perf samples for a
/// `{}` `Template` in the static build). Nesting is limited to `maxDepth`, so hostile input cannot exhaust the
/// stack; invalid UTF-8 and lone surrogates in strings become U+FFFD, as Go's encoding/json reads them;
/// a repeated object key keeps its last value, as Go does.
public struct JSONParser {
    public static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public static func parse(_ text: String) throws(ModelError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(ModelError) -> JSONValue {
        let result: Result<JSONValue, ModelError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            return Result { () throws(ModelError) -> JSONValue in
                parser.skipSpace()
                let value = try parser.value()
                parser.skipSpace()
                guard parser.index == buffer.count else { throw parser.error("unexpected data after the top-level value") }
                return value
            }
        }
        return try result.get()
    }

    private mutating func value() throws(ModelError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("invalid character \(describe(bytes[index])) looking for beginning of value")
        }
    }

    private mutating func object() throws(ModelError) -> JSONValue {
        try enter()
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if peek(UInt8(ascii: "}")) { index += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a string object key") }
            let key = try string()
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after object key") }
            index += 1
            skipSpace()
            members[key] = try value()
            skipSpace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            guard peek(UInt8(ascii: "}")) else { throw error("expected ',' or '}' after object value") }
            index += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws(ModelError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) { index += 1; depth -= 1; return .array(elements) }
        while true {
            skipSpace()
            elements.append(try value())
            skipSpace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            guard peek(UInt8(ascii: "]")) else { throw error("expected ',' or ']' after array element") }
            index += 1
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func string() throws(ModelError) -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw error("invalid control character \(describe(b)) in string literal")
            default:
                out.append(b)
                index += 1
            }
        }
        throw error("unexpected end of JSON input in string literal")
    }

    private mutating func escape(into out: inout [UInt8]) throws(ModelError) {
        index += 1
        guard index < bytes.count else { throw error("unexpected end of JSON input in string escape") }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate counts only when a low one follows; otherwise it is U+FFFD.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    index += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = save
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD
            }
            out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
        default:
            index -= 1
            throw error("invalid character \(describe(c)) in string escape code")
        }
    }

    private mutating func hex4() throws(ModelError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end of JSON input in \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error("invalid character \(describe(b)) in \\u hexadecimal character escape")
            }
            v = v << 4 | UInt32(digit)
            index += 1
        }
        return v
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. A whole number that fits in Int64 is `.int`, even
    /// written `1.0` or `1e3`, as `JSONDecoder` reads `JSONValue`, so both readers give the same tree.
    private mutating func number() throws(ModelError) -> JSONValue {
        let start = index
        var integral = true
        if peek(UInt8(ascii: "-")) { index += 1 }
        if peek(UInt8(ascii: "0")) {
            index += 1
        } else {
            guard digits() > 0 else { throw error("invalid number: expected a digit") }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            integral = false
            guard digits() > 0 else { throw error("invalid number: expected a digit after the decimal point") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            integral = false
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard digits() > 0 else { throw error("invalid number: expected a digit in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let i = Int64(text) { return .int(i) }
        guard let d = Double(text), d.isFinite else { throw error("number \(text) is out of range") }
        if d == d.rounded(.towardZero), abs(d) < 9.2e18 { return .int(Int64(d)) }
        return .double(d)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString) throws(ModelError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in expected {
            guard index < bytes.count else { throw error("unexpected end of JSON input in literal") }
            guard bytes[index] == b else { throw error("invalid character \(describe(bytes[index])) in literal \(word)") }
            index += 1
        }
    }

    private mutating func enter() throws(ModelError) {
        depth += 1
        if depth > Self.maxDepth { throw error("exceeded max depth of \(Self.maxDepth)") }
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek(_ b: UInt8) -> Bool { index < bytes.count && bytes[index] == b }

    private func describe(_ b: UInt8) -> String {
        (0x20..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "0x" + String(b, radix: 16)
    }

    private func error(_ message: String) -> ModelError {
        ModelError(.badRequest, "invalid JSON at offset \(index): \(message)")
    }
}
