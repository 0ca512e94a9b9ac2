import Core
import Logging
import Model

/// `git:` input artifacts (Argo's `workflow/artifacts/git/git.go`), cloned in process by libgit2 as Argo clones with
/// go-git: the destination becomes the work tree with its `.git`, and appears complete or not at all (the clone runs
/// in a temporary sibling renamed into place). Input only: saving is Argo's BadRequest, deleting is not supported.
/// What differs from go-git is in docs/artifacts.md#git and docs/differences.md (no shallow clones, above all).
public struct GitStore: ArtifactStore {
    public let location: GitArtifact
    let credentials: GitSession.Credentials
    let settings: GitSettings
    let logger: Logger?

    /// The store for a `git:` location: Argo reads the three secrets when it builds the driver
    /// (`workflow/artifacts/artifacts.go`). Username and password lose trailing whitespace (SecretResolver).
    public init(_ git: GitArtifact, secrets: any SecretResolver, settings: GitSettings = GitSettings(), logger: Logger? = nil) throws(ExecError) {
        var credentials = GitSession.Credentials()
        if let s = git.usernameSecret { credentials.username = try secrets.credential(s) }
        if let s = git.passwordSecret { credentials.password = try secrets.credential(s) }
        if let s = git.sshPrivateKeySecret { credentials.sshKey = String(decoding: try secrets.secret(s), as: UTF8.self) }
        location = git
        self.credentials = credentials
        self.settings = settings
        self.logger = logger
    }

    /// Argo's `Load`, step by step: key check, clone (single branch when asked), extra `fetch` refspecs, the
    /// revision (branches fetched as local branches, resolved, checked out detached), submodules recursively.
    public func load(to destination: Destination) throws(ExecError) {
        let repo = location.repo ?? ""
        let label = GitRemote.redacted(repo)
        if let key = credentials.sshKey { try SSHPrivateKey.validate(key) }
        let singleBranch = location.singleBranch ?? false
        let branch = location.branch ?? ""
        if singleBranch && branch.isEmpty { throw ExecError(.badRequest, "single branch mode without a branch specified") }
        let remote: GitRemote
        do {
            remote = try GitRemote(repo)
        } catch {
            throw Self.wrap(error, "failed to clone \"\(label)\"", repo: label)
        }
        let fetch = location.fetch ?? []
        for spec in fetch {
            if let problem = Self.refspecProblem(spec) {
                throw ExecError(.badRequest, "failed to validate fetch \(Self.list(fetch)): \(problem)")
            }
        }
        try GitLibrary.prepare(settings)
        if let depth = location.depth, depth > 0 {
            logger?.warning("git artifact \(label): depth \(depth) ignored, the whole history is cloned (libgit2 1.5 has no shallow clones)")
        }
        let session = GitSession(credentials: credentials, sshUser: remote.sshUser, insecureSkipTLS: location.insecureSkipTLS ?? false,
                                 insecureIgnoreHostKey: location.insecureIgnoreHostKey ?? false, knownHostsFiles: settings.knownHostsFiles)
        try destination.writeTree { (directory, _) throws(ExecError) in
            // libgit2 works on paths: the temporary directory through its descriptor, so the path cannot lead
            // anywhere else. Nothing libgit2 writes keeps this path (submodules record relative ones).
            try run(remote, label: label, path: "/proc/self/fd/\(directory.descriptor.raw)", session: session)
        }
    }

    private func run(_ remote: GitRemote, label: String, path: String, session: GitSession) throws(ExecError) {
        let singleBranch = location.singleBranch ?? false
        let branch = location.branch ?? ""
        let repository: GitRepository
        do {
            repository = try GitRepository.clone(remote.url, into: path, branch: singleBranch ? branch : nil, session: session)
        } catch {
            throw Self.wrap(error, "failed to clone \"\(label)\"", repo: label)
        }
        if repository.isEmpty {
            logger?.info("Cloned an empty repository")
            let revision = location.revision ?? ""
            try repository.configureEmpty(branch: revision.isEmpty ? "master" : revision)
            return
        }
        let fetch = location.fetch ?? []
        if !fetch.isEmpty {
            do { try repository.fetch(fetch, session: session) } catch { throw Self.wrap(error, "failed to fetch \(Self.list(fetch))", repo: label) }
        }
        if let revision = location.revision, !revision.isEmpty {
            let specs = singleBranch ? ["refs/heads/\(branch):refs/heads/\(branch)"] : ["refs/heads/*:refs/heads/*"]
            do { try repository.fetch(specs, session: session) } catch { throw Self.wrap(error, "failed to fetch \(Self.list(specs))", repo: label) }
            let commit: String
            do { commit = try repository.resolve(revision) } catch { throw Self.wrap(error, "failed to get resolve revision", repo: label) }
            do { try repository.checkoutDetached(commit) } catch { throw Self.wrap(error, "failed to checkout \"\(commit)\"", repo: label) }
        }
        if !(location.disableSubmodules ?? false) {
            do {
                try repository.updateSubmodules(session: session, remaining: 10)
            } catch {
                throw Self.wrap(error, "failed to update submodules", repo: label)
            }
        }
    }

    /// Argo's `fmt.Errorf("<what>: %w", err)`, the code kept, the (redacted) repository in the context.
    static func wrap(_ error: ExecError, _ what: String, repo: String) -> ExecError {
        var context = error.context
        context["repo"] = repo
        return ExecError(error.code, "\(what): \(error.message)", cause: error, context: context)
    }

    /// Go's `%v` of a slice: `[a b]`.
    static func list(_ specs: [String]) -> String { "[" + specs.joined(separator: " ") + "]" }

    /// go-git's `RefSpec.Validate` (`config/refspec.go`): one `:` not at the end, at most one `*` on each side,
    /// the same number on both.
    static func refspecProblem(_ spec: String) -> String? {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return "malformed refspec, separators are wrong" }
        let (source, target) = (parts[0].filter { $0 == "*" }.count, parts[1].filter { $0 == "*" }.count)
        return source == target && source < 2 ? nil : "malformed refspec, mismatched number of wildcards"
    }

    /// Argo's `common.LoadToStream` loads to a temporary file and reads it: a clone is a directory, so it fails.
    public func stream(into sink: any ByteSink) throws(ExecError) {
        throw ExecError(.badRequest, "git artifacts are directories (a clone) and cannot be streamed: "
            + "leave the archive strategy unset or use archive: none")
    }

    /// A clone has no bytes to sniff: the input path then loads it as it is.
    public func peek(_ count: Int) throws(ExecError) -> [UInt8] { [] }

    public func save(_ source: LocalSource) throws(ExecError) {
        throw ExecError(.badRequest, "git output artifacts unsupported")
    }

    public func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        throw ExecError(.badRequest, "git output artifacts unsupported")
    }

    public func delete() throws(ExecError) { throw deleteNotSupported }
    public func listObjects() throws(ExecError) -> [String] { throw listNotSupported }
}
