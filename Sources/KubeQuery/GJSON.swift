/// A JSON document read the way github.com/tidwall/gjson v1.19.0 reads it: `gjson.GetBytes(json, path)` with its path
/// syntax (dot-separated keys, `\` escapes, `*` / `?` wildcards, array indexes, `#`, `#.key`, `#(query)` and
/// `#(query)#` with `==` `!=` `<` `<=` `>` `>=` `%` `!%`, `|` pipes, `[a,b]` / `{a,b}` sub-selectors, `..` JSON lines,
/// `!literal` values and the modifiers but `@pretty`), on the raw bytes: values come out of the text as written.
///
/// Argo evaluates a resource template's `successCondition` / `failureCondition` over the live object through this
/// (`gjsonLabels` in workflow/executor/resource.go): a label key is a gjson path, `Has` is `Exists()` and the value
/// is `String()`. Since those keys must be valid label keys, Argo's paths only ever use plain keys and indexes
/// (`status.phase`, `status.conditions.0.type`); a prefixed key such as `example.com/ready` is read by gjson as the
/// keys `example` and `com/ready`.
public struct GJSON: Sendable, LabelSource {
    public let json: [UInt8]

    public init(_ json: [UInt8]) {
        self.json = json
    }

    /// nil when `!Result.Exists()`, else `Result.String()`: a string unescaped, a number as written when it is a
    /// plain integer literal and otherwise in Go's shortest 'f' form (`1e3` reads as `1000`), `true` / `false`,
    /// objects and arrays as their raw text, `null` as "". Bytes that are not UTF-8 read as U+FFFD.
    public func lookup(_ path: String) -> String? {
        let result = GJSONEngine.get(json, Array(path.utf8))
        guard result.exists else { return nil }
        return String(decoding: result.string, as: UTF8.self)
    }

    /// `gjson.Valid`: the bytes are one well-formed JSON value (string contents are not checked for UTF-8).
    public static func isValid(_ json: [UInt8]) -> Bool {
        GJSONValid.isValid(json)
    }
}
