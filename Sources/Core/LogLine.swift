/// One log record rendered the way logrus renders it (Argo's executor logs are grepped for this layout).
struct LogLine {
    var time: String
    var level: String
    var message: String
    var fields: [String: String]

    /// `time="..." level=info msg="..." argo=true k=v`: fixed keys first, then fields sorted by name.
    func text() -> String {
        var out = "time=\(Self.quoteIfNeeded(time)) level=\(level) msg=\(Self.quoteIfNeeded(message)) argo=true"
        for key in fields.keys.sorted() where key != "argo" {
            out += " \(key)=\(Self.quoteIfNeeded(fields[key] ?? ""))"
        }
        return out
    }

    /// `{"argo":true,"level":"info","msg":"...","time":"...",...}` with keys sorted, as Go's JSON map encoding.
    func json() -> String {
        var all = fields
        all["level"] = level
        all["msg"] = message
        all["time"] = time
        all["argo"] = nil
        var parts = ["\"argo\":true"]
        for key in all.keys.sorted() {
            parts.append("\(Self.jsonString(key)):\(Self.jsonString(all[key] ?? ""))")
        }
        parts.sort()  // "argo" sorts first anyway; keep the full order lexical like encoding/json
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// logrus quotes a value unless every character is a letter, digit or one of `-._/@^+`; empty values
    /// stay unquoted (`QuoteEmptyFields` is off).
    static func quoteIfNeeded(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "-._/@^+".unicodeScalars.contains(c)
        }
        return plain ? value : goQuote(value)
    }

    /// Go's `%q`: double quotes, backslash escapes for quotes, backslashes and control characters.
    static func goQuote(_ value: String) -> String {
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where c.value < 0x20 || c.value == 0x7F: out += "\\x" + hex2(c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// A JSON string literal.
    static func jsonString(_ value: String) -> String {
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where c.value < 0x20: out += "\\u00" + hex2(c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static func hex2(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String(digits[Int(v >> 4) & 0xF]) + String(digits[Int(v) & 0xF])
    }
}
