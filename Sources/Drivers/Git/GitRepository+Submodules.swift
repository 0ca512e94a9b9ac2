internal import CGit2
import Core

extension GitRepository {
    /// go-git's `Submodules().Update{Init: true, RecurseSubmodules: DefaultSubmoduleRecursionDepth}` (10, go-git's
    /// `options.go`): each submodule registered, cloned into `.git/modules/<name>` with the same session and checked
    /// out detached at the commit the superproject records; then its own submodules, with one level less, down to 0.
    /// A submodule URL is held to the same schemes as `repo` (no local paths: a repository must not be able to
    /// make the executor copy its own files).
    func updateSubmodules(session: GitSession, remaining: Int) throws(ExecError) {
        for name in try submoduleNames() {
            var submodule: OpaquePointer?
            try GitLibrary.check(git_submodule_lookup(&submodule, handle, name), "submodule \(name)")
            defer { git_submodule_free(submodule) }
            let url = try resolvedURL(of: submodule, name: name)
            do {
                _ = try GitRemote(url)
            } catch {
                throw ExecError(error.code, "submodule \(name) (\(GitRemote.redacted(url))): \(error.message)")
            }
            var options = git_submodule_update_options()
            try GitLibrary.check(git_submodule_update_options_init(&options, UInt32(GIT_SUBMODULE_UPDATE_OPTIONS_VERSION)), "submodule options")
            session.install(&options.fetch_opts.callbacks)
            options.fetch_opts.proxy_opts.type = GIT_PROXY_AUTO
            session.begin()
            let rc = withExtendedLifetime(session) { git_submodule_update(submodule, 1, &options) }
            do {
                try GitLibrary.check(rc, "submodule \(name)", session: session)
            } catch {
                throw ExecError(error.code, "submodule \(name) (\(GitRemote.redacted(url))): \(error.message)", cause: error)
            }
            guard remaining > 0 else { continue }
            var opened: OpaquePointer?
            try GitLibrary.check(git_submodule_open(&opened, submodule), "submodule \(name)")
            guard let opened else { continue }
            try GitRepository(opened).updateSubmodules(session: session, remaining: remaining - 1)
        }
    }

    /// The names in `.gitmodules` (and the index), in libgit2's order.
    private func submoduleNames() throws(ExecError) -> [String] {
        let names = NameList()
        let rc = git_submodule_foreach(handle, { _, name, payload in
            guard let name, let payload else { return 0 }
            Unmanaged<NameList>.fromOpaque(payload).takeUnretainedValue().names.append(String(cString: name))
            return 0
        }, Unmanaged.passUnretained(names).toOpaque())
        try withExtendedLifetime(names) { () throws(ExecError) in try GitLibrary.check(rc, "submodules") }
        return names.names
    }

    /// The submodule's URL, a relative one (`../lib.git`) resolved against the superproject's remote.
    private func resolvedURL(of submodule: OpaquePointer?, name: String) throws(ExecError) -> String {
        guard let raw = git_submodule_url(submodule) else {
            throw ExecError(.badRequest, "submodule \(name) has no url in .gitmodules")
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try GitLibrary.check(git_submodule_resolve_url(&buffer, handle, raw), "submodule \(name) url")
        guard let resolved = buffer.ptr else { return String(cString: raw) }
        return String(cString: resolved)
    }
}

private final class NameList {
    var names: [String] = []
}
