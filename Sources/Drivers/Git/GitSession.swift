internal import CGit2
import Core

#if canImport(Glibc)
import Glibc
#endif

/// One load's credentials and checks, handed to libgit2 as the remote callbacks' payload (clone, fetches and every
/// submodule alike, as Argo passes the same auth to each: `workflow/artifacts/git/git.go`). libgit2 calls back on
/// the thread that called it, so no lock is needed; a callback that refuses leaves its error in `failure` and
/// returns GIT_EUSER, which `GitLibrary.failure` turns back into that error.
final class GitSession {
    struct Credentials {
        var username = ""
        var password = ""
        /// PEM or OpenSSH private key text (`sshPrivateKeySecret`).
        var sshKey: String?
    }

    let credentials: Credentials
    let sshUser: String
    let insecureSkipTLS: Bool
    let insecureIgnoreHostKey: Bool
    let knownHostsFiles: [String]
    /// The error of the callback that refused, for the operation that failed.
    var failure: ExecError?

    private var knownHosts: Result<KnownHosts, ExecError>?
    /// The port of the SSH connection being made (the host key hook sees it, the certificate check does not).
    private var sshPort = 22
    /// Credential kinds already offered in this operation: offered twice means the server refused them.
    private var offered: Set<UInt32> = []
    private var methods: UnsafeMutablePointer<CChar>?

    init(credentials: Credentials, sshUser: String, insecureSkipTLS: Bool, insecureIgnoreHostKey: Bool, knownHostsFiles: [String]) {
        self.credentials = credentials
        self.sshUser = sshUser
        self.insecureSkipTLS = insecureSkipTLS
        self.insecureIgnoreHostKey = insecureIgnoreHostKey
        self.knownHostsFiles = knownHostsFiles
    }

    deinit { free(methods) }

    static func from(_ payload: UnsafeMutableRawPointer) -> GitSession {
        Unmanaged<GitSession>.fromOpaque(payload).takeUnretainedValue()
    }

    /// Points `callbacks` at this session; the caller keeps the session alive while libgit2 may call back.
    func install(_ callbacks: inout git_remote_callbacks) {
        callbacks.credentials = credentialsCallback
        callbacks.certificate_check = certificateCallback
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
    }

    /// Starts a network operation: credentials may be offered once each again.
    func begin() {
        offered = []
        failure = nil
    }

    private func refuse(_ code: ExecError.Code, _ message: String) -> Int32 {
        failure = ExecError(code, message)
        return GIT_EUSER.rawValue
    }

    // MARK: credentials

    /// Argo's `auth`: an SSH key wins; else username/password (either non-empty) as HTTP Basic; else anonymous.
    /// SSH without a user in the URL asks for the user name first: Argo's `GetUser` default.
    func credential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, userFromURL: String?, allowed: UInt32) -> Int32 {
        let user = userFromURL.flatMap { $0.isEmpty ? nil : $0 } ?? sshUser
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            return git_credential_username_new(out, user)
        }
        if allowed & GIT_CREDENTIAL_SSH_MEMORY.rawValue != 0, let key = credentials.sshKey {
            guard offered.insert(GIT_CREDENTIAL_SSH_MEMORY.rawValue).inserted else {
                return refuse(.unauthorized, "ssh: unable to authenticate as \"\(user)\": the server refused the key of sshPrivateKeySecret")
            }
            return git_credential_ssh_key_memory_new(out, user, nil, key, nil)
        }
        let (username, password) = (credentials.username, credentials.password)
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, credentials.sshKey == nil, !username.isEmpty || !password.isEmpty {
            guard offered.insert(GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue).inserted else {
                return refuse(.unauthorized, "authentication failed: the server refused the username and password of usernameSecret/passwordSecret")
            }
            return git_credential_userpass_plaintext_new(out, username, password)
        }
        if allowed & GIT_CREDENTIAL_SSH_MEMORY.rawValue != 0 {
            return refuse(.unauthorized, "ssh: authentication required: set sshPrivateKeySecret")
        }
        if credentials.sshKey != nil {
            return refuse(.unauthorized, "authentication required: sshPrivateKeySecret serves ssh remotes only, this one asks for a username and password")
        }
        return refuse(.unauthorized, "authentication required")
    }

    // MARK: host keys and certificates

    /// TLS: libgit2 verified the chain against OpenSSL's trust (with our CA locations); `insecureSkipTLS` accepts
    /// any certificate. SSH: the host key must be listed for the host in the known_hosts files unless
    /// `insecureIgnoreHostKey` (go-git's knownhosts callback and `ssh.InsecureIgnoreHostKey`).
    func certificate(_ cert: UnsafeMutablePointer<git_cert>, valid: Bool, host: String) -> Int32 {
        switch cert.pointee.cert_type {
        case GIT_CERT_X509:
            if valid || insecureSkipTLS { return 0 }
            return refuse(.forbidden, "x509: the TLS certificate of \(host) is not trusted (insecureSkipTLS is not set)")
        case GIT_CERT_HOSTKEY_LIBSSH2:
            if insecureIgnoreHostKey { return 0 }
            let hostkey = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
            guard hostkey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostkey.hostkey else {
                return refuse(.forbidden, "ssh: the host key of \(host) could not be read")
            }
            let key = Array(UnsafeRawBufferPointer(start: raw, count: hostkey.hostkey_len))
            let known: KnownHosts
            switch loadKnownHosts() {
            case .success(let k): known = k
            case .failure(let error): return refuse(error.code, error.message)
            }
            let verdict = known.check(host: host, port: sshPort, key: key)
            if verdict == .match { return 0 }
            let reason = verdict == .revoked ? "key is revoked" : verdict == .mismatch ? "key mismatch" : "key is unknown"
            return refuse(.forbidden, "ssh: handshake failed: knownhosts: \(reason) (host key of "
                + "\(KnownHosts.normalized(host: host, port: sshPort)) checked against \(known.files.joined(separator: ", ")); "
                + "set insecureIgnoreHostKey to skip the check)")
        default:
            return valid ? 0 : refuse(.forbidden, "the certificate of \(host) is not valid")
        }
    }

    /// The algorithms the known_hosts files list for the host, in libssh2's names. An `ssh-rsa` key asks for
    /// rsa-sha2-512, rsa-sha2-256, then ssh-rsa (go-git's knownhosts HostKeyAlgorithms; OpenSSH 8.8+ servers no
    /// longer offer ssh-rsa's SHA-1; hack/patches/libssh2-1.10-rsa-sha2.patch).
    func hostKeyMethods(host: String, port: Int) -> UnsafePointer<CChar>? {
        sshPort = port > 0 ? port : 22
        guard !insecureIgnoreHostKey, case .success(let known) = loadKnownHosts() else { return nil }
        let supported = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"]
        let types = known.keyTypes(host: host, port: sshPort).filter(supported.contains)
            .flatMap { $0 == "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [$0] }
        guard !types.isEmpty else { return nil }
        free(methods)
        methods = strdup(types.joined(separator: ","))
        return UnsafePointer(methods)
    }

    private func loadKnownHosts() -> Result<KnownHosts, ExecError> {
        if let knownHosts { return knownHosts }
        let loaded: Result<KnownHosts, ExecError>
        do {
            loaded = .success(try KnownHosts.load(knownHostsFiles))
        } catch {
            loaded = .failure(error)
        }
        knownHosts = loaded
        return loaded
    }
}

private let credentialsCallback: git_credential_acquire_cb = { out, _, userFromURL, allowed, payload in
    guard let out, let payload else { return GIT_PASSTHROUGH.rawValue }
    return GitSession.from(payload).credential(out, userFromURL: userFromURL.map { String(cString: $0) }, allowed: allowed)
}

private let certificateCallback: git_transport_certificate_check_cb = { cert, valid, host, payload in
    guard let cert, let payload else { return GIT_PASSTHROUGH.rawValue }
    return GitSession.from(payload).certificate(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
}
