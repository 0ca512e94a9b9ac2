/// gjson's `Result.ForEach` and `Result.Bool`, which the modifiers are written with.
enum GJSONIterate {
    /// `ForEach`: object members as (key, value), array elements with an empty key, a scalar as itself once.
    static func forEach(_ t: GJSONResult, _ body: (GJSONResult, GJSONResult) -> Bool) {
        guard t.exists else { return }
        guard t.kind == .json else { _ = body(GJSONResult(), t); return }
        let json = t.raw
        var isObject = false
        var i = 0
        var key = GJSONResult()
        while i < json.count {
            if json[i] == UInt8(ascii: "{") { i += 1; key.kind = .string; isObject = true; break }
            if json[i] == UInt8(ascii: "[") { i += 1; key.kind = .number; key.num = -1; break }
            if json[i] > 0x20 { return }
            i += 1
        }
        while i < json.count {
            if isObject {
                if json[i] != 0x22 { i += 1; continue }
                let (next, raw, escaped, ok) = GJSONScan.string(json, i + 1)
                guard ok else { return }
                i = next
                let inner = raw.sub(1, raw.count - 1)
                key.str = escaped ? GJSONScan.unescape(inner) : inner
                key.raw = raw
            } else {
                key.num += 1
            }
            while i < json.count, json[i] <= 0x20 || json[i] == UInt8(ascii: ",") || json[i] == UInt8(ascii: ":") { i += 1 }
            let (next, value, ok) = GJSONScan.any(json, i)
            guard ok else { return }
            i = next
            if !body(key, value) { return }
            i += 1
        }
    }

    /// `Result.Bool`.
    static func bool(_ t: GJSONResult) -> Bool {
        switch t.kind {
        case .true: return true
        case .string: return GJSONResult.parseBool(Array(String(decoding: t.str, as: UTF8.self).lowercased().utf8)) ?? false
        case .number: return t.num != 0
        default: return false
        }
    }

    /// gjson's `unwrap`: trimmed, then the outer `[]` or `{}` dropped.
    static func unwrap(_ json: [UInt8]) -> [UInt8] {
        let trimmed = json.trimmedGJSON()
        guard trimmed.count >= 2, trimmed[0] == UInt8(ascii: "[") || trimmed[0] == UInt8(ascii: "{") else { return trimmed }
        return trimmed.sub(1, trimmed.count - 1)
    }
}
