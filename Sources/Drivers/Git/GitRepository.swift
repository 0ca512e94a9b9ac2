internal import CGit2
import Core

#if canImport(Glibc)
import Glibc
#endif

/// One open libgit2 repository, freed by its owner (docs/conventions.md rule 3). Every other libgit2 object an
/// operation makes (remotes, objects, submodules, configs) is freed before the operation returns.
final class GitRepository {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { git_repository_free(handle) }

    /// `git clone` into the empty directory `path`: every branch (or only `branch`, go-git's SingleBranch with
    /// ReferenceName `refs/heads/<branch>`), all tags (go-git's default AllTags), then the remote's HEAD (or
    /// `branch`) checked out. libgit2 1.5 cannot make shallow clones: the history is always complete.
    static func clone(_ url: String, into path: String, branch: String?, session: GitSession) throws(ExecError) -> GitRepository {
        var options = git_clone_options()
        try GitLibrary.check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "clone options")
        session.install(&options.fetch_opts.callbacks)
        options.fetch_opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
        options.fetch_opts.proxy_opts.type = GIT_PROXY_AUTO
        session.begin()
        var out: OpaquePointer?
        let spec = branch.map { "+refs/heads/\($0):refs/remotes/origin/\($0)" }
        let rc = withOptionalCString(branch) { branchName in
            withOptionalCString(spec) { refspec in
                options.checkout_branch = branchName
                if let refspec {
                    options.remote_cb = singleBranchRemote
                    options.remote_cb_payload = UnsafeMutableRawPointer(mutating: refspec)
                }
                return withExtendedLifetime(session) { git_clone(&out, url, path, &options) }
            }
        }
        guard rc >= 0, let out else { throw GitLibrary.failure(rc, "clone", session: session) }
        return GitRepository(out)
    }

    /// A clone of a repository without any commit.
    var isEmpty: Bool { git_repository_is_empty(handle) == 1 }

    /// Argo's empty-remote branch: remote `origin` (the clone made it) and a branch `name` tracking
    /// `refs/heads/master`, nothing checked out.
    func configureEmpty(branch name: String) throws(ExecError) {
        var config: OpaquePointer?
        try GitLibrary.check(git_repository_config(&config, handle), "config")
        defer { git_config_free(config) }
        try GitLibrary.check(git_config_set_string(config, "branch.\(name).remote", "origin"), "config")
        try GitLibrary.check(git_config_set_string(config, "branch.\(name).merge", "refs/heads/master"), "config")
    }

    /// Fetches `refspecs` from `origin` (tags that point into what is fetched come along, go-git's TagFollowing).
    func fetch(_ refspecs: [String], session: GitSession) throws(ExecError) {
        var remote: OpaquePointer?
        try GitLibrary.check(git_remote_lookup(&remote, handle, "origin"), "remote")
        defer { git_remote_free(remote) }
        var options = git_fetch_options()
        try GitLibrary.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch options")
        session.install(&options.callbacks)
        options.proxy_opts.type = GIT_PROXY_AUTO
        session.begin()
        let rc = withStringArray(refspecs) { array in
            withExtendedLifetime(session) { git_remote_fetch(remote, array, &options, nil) }
        }
        try GitLibrary.check(rc, "fetch", session: session)
    }

    /// The commit `revision` names (git's revision syntax, a superset of go-git's ResolveRevision), as hex.
    func resolve(_ revision: String) throws(ExecError) -> String {
        var object: OpaquePointer?
        try GitLibrary.check(git_revparse_single(&object, handle, revision), "revparse")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try GitLibrary.check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "peel")
        defer { git_object_free(commit) }
        guard let id = git_object_id(commit) else { throw ExecError(.internal, "commit without an id") }
        return Self.hex(id)
    }

    /// go-git's `Checkout{Hash}`: the work tree and index at `commit`, HEAD detached there.
    func checkoutDetached(_ commit: String) throws(ExecError) {
        var id = git_oid()
        try GitLibrary.check(git_oid_fromstr(&id, commit), "oid")
        var object: OpaquePointer?
        try GitLibrary.check(git_object_lookup(&object, handle, &id, GIT_OBJECT_COMMIT), "lookup")
        defer { git_object_free(object) }
        var options = git_checkout_options()
        try GitLibrary.check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "checkout options")
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        try GitLibrary.check(git_checkout_tree(handle, object, &options), "checkout")
        try GitLibrary.check(git_repository_set_head_detached(handle, &id), "detach HEAD")
    }

    static func hex(_ id: UnsafePointer<git_oid>) -> String {
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        _ = git_oid_tostr(&buffer, buffer.count, id)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Runs `body` with a C string for `value`, or NULL.
func withOptionalCString<R>(_ value: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let value else { return body(nil) }
    return value.withCString { body($0) }
}

/// Runs `body` with a `git_strarray` of copies of `strings`, freed afterwards.
func withStringArray<R>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return body(&array)
    }
}

/// The single-branch clone's remote: `origin` fetching only the one branch (payload: the refspec).
private let singleBranchRemote: git_remote_create_cb = { out, repository, name, url, payload in
    guard let payload else { return -1 }
    return git_remote_create_with_fetchspec(out, repository, name, url, payload.assumingMemoryBound(to: CChar.self))
}
