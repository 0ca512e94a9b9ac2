/// Go's `url.URL.Redacted` for messages: a password in a URL's userinfo becomes `xxxxx` (`scheme://user:xxxxx@host/...`);
/// anything else, including scp-like `user@host:path`, is shown as it is.
public enum GoURL {
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<rest.index(after: colon)]) + "xxxxx" + String(rest[at...])
    }
}
