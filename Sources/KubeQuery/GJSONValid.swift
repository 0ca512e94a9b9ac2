/// gjson's `Valid` (gjson.go `validpayload` and friends): strict JSON grammar, one value with only whitespace around
/// it; string bytes are not checked for UTF-8. Argo rejects a resource whose JSON fails it before evaluating
/// conditions (workflow/executor/resource.go `checkResourceState`). gjson recurses per nesting level; this reads
/// with an explicit stack, so any depth is fine.
enum GJSONValid {
    static func isValid(_ data: [UInt8]) -> Bool {
        var stack: [UInt8] = []
        var i = skipSpace(data, 0)
        var expectValue = true
        while true {
            if expectValue {
                i = skipSpace(data, i)
                guard i < data.count else { return false }
                switch data[i] {
                case UInt8(ascii: "{"):
                    i = skipSpace(data, i + 1)
                    if data.at(i) == UInt8(ascii: "}") { i += 1; expectValue = false; continue }
                    guard let next = member(data, i) else { return false }
                    stack.append(UInt8(ascii: "{"))
                    i = next
                    continue
                case UInt8(ascii: "["):
                    i = skipSpace(data, i + 1)
                    if data.at(i) == UInt8(ascii: "]") { i += 1; expectValue = false; continue }
                    stack.append(UInt8(ascii: "["))
                    continue
                default:
                    guard let next = scalar(data, i) else { return false }
                    i = next
                    expectValue = false
                }
            }
            i = skipSpace(data, i)
            guard let open = stack.last else { return i == data.count }
            guard i < data.count else { return false }
            if data[i] == UInt8(ascii: ",") {
                if open == UInt8(ascii: "{") {
                    guard let next = member(data, skipSpace(data, i + 1)) else { return false }
                    i = next
                } else {
                    i += 1
                }
                expectValue = true
            } else if data[i] == (open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                stack.removeLast()
                i += 1
            } else {
                return false
            }
        }
    }

    private static func skipSpace(_ data: [UInt8], _ start: Int) -> Int {
        var i = start
        while i < data.count, [0x20, 0x09, 0x0A, 0x0D].contains(data[i]) { i += 1 }
        return i
    }

    /// `"key"` then `:`; the index after the colon.
    private static func member(_ data: [UInt8], _ start: Int) -> Int? {
        guard data.at(start) == 0x22, let end = string(data, start + 1) else { return nil }
        let colon = skipSpace(data, end)
        guard data.at(colon) == UInt8(ascii: ":") else { return nil }
        return colon + 1
    }

    private static func scalar(_ data: [UInt8], _ i: Int) -> Int? {
        switch data[i] {
        case 0x22: return string(data, i + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number(data, i)
        case UInt8(ascii: "t"): return literal(data, i, "true")
        case UInt8(ascii: "f"): return literal(data, i, "false")
        case UInt8(ascii: "n"): return literal(data, i, "null")
        default: return nil
        }
    }

    private static func literal(_ data: [UInt8], _ i: Int, _ word: String) -> Int? {
        let w = Array(word.utf8)
        return data.sub(i, i + w.count) == w ? i + w.count : nil
    }

    /// `validstring` from just after the opening quote.
    private static func string(_ data: [UInt8], _ start: Int) -> Int? {
        var i = start
        while i < data.count {
            let c = data[i]
            if c < 0x20 { return nil }
            if c == 0x22 { return i + 1 }
            if c == 0x5C {
                i += 1
                guard i < data.count else { return nil }
                switch data[i] {
                case 0x22, 0x5C, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        i += 1
                        guard i < data.count, GJSONScan.hexValue(data[i]) != nil else { return nil }
                    }
                default:
                    return nil
                }
            }
            i += 1
        }
        return nil
    }

    /// `validnumber`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private static func number(_ data: [UInt8], _ start: Int) -> Int? {
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        var i = start
        if data[i] == UInt8(ascii: "-") { i += 1 }
        guard i < data.count, isDigit(data[i]) else { return nil }
        if data[i] == UInt8(ascii: "0") { i += 1 } else { while i < data.count, isDigit(data[i]) { i += 1 } }
        if i < data.count, data[i] == UInt8(ascii: ".") {
            i += 1
            guard i < data.count, isDigit(data[i]) else { return nil }
            while i < data.count, isDigit(data[i]) { i += 1 }
        }
        if i < data.count, data[i] == UInt8(ascii: "e") || data[i] == UInt8(ascii: "E") {
            i += 1
            if i < data.count, data[i] == UInt8(ascii: "+") || data[i] == UInt8(ascii: "-") { i += 1 }
            guard i < data.count, isDigit(data[i]) else { return nil }
            while i < data.count, isDigit(data[i]) { i += 1 }
        }
        return i
    }
}
