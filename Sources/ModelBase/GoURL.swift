/// Go's `url.URL.Redacted` for messages: a password in a URL's userinfo becomes `xxxxx` (`scheme://user:xxxxx@host/...`);
/// anything else, including scp-like `user@host:path`, is shown as it is.
public enum GoURL {
    public static func redacted(_ url: String) -> String {
        // A plain scan, not `firstRange(of:)`: that pulls Swift's string-processing library (1.3 MiB) into every
        // binary that links this module, the lean one included.
        guard let colon = url.firstIndex(of: ":"), url[url.index(after: colon)...].hasPrefix("//") else { return url }
        let rest = url[url.index(colon, offsetBy: 3)...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"), let password = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<rest.index(after: password)]) + "xxxxx" + String(rest[at...])
    }
}
