/// gjson's path component readers (gjson.go `parseObjectPath`, `parseArrayPath`, `parseQuery`, `isDotPiperChar`):
/// they split the first component off a path and say how the rest continues (`.` more, `|` pipe).
enum GJSONPath {
    /// The modifier names gjson knows; a `.@name` component is piped only when `name` is one of them.
    static let modifierNames: Set<String> = [
        "pretty", "ugly", "reverse", "this", "flatten", "join", "valid", "keys", "values", "tostr", "fromstr", "group", "dig",
    ]

    struct ObjectPart {
        var part: [UInt8] = []
        var path: [UInt8] = []
        var pipe: [UInt8] = []
        var piped = false
        var wild = false
        var more = false
    }

    struct Query {
        var on = false
        var all = false
        var path: [UInt8] = []
        var op: [UInt8] = []
        var value: [UInt8] = []
    }

    struct ArrayPart {
        var part: [UInt8] = []
        var path: [UInt8] = []
        var pipe: [UInt8] = []
        var piped = false
        var more = false
        var alogok = false
        var arrch = false
        var alogkey: [UInt8] = []
        var query = Query()
    }

    /// `isDotPiperChar`: after a dot, `@modifier`, `[` and `{` start a piped component.
    static func isDotPiperChar(_ s: [UInt8]) -> Bool {
        guard let c = s.first else { return false }
        if c == UInt8(ascii: "@") {
            var i = 1
            while i < s.count, s[i] != UInt8(ascii: "."), s[i] != UInt8(ascii: "|"), s[i] != UInt8(ascii: ":") { i += 1 }
            return modifierNames.contains(String(decoding: s.sub(1, i), as: UTF8.self))
        }
        return c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
    }

    /// `parseObjectPath`.
    static func objectPart(_ path: [UInt8]) -> ObjectPart {
        var r = ObjectPart()
        var i = 0
        func split(_ part: [UInt8], at i: Int, dot: Bool) -> ObjectPart {
            var r = ObjectPart(part: part, wild: false)
            if dot && !(i < path.count - 1 && isDotPiperChar(path.sub(i + 1))) {
                r.path = path.sub(i + 1)
                r.more = true
            } else {
                r.pipe = path.sub(i + 1)
                r.piped = true
            }
            return r
        }
        while i < path.count {
            let c = path[i]
            if c == UInt8(ascii: "|") || c == UInt8(ascii: ".") {
                let wild = r.wild
                r = split(path.sub(0, i), at: i, dot: c == UInt8(ascii: "."))
                r.wild = wild
                return r
            }
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") { r.wild = true; i += 1; continue }
            if c == UInt8(ascii: "\\") {
                // Escape mode: the backslashes are dropped from the component.
                var part = path.sub(0, i)
                i += 1
                if i < path.count {
                    part.append(path[i])
                    i += 1
                    while i < path.count {
                        let e = path[i]
                        if e == UInt8(ascii: "\\") {
                            i += 1
                            if i < path.count { part.append(path[i]) }
                            i += 1
                            continue
                        } else if e == UInt8(ascii: ".") || e == UInt8(ascii: "|") {
                            let wild = r.wild
                            r = split(part, at: i, dot: e == UInt8(ascii: "."))
                            r.wild = wild
                            return r
                        } else if e == UInt8(ascii: "*") || e == UInt8(ascii: "?") {
                            r.wild = true
                        }
                        part.append(e)
                        i += 1
                    }
                }
                r.part = part
                return r
            }
            i += 1
        }
        r.part = path
        return r
    }

    /// `parseArrayPath`.
    static func arrayPart(_ path: [UInt8]) -> ArrayPart {
        var r = ArrayPart()
        var i = 0
        while i < path.count {
            let c = path[i]
            if c == UInt8(ascii: "|") {
                r.part = path.sub(0, i)
                r.pipe = path.sub(i + 1)
                r.piped = true
                return r
            }
            if c == UInt8(ascii: ".") {
                r.part = path.sub(0, i)
                if !r.arrch && i < path.count - 1 && isDotPiperChar(path.sub(i + 1)) {
                    r.pipe = path.sub(i + 1)
                    r.piped = true
                } else {
                    r.path = path.sub(i + 1)
                    r.more = true
                }
                return r
            }
            if c == UInt8(ascii: "#") {
                r.arrch = true
                if i == 0 && path.count > 1 {
                    if path[1] == UInt8(ascii: ".") {
                        r.alogok = true
                        r.alogkey = path.sub(2)
                        r.path = path.sub(0, 1)
                    } else if path[1] == UInt8(ascii: "[") || path[1] == UInt8(ascii: "(") {
                        r.query.on = true
                        guard let q = query(path.sub(i)) else { break }
                        var value = q.value
                        if value.count >= 2, value.first == 0x22, value.last == 0x22 {
                            value = value.sub(1, value.count - 1)
                            if q.escaped { value = GJSONScan.unescape(value) }
                        }
                        r.query.path = q.path
                        r.query.op = q.op
                        r.query.value = value
                        i = q.end - 1
                        if path.at(i + 1) == UInt8(ascii: "#") && i + 1 < path.count { r.query.all = true }
                    }
                }
            }
            i += 1
        }
        r.part = path
        r.path = []
        return r
    }
}
