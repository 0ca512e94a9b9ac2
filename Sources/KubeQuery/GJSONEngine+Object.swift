/// gjson.go `parseObject`: scan the members of an object for the key the path's first component names (exactly, or
/// by wildcard), then either take the value or descend into it with the rest of the path. Other values are skipped
/// without being parsed.
extension GJSONEngine {
    static func parseObject(_ c: Context, _ start: Int, _ path: [UInt8]) -> (Int, Bool) {
        guard c.depth < maxDepth else { return (c.json.count, false) }
        let rp = GJSONPath.objectPart(path)
        if !rp.more && rp.piped {
            c.pipe = rp.pipe
            c.piped = true
        }
        var i = start
        // gjson keeps `ok` across members: a scan that runs off the end after a good key goes on with that key.
        var key: [UInt8] = []
        var ok = false
        while i < c.json.count {
            switch nextKey(c.json, i) {
            case .closed(let next):
                return (next, false)
            case .exhausted(let next):
                i = next
            case .key(let next, let name, let found):
                i = next
                key = name
                ok = found
            }
            if !ok { return (i, false) }
            let pmatch = rp.wild ? GJSONMatch.matches(key, rp.part) : key == rp.part
            let (next, result) = memberValue(c, i, rp, pmatch: pmatch, hit: pmatch && !rp.more)
            i = next
            if let result { return (i, result) }
        }
        return (i, false)
    }

    enum KeyScan {
        /// The object's `}` came first.
        case closed(Int)
        /// The text ended before another key.
        case exhausted(Int)
        /// A key (unescaped), and whether its closing quote was found.
        case key(Int, [UInt8], Bool)
    }

    static func nextKey(_ json: [UInt8], _ start: Int) -> KeyScan {
        var i = start
        while i < json.count {
            if json[i] == 0x22 {
                let (next, raw, escaped, found) = GJSONScan.string(json, i + 1)
                let key = found ? raw.sub(1, raw.count - 1) : raw.sub(1)
                return .key(next, found && escaped ? GJSONScan.unescape(key) : key, found)
            }
            if json[i] == UInt8(ascii: "}") { return .closed(i + 1) }
            i += 1
        }
        return .exhausted(i)
    }

    /// The value after a key: taken when it is the hit, walked into when the key matched and the path goes on,
    /// skipped otherwise. The result is nil to go on to the next member, or what `parseObject` returns.
    static func memberValue(_ c: Context, _ start: Int, _ rp: GJSONPath.ObjectPart, pmatch: Bool, hit: Bool) -> (Int, Bool?) {
        let json = c.json
        var i = start
        while i < json.count {
            let ch = json[i]
            switch ch {
            case 0x22:
                let (next, raw, escaped, found) = GJSONScan.string(json, i + 1)
                guard found else { return (next, false) }
                guard hit else { return (next, nil) }
                let inner = raw.sub(1, raw.count - 1)
                c.value = GJSONResult(kind: .string, raw: raw, str: escaped ? GJSONScan.unescape(inner) : inner, num: c.value.num)
                return (next, true)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if pmatch && !hit {
                    c.depth += 1
                    let (next, found) = ch == UInt8(ascii: "{") ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path)
                    c.depth -= 1
                    return (next, found ? true : nil)
                }
                let (next, raw) = GJSONScan.squashValue(json, i)
                guard hit else { return (next, nil) }
                c.value.raw = raw
                c.value.kind = .json
                return (next, true)
            case UInt8(ascii: "n") where i + 1 < json.count && json[i + 1] != UInt8(ascii: "u"):
                return number(c, i, hit: hit)
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
                let (next, raw) = GJSONScan.literal(json, i)
                guard hit else { return (next, nil) }
                c.value.raw = raw
                if ch != UInt8(ascii: "n") { c.value.kind = ch == UInt8(ascii: "t") ? .true : .false }
                return (next, true)
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "N"):
                return number(c, i, hit: hit)
            default:
                i += 1
            }
        }
        return (i, nil)
    }

    private static func number(_ c: Context, _ i: Int, hit: Bool) -> (Int, Bool?) {
        let (next, raw) = GJSONScan.number(c.json, i)
        guard hit else { return (next, nil) }
        c.value.raw = raw
        c.value.kind = .number
        c.value.num = GoNumberParsing.parseFloat(String(decoding: raw, as: UTF8.self)).value
        return (next, true)
    }
}
