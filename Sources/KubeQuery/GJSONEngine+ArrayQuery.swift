/// The query and closing-bracket parts of gjson.go `parseArray` (its `procQuery` closure and its `]` case).
extension GJSONEngine.ArrayWalk {
    /// `procQuery`: whether `qval` matches the query; the first match is the result, or with `#(...)#` every
    /// match is collected.
    func procQuery(_ qval: GJSONResult) -> Bool {
        if rp.query.all && multires.isEmpty { multires.append(UInt8(ascii: "[")) }
        var res: GJSONResult
        if qval.kind == .json {
            res = GJSONEngine.get(qval.raw, rp.query.path, depth: c.depth + 1)
        } else {
            guard rp.query.path.isEmpty else { return false }
            res = qval
        }
        guard GJSONEngine.queryMatches(rp.query, res) else { return false }
        if rp.more {
            if let (left, right) = GJSONPath.splitPossiblePipe(rp.path) {
                rp.path = left
                c.pipe = right
                c.piped = true
            }
            res = GJSONEngine.get(qval.raw, rp.path, depth: c.depth + 1)
        } else {
            res = qval
        }
        guard rp.query.all else {
            c.value = res
            return true
        }
        let raw = res.raw.isEmpty ? res.string : res.raw
        if !raw.isEmpty {
            if multires.count > 1 { multires.append(UInt8(ascii: ",")) }
            multires += raw
        }
        return false
    }

    /// The closing `]`: `#` answers the count, `#.key` the mapped array; a `#(...)#` query answers what it collected
    /// (an empty array when nothing matched).
    func close(at i: Int) -> (Int, Bool) {
        if rp.arrch && rp.part == [UInt8(ascii: "#")] {
            guard rp.alogok else {
                c.value = GJSONResult(kind: .number, raw: Array(String(count - 1).utf8), num: Double(count - 1))
                return (i + 1, true)
            }
            if let (left, right) = GJSONPath.splitPossiblePipe(rp.alogkey) {
                rp.alogkey = left
                c.pipe = right
                c.piped = true
            }
            var out: [UInt8] = [UInt8(ascii: "[")]
            var k = 0
            for start in alog {
                var idx = start
                while idx < c.json.count, [0x20, 0x09, 0x0D, 0x0A].contains(c.json[idx]) { idx += 1 }
                guard idx < c.json.count, c.json[idx] != UInt8(ascii: "]") else { continue }
                let (_, element, ok) = GJSONScan.any(c.json, idx)
                guard ok else { continue }
                let res = GJSONEngine.get(element.raw, rp.alogkey, depth: c.depth + 1)
                guard res.exists else { continue }
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out += res.raw.isEmpty ? res.string : res.raw
                k += 1
            }
            out.append(UInt8(ascii: "]"))
            c.value = GJSONResult(kind: .json, raw: out)
            return (i + 1, true)
        }
        if !c.value.exists {
            if !multires.isEmpty {
                c.value = GJSONResult(kind: .json, raw: multires + [UInt8(ascii: "]")])
            } else if rp.query.all {
                c.value = GJSONResult(kind: .json, raw: Array("[]".utf8))
            }
        }
        return (i + 1, false)
    }
}

extension GJSONEngine {
    /// gjson's `parseUint`: digits only, wrapping on overflow as Go's uint64 arithmetic does.
    static func goParseUint(_ s: [UInt8]) -> Int? {
        guard !s.isEmpty else { return nil }
        var n: UInt64 = 0
        for c in s {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n &* 10 &+ UInt64(c - UInt8(ascii: "0"))
        }
        return Int(truncatingIfNeeded: n)
    }
}
