import ModelBase

/// client-go's checks on names that become URL path segments (`k8s.io/apimachinery/pkg/api/validation/path`
/// `IsValidPathSegmentName`): a manifest's name or namespace can never climb out of its collection
/// (`../secrets/x`) or smuggle a query.
enum KubePath {
    static func isValidSegment(_ name: String) -> Bool {
        invalidReasons(name).isEmpty
    }

    static func invalidReasons(_ name: String) -> [String] {
        if name == "." || name == ".." { return ["may not be '\(name)'"] }
        var reasons: [String] = []
        for illegal in ["/", "%"] where name.contains(text: illegal) { reasons.append("may not contain '\(illegal)'") }
        if name.utf8.contains(where: { $0 < 0x21 || $0 == 0x3F || $0 == 0x23 || $0 == 0x7F }) {
            reasons.append("may not contain spaces, control characters, '?' or '#'")  // ours: kept out of the URL
        }
        return reasons
    }

    /// Throws kubectl's `invalid resource name "x": [may not contain '/']` for a bad name.
    static func check(_ name: String, what: String = "resource name") throws(KubectlError) {
        let reasons = invalidReasons(name)
        guard reasons.isEmpty else { throw KubectlError("invalid \(what) \"\(name)\": [\(reasons.joined(separator: ", "))]") }
    }
}
