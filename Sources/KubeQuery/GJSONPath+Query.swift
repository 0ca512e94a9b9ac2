/// gjson's query and pipe splitting (gjson.go `parseQuery`, `splitPossiblePipe`, `parseSubSelectors`).
extension GJSONPath {
    struct ParsedQuery {
        var path: [UInt8]
        var op: [UInt8]
        var value: [UInt8]
        /// The index just after the closing bracket.
        var end: Int
        var escaped: Bool
    }

    /// `parseQuery`: `#(path op value)` or `#[...]`, brackets and quoted strings balanced; nil when unbalanced.
    static func query(_ q: [UInt8]) -> ParsedQuery? {
        guard q.count >= 2, q[0] == UInt8(ascii: "#"), q[1] == UInt8(ascii: "(") || q[1] == UInt8(ascii: "[") else { return nil }
        var i = 2
        var j = 0
        var depth = 1
        var escaped = false
        scan: while i < q.count {
            if depth == 1 && j == 0 {
                switch q[i] {
                case UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "%"):
                    j = i
                    i += 1
                    continue scan
                default: break
                }
            }
            switch q[i] {
            case UInt8(ascii: "\\"):
                i += 1
            case UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { break scan }
            case 0x22:
                i += 1
                while i < q.count {
                    if q[i] == UInt8(ascii: "\\") {
                        escaped = true
                        i += 1
                    } else if q[i] == 0x22 {
                        break
                    }
                    i += 1
                }
            default:
                break
            }
            i += 1
        }
        guard depth == 0 else { return nil }
        guard j > 0 else { return ParsedQuery(path: q.sub(2, i).trimmedGJSON(), op: [], value: [], end: i + 1, escaped: escaped) }
        var value = q.sub(j, i).trimmedGJSON()
        let first = value.at(0)
        let second = value.at(1)
        var opSize = 0
        if value.count == 1 {
            opSize = 1
        } else if (first == UInt8(ascii: "!") && (second == UInt8(ascii: "=") || second == UInt8(ascii: "%")))
                    || ((first == UInt8(ascii: "<") || first == UInt8(ascii: ">")) && second == UInt8(ascii: "=")) {
            opSize = 2
        } else if first == UInt8(ascii: "=") && second == UInt8(ascii: "=") {
            value = value.sub(1)
            opSize = 1
        } else if [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "%")].contains(first) {
            opSize = 1
        }
        return ParsedQuery(path: q.sub(2, j).trimmedGJSON(), op: value.sub(0, opSize), value: value.sub(opSize).trimmedGJSON(),
                           end: i + 1, escaped: escaped)
    }

    /// `splitPossiblePipe`: the path split at its first top-level `|` (not inside a `#(...)` query or `{...}`).
    static func splitPossiblePipe(_ path: [UInt8]) -> (left: [UInt8], right: [UInt8])? {
        guard path.contains(UInt8(ascii: "|")) else { return nil }
        if path.first == UInt8(ascii: "{") {
            let squashed = GJSONScan.squash(path.sub(1))
            if squashed.count < path.count - 1 {
                let left = path.sub(0, squashed.count + 1)
                let remain = path.sub(left.count)
                if remain.first == UInt8(ascii: "|") { return (left, remain.sub(1)) }
            }
            return nil
        }
        var i = 0
        while i < path.count {
            let c = path[i]
            if c == UInt8(ascii: "\\") {
                i += 1
            } else if c == UInt8(ascii: ".") {
                if i == path.count - 1 { return nil }
                if path[i + 1] == UInt8(ascii: "#") {
                    i += 2
                    if i == path.count { return nil }
                    if path[i] == UInt8(ascii: "[") || path[i] == UInt8(ascii: "(") {
                        let (open, close) = path[i] == UInt8(ascii: "[") ? (UInt8(ascii: "["), UInt8(ascii: "]")) : (UInt8(ascii: "("), UInt8(ascii: ")"))
                        i += 1
                        var depth = 1
                        balance: while i < path.count {
                            if path[i] == UInt8(ascii: "\\") {
                                i += 1
                            } else if path[i] == open {
                                depth += 1
                            } else if path[i] == close {
                                depth -= 1
                                if depth == 0 { break balance }
                            } else if path[i] == 0x22 {
                                i += 1
                                while i < path.count {
                                    if path[i] == UInt8(ascii: "\\") { i += 1 } else if path[i] == 0x22 { break }
                                    i += 1
                                }
                            }
                            i += 1
                        }
                    }
                }
            } else if c == UInt8(ascii: "|") {
                return (path.sub(0, i), path.sub(i + 1))
            }
            i += 1
        }
        return nil
    }

    struct SubSelector {
        var name: [UInt8]
        var path: [UInt8]
    }

    /// `parseSubSelectors` for a path opening with `[` or `{`: the selectors and the path after the closing bracket.
    static func subSelectors(_ path: [UInt8]) -> (selectors: [SubSelector], rest: [UInt8])? {
        var selectors: [SubSelector] = []
        var modifier = 0
        var depth = 1
        var colon = 0
        var start = 1
        var i = 1
        func push() {
            selectors.append(colon == 0 ? SubSelector(name: [], path: path.sub(start, i))
                                        : SubSelector(name: path.sub(start, colon), path: path.sub(colon + 1, i)))
            colon = 0
            modifier = 0
            start = i + 1
        }
        while i < path.count {
            switch path[i] {
            case UInt8(ascii: "\\"):
                i += 1
            case UInt8(ascii: "@"):
                if modifier == 0 && i > 0 && (path[i - 1] == UInt8(ascii: ".") || path[i - 1] == UInt8(ascii: "|")) { modifier = i }
            case UInt8(ascii: ":"):
                if modifier == 0 && colon == 0 && depth == 1 { colon = i }
            case UInt8(ascii: ","):
                if depth == 1 { push() }
            case 0x22:
                i += 1
                while i < path.count {
                    if path[i] == UInt8(ascii: "\\") { i += 1 } else if path[i] == 0x22 { break }
                    i += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    push()
                    return (selectors, path.sub(i + 1))
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
