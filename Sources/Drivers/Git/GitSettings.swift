/// What git clones take from the executor's configuration (read by the CLI, docs/artifacts.md#git): where SSH host
/// keys are checked and which CAs HTTPS trusts. Part of `StoreContext`; nothing here reads the environment.
public struct GitSettings: Sendable, Equatable {
    /// go-git's known_hosts files (`plumbing/transport/ssh/auth_method.go` `getDefaultKnownHostsFiles`): the
    /// `SSH_KNOWN_HOSTS` list, else `~/.ssh/known_hosts` and `/etc/ssh/ssh_known_hosts`; already rooted under
    /// `ARGOEXEC_ROOT`. Files that do not exist are skipped; none at all is an error for SSH remotes.
    public var knownHostsFiles: [String]
    /// The CA bundle and directory HTTPS remotes are verified against (`SSL_CERT_FILE` / `SSL_CERT_DIR`, else the
    /// bundle libcurl has compiled in), added to OpenSSL's default paths.
    public var caFile: String?
    public var caDirectory: String?

    public static let defaultKnownHosts = "/etc/ssh/ssh_known_hosts"
    public static let defaultCAFile = "/etc/ssl/certs/ca-certificates.crt"

    public init(knownHostsFiles: [String] = [defaultKnownHosts], caFile: String? = defaultCAFile, caDirectory: String? = nil) {
        self.knownHostsFiles = knownHostsFiles
        self.caFile = caFile
        self.caDirectory = caDirectory
    }
}
