import Core
import ModelBase

/// A git artifact's `repo` as Argo's users write it, classified before anything connects: `https://`, `http://`,
/// `ssh://` (and libgit2's `ssh+git://` / `git+ssh://` spellings), scp-like `[user@]host:path`, and `git://`.
/// Local paths and `file://` are refused (docs/differences.md: go-git would read the executor's own filesystem),
/// and so is any other scheme, whatever libgit2 might do with it.
struct GitRemote: Sendable, Equatable {
    enum Transport: Sendable, Equatable { case http, https, ssh, git }

    let url: String
    let transport: Transport
    /// The SSH user when the URL names none (Argo's `GetUser` in `workflow/artifacts/git/git.go`): the part before
    /// the last `@` when it has no `/` or `:`, after an optional `ssh://`; `git` otherwise.
    let sshUser: String

    init(_ url: String) throws(ExecError) {
        guard !url.isEmpty else { throw ExecError(.badRequest, "URL field is required") }
        if let range = url.firstRange(ofText: "://") {
            let scheme = url[..<range.lowerBound].lowercased()
            switch scheme {
            case "https": transport = .https
            case "http": transport = .http
            case "ssh", "ssh+git", "git+ssh": transport = .ssh
            case "git": transport = .git
            default: throw Self.unsupported(scheme)
            }
        } else if Self.isSCPLike(url) {
            transport = .ssh
        } else {
            throw ExecError(.badRequest, "unsupported repository URL: local paths are not cloned (git artifacts are fetched "
                + "over https, http, ssh or git://)")
        }
        self.url = url
        sshUser = Self.user(url)
    }

    private static func unsupported(_ scheme: String) -> ExecError {
        ExecError(.badRequest, "unsupported scheme \"\(scheme)\" (git artifacts are fetched over https, http, ssh or git://)")
    }

    /// go-git's scp form (`plumbing/transport/transport.go`): `[user@]host:path`, the host free of `/` and `:`.
    private static func isSCPLike(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let before = url[..<colon]
        let host = before.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        let path = url[url.index(after: colon)...]
        return !host.isEmpty && !before.contains("/") && !host.contains(where: \.isWhitespace) && !path.isEmpty && !path.hasPrefix(":")
    }

    /// Argo's `^(ssh://)?([^/:]*?)@[^@]+$`.
    static func user(_ url: String) -> String {
        for candidate in [url.hasPrefix("ssh://") ? String(url.dropFirst(6)) : nil, url].compactMap({ $0 }) {
            guard let at = candidate.lastIndex(of: "@"), candidate.index(after: at) != candidate.endIndex else { continue }
            let user = candidate[..<at]
            if !user.contains("/") && !user.contains(":") { return String(user) }
        }
        return "git"
    }

    /// The URL for messages: a password in it replaced by `xxxxx`, as Go's `url.Redacted` does.
    static func redacted(_ url: String) -> String { GoURL.redacted(url) }
}
