/// The checks `labels.Parse` applies to keys and values, with apimachinery's error texts: content.IsLabelKey and
/// content.IsLabelValue (pkg/api/validate/content/kube.go, dns.go, errors.go), reported as field errors
/// (pkg/util/validation/field/errors.go) and aggregated (pkg/util/errors/errors.go).
enum LabelValidation {
    static let nameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let nameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let valueFormat = "(" + nameFormat + ")?"
    static let valueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let subdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    static let maxNameLength = 63
    static let maxSubdomainLength = 253

    /// content.IsLabelKey: an optional DNS-subdomain prefix and '/', then a name of at most 63 bytes.
    static func keyErrors(_ key: String) -> [String] {
        let parts = Array(key.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Array($0) }
        var errors: [String] = []
        let name: [UInt8]
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += subdomainErrors(parts[0]).map { "prefix part " + $0 }
            }
        default:
            return ["a valid label key " + regexError(nameMessage, nameFormat, ["MyName", "my.name", "123-abc"])
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.count > maxNameLength {
            errors.append("name part " + maxLengthError(maxNameLength))
        }
        if !isName(name) {
            errors.append("name part " + regexError(nameMessage, nameFormat, ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    /// content.IsLabelValue: empty, or a name of at most 63 bytes.
    static func valueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        let bytes = Array(value.utf8)
        if bytes.count > maxNameLength { errors.append(maxLengthError(maxNameLength)) }
        if !bytes.isEmpty, !isName(bytes) {
            errors.append(regexError(valueMessage, valueFormat, ["MyValue", "my_value", "12345"]))
        }
        return errors
    }

    private static func subdomainErrors(_ bytes: [UInt8]) -> [String] {
        var errors: [String] = []
        if bytes.count > maxSubdomainLength { errors.append(maxLengthError(maxSubdomainLength)) }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if !labels.allSatisfy({ isDNSLabel(Array($0)) }) {
            errors.append(regexError(subdomainMessage, subdomainFormat, ["example.com"]))
        }
        return errors
    }

    /// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
    private static func isName(_ b: [UInt8]) -> Bool {
        guard let first = b.first, let last = b.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return b.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
    private static func isDNSLabel(_ b: [UInt8]) -> Bool {
        let lowerAlnum: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        guard let first = b.first, let last = b.last, lowerAlnum(first), lowerAlnum(last) else { return false }
        return b.allSatisfy { lowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    static func maxLengthError(_ length: Int) -> String { "must be no more than \(length) bytes" }

    /// content.RegexError; its examples are joined as `'a',  or 'b', ` (two spaces), as Kubernetes prints them.
    static func regexError(_ message: String, _ format: String, _ examples: [String]) -> String {
        message + " (e.g. " + examples.map { "'\($0)', " }.joined(separator: " or ") + "regex used for validation is '\(format)')"
    }

    /// field.Invalid(path, value, detail).Error() for a string value: `path: Invalid value: "value": detail`.
    static func invalid(_ path: String, _ quotedValue: String, _ detail: String) -> String {
        "\(path): Invalid value: \(quotedValue): \(detail)"
    }

    /// ErrorList.ToAggregate().Error(): duplicates dropped, one message alone, several as `[a, b]`.
    static func aggregate(_ messages: [String]) -> String? {
        var seen = Set<String>()
        let unique = messages.filter { seen.insert($0).inserted }
        guard unique.count > 1 else { return unique.first }
        return "[" + unique.joined(separator: ", ") + "]"
    }
}
