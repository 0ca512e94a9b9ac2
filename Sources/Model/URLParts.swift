/// A minimal `scheme://authority/path?query#fragment` splitter, enough for the HTTP/Artifactory key rules
/// (the key of such a location is its URL path). No percent-decoding: keys are used as written.
struct URLParts {
    var prefix: String  // scheme://authority, or "" for a relative reference
    var path: String
    var suffix: String  // ?query#fragment

    init(_ url: String) {
        var rest = Substring(url)
        prefix = ""
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            let afterScheme = rest[rest.index(colon, offsetBy: 3)...]
            let isDelimiter: (Character) -> Bool = { $0 == "/" || $0 == "?" || $0 == "#" }
            let authorityEnd = afterScheme.firstIndex(where: isDelimiter) ?? afterScheme.endIndex
            prefix = String(rest[..<authorityEnd])
            rest = rest[authorityEnd...]
        }
        let pathEnd = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        path = String(rest[..<pathEnd])
        suffix = String(rest[pathEnd...])
    }

    func replacingPath(with newPath: String) -> String {
        let p = newPath.isEmpty || newPath.hasPrefix("/") ? newPath : "/" + newPath
        return prefix + p + suffix
    }
}
