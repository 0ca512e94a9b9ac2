import ModelBase
/// One log record, rendered the way logrus (Argo v3) or Go's `log/slog` (Argo v4) renders it: log
/// parsers grep the executor's logs for these layouts.
public struct LogLine {
    var time: String
    var level: String
    var message: String
    var fields: [String: String]

    /// slog's TextHandler: `time=... level=INFO msg=... argo=true k=v`; the time unquoted, values quoted
    /// only when slog's `needsQuoting` says so. Fields after `argo`, sorted (Go's order is a map's).
    func slogText() -> String {
        keyValues(time: time, key: Self.slogQuoteIfNeeded, value: Self.slogQuoteIfNeeded)
    }

    /// The `k=v` layout both text handlers share: fixed keys first, then the fields sorted by name.
    private func keyValues(time: String, key: (String) -> String, value: (String) -> String) -> String {
        var out = "time=\(time) level=\(level) msg=\(value(message)) argo=true"
        for name in fields.keys.sorted() where name != "argo" {
            out += " \(key(name))=\(value(fields[name] ?? ""))"
        }
        return out
    }

    /// slog's JSONHandler: `{"time":...,"level":"INFO","msg":...,"argo":true,...}`, built-in keys first.
    func slogJSON() -> String {
        var out = "{\"time\":\(Self.jsonString(time)),\"level\":\(Self.jsonString(level)),\"msg\":\(Self.jsonString(message)),\"argo\":true"
        for key in fields.keys.sorted() where key != "argo" {
            out += ",\(Self.jsonString(key)):\(Self.jsonString(fields[key] ?? ""))"
        }
        return out + "}"
    }

    /// slog's `needsQuoting`: empty, or any space, `=`, `"`, ASCII control character (DEL is in JSON's safe
    /// set, so it does not count), U+FFFD (Go's RuneError), or non-printing or space Unicode character (a
    /// backslash alone does not force quotes).
    static func slogQuoteIfNeeded(_ value: String) -> String {
        let needs = value.isEmpty || value.unicodeScalars.contains { c in
            c == " " || c == "=" || c == "\"" || c.value < 0x20 || c == "\u{FFFD}"
                || (c.value >= 0x80 && (c.properties.isWhitespace || !Self.isPrintable(c)))
        }
        return needs ? goQuote(value) : value
    }

    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: false
        default: true
        }
    }

    /// `time="..." level=info msg="..." argo=true k=v`: fixed keys first, then fields sorted by name.
    func text() -> String {
        keyValues(time: Self.quoteIfNeeded(time), key: { $0 }, value: Self.quoteIfNeeded)
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

    /// Go's `%q` (`strconv.Quote`), as logrus and slog quote a value that needs it.
    public static func goQuote(_ value: String) -> String { GoQuote.quote(value) }

    /// A JSON string literal (also the JSON in JWTs and GCS upload metadata).
    public static func jsonString(_ value: String) -> String {
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
