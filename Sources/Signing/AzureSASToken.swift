import Core

/// A shared access signature given in place of an account key (Argo's `isSASAccountKey` in
/// `workflow/artifacts/azure/azure.go`): the service verifies it, the client only appends it to every
/// request's query. The token is a credential: it is never printed, and URLs carrying it are redacted.
public struct AzureSASToken: Sendable {
    /// The token's query string as given (already percent-encoded), without a leading `?`.
    public let query: String

    /// Argo's test, the regular expression `(\?|\&)([^=]+)\=([^&]+)`: somewhere a `?` or `&` followed by
    /// `name=value`. An account key (base64) never contains either character.
    public static func looksLikeSAS(_ key: String) -> Bool {
        let s = Array(key.utf8)
        for (i, c) in s.enumerated() where c == UInt8(ascii: "?") || c == UInt8(ascii: "&") {
            guard let eq = s[(i + 1)...].firstIndex(of: UInt8(ascii: "=")) else { return false }
            if eq >= i + 2 && eq + 1 < s.count && s[eq + 1] != UInt8(ascii: "&") { return true }
        }
        return false
    }

    /// Argo builds `<container URL>?<key>`, so a token copied with its leading `?` (as the portal shows
    /// it) would start with an empty parameter there; here the `?` is dropped.
    public init(_ token: String) {
        var text = Substring(token)
        while text.first == "?" { text = text.dropFirst() }
        query = String(text)
    }

    /// A decoded parameter of the token (`se`, the expiry; `sp`, the permissions), for error hints.
    public func parameter(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? SigV4Signer.percentDecode(String(parts[1])) : "" }
        }
        return nil
    }
}
