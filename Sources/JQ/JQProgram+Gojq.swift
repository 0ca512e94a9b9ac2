import Core
import KubeQuery
import Model

extension JQProgram {
    /// Argo's `jqFilter` (workflow/executor/resource.go): reads `json` (the `kubectl get -o json` output), runs
    /// `filter` on it and writes each result on its own line, a string as its raw text and any other value as
    /// `json.Marshal` writes it; the whole text is `strings.TrimSpace`d. No results give "".
    public static func gojqOutput(filter: String, json: [UInt8]) throws(ExecError) -> String {
        let input: JSONValue
        do throws(ModelError) {
            input = try JSONParser.parse(json)
        } catch {
            throw ExecError(.badRequest, "jq filter \"\(filter)\": the input is not JSON: \(error.message)",
                            context: ["filter": filter])
        }
        var out = ""
        for result in try JQProgram(unchecked: filter).run(input) {
            if case .string(let text) = result {
                out += text
            } else {
                if let bad = Self.unsupported(result) {  // json.Marshal's UnsupportedValueError
                    throw ExecError(.badRequest, "jq filter \"\(filter)\": json: unsupported value: \(bad)", context: ["filter": filter])
                }
                out += result.goJSON
            }
            out += "\n"
        }
        return goTrimSpace(out)
    }

    /// The first NaN or infinity in `value`, as Go names it; nil when `json.Marshal` can write it.
    static func unsupported(_ value: JSONValue) -> String? {
        switch value {
        case .double(let d) where !d.isFinite: return d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf")
        case .array(let items): return items.lazy.compactMap(unsupported).first
        case .object(let members): return members.values.lazy.compactMap(unsupported).first
        default: return nil
        }
    }

    /// Go's `strings.TrimSpace`: Unicode white space (`unicode.IsSpace`), not just ASCII, at both ends.
    static func goTrimSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isGoSpace($0) }),
              let last = scalars.lastIndex(where: { !isGoSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// `unicode.IsSpace`: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 in Latin-1, else the White_Space
    /// property (U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    private static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: true
        case 0x100...: scalar.properties.isWhitespace
        default: false
        }
    }
}
