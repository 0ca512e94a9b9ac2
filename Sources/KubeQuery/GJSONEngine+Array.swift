/// gjson.go `parseArray`: an index component picks the n-th element; `#` counts the elements; `#.rest` maps the rest
/// of the path over the elements into a new array; `#(query)` takes the first matching element, `#(query)#` all of
/// them. The end of the text counts as a closing `]`, which is how `..` (JSON lines) reads top-level values.
extension GJSONEngine {
    static func parseArray(_ c: Context, _ start: Int, _ path: [UInt8]) -> (Int, Bool) {
        guard c.depth < maxDepth else { return (c.json.count, false) }
        let walk = ArrayWalk(c, path)
        return walk.run(from: start)
    }

    /// The state gjson's `parseArray` keeps in locals, with its closure `procQuery` as a method.
    final class ArrayWalk {
        let c: Context
        var rp: GJSONPath.ArrayPart
        let partIndex: Int
        var multires: [UInt8] = []
        var alog: [Int] = []
        var count = 0
        var pmatch = false
        var hit = false

        init(_ c: Context, _ path: [UInt8]) {
            self.c = c
            rp = GJSONPath.arrayPart(path)
            partIndex = rp.arrch ? 0 : (GJSONEngine.goParseUint(rp.part) ?? -1)
            if !rp.more && rp.piped {
                c.pipe = rp.pipe
                c.piped = true
            }
        }

        /// What one position of the array holds.
        enum Step {
            /// A byte between elements.
            case skip
            /// A string without its closing quote: the walk ends, not found.
            case unterminated(Int)
            /// The element the path continues into, walked; found or not.
            case nested(Int, found: Bool)
            case value(Int, GJSONResult)
        }

        func run(from start: Int) -> (Int, Bool) {
            let n = c.json.count
            var i = start
            while i < n + 1 {
                if !rp.arrch {
                    pmatch = partIndex == count
                    hit = pmatch && !rp.more
                }
                count += 1
                if rp.alogok { alog.append(i) }
                scan: while i <= n {
                    let ch = i == n ? UInt8(ascii: "]") : c.json[i]
                    if ch == UInt8(ascii: "]") { return close(at: i) }
                    switch step(at: i, ch) {
                    case .skip:
                        i += 1
                        continue scan
                    case .unterminated(let next):
                        return (next, false)
                    case .nested(let next, let found):
                        i = next
                        if found && !rp.alogok { return (i, true) }
                    case .value(let next, let value):
                        i = next
                        if rp.query.on {
                            if procQuery(value) { return (i, true) }
                        } else if hit && !rp.alogok {
                            take(value)
                            return (i, true)
                        }
                    }
                    break scan
                }
            }
            return (i, false)
        }

        /// The element starting at `i`. A nested walk runs when this element is the one the path continues into.
        private func step(at i: Int, _ ch: UInt8) -> Step {
            let json = c.json
            switch ch {
            case 0x22:
                let (next, raw, escaped, found) = GJSONScan.string(json, i + 1)
                guard found else { return .unterminated(next) }
                let inner = raw.sub(1, raw.count - 1)
                return .value(next, GJSONResult(kind: .string, raw: raw, str: escaped ? GJSONScan.unescape(inner) : inner))
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if pmatch && !hit {
                    c.depth += 1
                    let (next, found) = ch == UInt8(ascii: "{") ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path)
                    c.depth -= 1
                    hit = found
                    return .nested(next, found: found)
                }
                let (next, raw) = GJSONScan.squashValue(json, i)
                return .value(next, GJSONResult(kind: .json, raw: raw))
            case UInt8(ascii: "n") where i + 1 < json.count && json[i + 1] != UInt8(ascii: "u"):
                return number(at: i)
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
                let (next, raw) = GJSONScan.literal(json, i)
                let kind: GJSONResult.Kind = ch == UInt8(ascii: "t") ? .true : (ch == UInt8(ascii: "f") ? .false : .null)
                return .value(next, GJSONResult(kind: kind, raw: raw))
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "N"):
                return number(at: i)
            default:
                return .skip
            }
        }

        private func number(at i: Int) -> Step {
            let (next, raw) = GJSONScan.number(c.json, i)
            return .value(next, GJSONResult(kind: .number, raw: raw, num: GoNumberParsing.parseFloat(String(decoding: raw, as: UTF8.self)).value))
        }

        /// The hit value into the context, field by field as gjson sets it (a null literal leaves the type alone).
        private func take(_ value: GJSONResult) {
            switch value.kind {
            case .null:
                c.value.raw = value.raw
            case .json:
                c.value.raw = value.raw
                c.value.kind = .json
            default:
                c.value = value
            }
        }
    }
}
