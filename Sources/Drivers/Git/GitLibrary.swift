internal import CGit2
import Core
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The process's libgit2 (docs/artifacts.md#git): initialised once, thread-safely (a Swift global's initialiser runs
/// exactly once), and never shut down, since another clone may be running. Configured so that only the artifact
/// decides what a clone does: no system, global or XDG gitconfig and no template directory are read, and SSH host
/// key algorithms come from our known_hosts files (`GitSession`), never from `$HOME/.ssh`.
enum GitLibrary {
    private static let setup: Result<Void, ExecError> = {
        let rc = git_libgit2_init()
        guard rc >= 0 else { return .failure(failure(rc, "libgit2 initialisation")) }
        for level in [GIT_CONFIG_LEVEL_PROGRAMDATA, GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL] {
            let rc = argoexec_git_set_search_path(level.rawValue, "")
            guard rc >= 0 else { return .failure(failure(rc, "libgit2 configuration")) }
        }
        // A directory that cannot exist: libgit2 then writes its minimal built-in template (no hook samples).
        _ = argoexec_git_set_template_path("/dev/null/templates")
        git_argoexec_set_hostkey_methods_cb(hostkeyMethodsCallback)
        return .success(())
    }()

    /// CA locations already added (they add to the one OpenSSL context libgit2 keeps, never replace it).
    private static let trusted = Mutex<Set<String>>([])

    /// Initialises libgit2 once and adds the settings' CA bundle and directory to its trust (once each).
    static func prepare(_ settings: GitSettings) throws(ExecError) {
        try setup.get()
        let file = settings.caFile.flatMap { exists($0) ? $0 : nil }
        let directory = settings.caDirectory.flatMap { exists($0) ? $0 : nil }
        guard file != nil || directory != nil else { return }
        let key = (file ?? "") + "\u{0}" + (directory ?? "")
        let added = trusted.withLock { (set: inout Set<String>) -> Bool in set.insert(key).inserted }
        guard added else { return }
        let rc = argoexec_git_set_ssl_cert_locations(file, directory)
        guard rc >= 0 else {
            trusted.withLock { _ = $0.remove(key) }
            throw failure(rc, "loading CA certificates from \(file ?? directory ?? "")")
        }
    }

    private static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// A libgit2 failure as an `ExecError` with libgit2's own message: the code says what kind of failure it was
    /// (Argo's git driver has no retries and no NotFound: nothing is transient, and an optional input is never
    /// skipped for a git error). GIT_EUSER means one of our callbacks refused and left its own error.
    static func failure(_ rc: Int32, _ what: String, session: GitSession? = nil) -> ExecError {
        if rc == GIT_EUSER.rawValue, let own = session?.failure { return own }
        var message = "unknown libgit2 error \(rc)"
        var klass = GIT_ERROR_NONE.rawValue
        if let last = git_error_last(), let text = last.pointee.message {
            message = String(cString: text)
            klass = UInt32(bitPattern: last.pointee.klass)
        }
        let code: ExecError.Code
        switch rc {
        case GIT_EAUTH.rawValue: code = .unauthorized
        case GIT_ECERTIFICATE.rawValue: code = .forbidden
        case GIT_ENOTFOUND.rawValue, GIT_EINVALIDSPEC.rawValue, GIT_EAMBIGUOUS.rawValue: code = .badRequest
        default:
            switch klass {
            case GIT_ERROR_NET.rawValue, GIT_ERROR_OS.rawValue, GIT_ERROR_SSL.rawValue, GIT_ERROR_SSH.rawValue,
                 GIT_ERROR_HTTP.rawValue:
                code = .network
            default: code = .badRequest
            }
        }
        return ExecError(code, message, context: ["operation": what])
    }

    /// Runs a libgit2 call and throws its failure.
    static func check(_ rc: Int32, _ what: String, session: GitSession? = nil) throws(ExecError) {
        guard rc < 0 else { return }
        throw failure(rc, what, session: session)
    }
}

/// The patched libssh2 session hook (hack/patches/libgit2-1.5-ssh-hostkey-methods.patch): before the SSH handshake,
/// the host key algorithms to ask for, from the session's known_hosts files.
private let hostkeyMethodsCallback: argoexec_git_hostkey_methods_cb = { host, port, payload in
    guard let payload, let host else { return nil }
    return GitSession.from(payload).hostKeyMethods(host: String(cString: host), port: Int(port))
}
