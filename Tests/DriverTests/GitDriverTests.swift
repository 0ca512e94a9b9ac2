import Core
import Digest
@testable import Drivers
import Foundation
import Model
import Testing
import TestSupport

/// Git input artifacts (docs/artifacts.md#git) against real peers on loopback (`GitServers`): git daemon, smart HTTP
/// through nginx + fcgiwrap + git http-backend (Basic auth, HTTPS), and sshd with its own keys and known_hosts.
@Suite("Git artifacts against git daemon, git http-backend and sshd")
struct GitDriverTests {
    let servers: GitServers

    init() throws { servers = try GitServers.shared() }

    /// A scratch directory and the clone target inside it.
    final class Target {
        let scratch: ScratchDirectory
        var path: String { scratch.path + "/out" }
        init() throws { scratch = try ScratchDirectory("git") }
        func file(_ name: String) -> String? { try? String(contentsOfFile: path + "/" + name, encoding: .utf8) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
        /// Nothing at the path, nor any temporary sibling.
        var isEmpty: Bool { ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? ["?"]).isEmpty }
        func git(_ arguments: String...) throws -> String {
            try GitServers.git(["-C", path] + arguments).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    var settings: GitSettings { GitSettings(knownHostsFiles: [servers.knownHosts], caFile: servers.caFile) }

    @discardableResult
    func clone(_ git: GitArtifact, secrets: [String: String] = [:], settings: GitSettings? = nil) throws -> Target {
        let target = try Target()
        let files = try TemporarySecrets(secrets)
        try GitStore(git, secrets: files.resolver, settings: settings ?? self.settings).load(to: target.path)
        return target
    }

    /// Expects the load to fail, with nothing left behind; returns the error.
    func failure(_ git: GitArtifact, secrets: [String: String] = [:], settings: GitSettings? = nil) throws -> ExecError? {
        let target = try Target()
        let files = try TemporarySecrets(secrets)
        let error = #expect(throws: ExecError.self) {
            try GitStore(git, secrets: files.resolver, settings: settings ?? self.settings).load(to: target.path)
        }
        #expect(target.isEmpty, "nothing may be left at the path")
        return error
    }

    func expectDemoTree(_ target: Target, submodules: Bool = true) {
        #expect(target.file("a.txt") == "one\n")
        #expect(target.file("b.txt") == "two\n")
        #expect(target.exists(".git/HEAD"))
        if submodules {
            #expect(target.file("lib/lib.txt") == "lib\n")
            #expect(target.file("lib/deep/deep.txt") == "deep\n", "submodules are cloned recursively")
        }
    }

    // MARK: URL forms and revisions

    @Test("git:// clone: the default branch checked out, submodules recursively, no descriptor path kept")
    func gitDaemon() throws {
        let target = try clone(GitArtifact(repo: servers.gitURL("demo")))
        expectDemoTree(target)
        #expect(!target.exists("feature.txt"))
        #expect(try target.git("symbolic-ref", "HEAD") == "refs/heads/main")
        #expect(try target.git("rev-parse", "HEAD") == servers.commit("demo", "main"))
        #expect(try target.git("tag", "--list") == "v1\nv2", "all tags are fetched (go-git's AllTags)")
        #expect(try target.git("status", "--porcelain").isEmpty)
        for file in [".git/config", ".git/modules/lib/config", ".git/modules/lib/modules/deep/config", "lib/.git", "lib/deep/.git"] {
            #expect(target.file(file)?.contains("/proc/self") == false, "\(file) keeps no descriptor path")
        }
        #expect(try String(contentsOfFile: target.path + "/lib/.git", encoding: .utf8).hasPrefix("gitdir: ../.git/modules/lib"))
    }

    enum Revision: String, CaseIterable, CustomTestStringConvertible {
        case lightweightTag = "v1", annotatedTag = "v2", branch = "feature", fullHash, shortHash, relative = "main~2"
        var testDescription: String { "\(self)" }
    }

    @Test("revision: tag, annotated tag, branch, full and short commit, relative; checked out detached", arguments: Revision.allCases)
    func revisions(_ kind: Revision) throws {
        let expected: String
        var revision = kind.rawValue
        switch kind {
        case .fullHash:
            expected = try servers.commit("demo", "v2")
            revision = expected
        case .shortHash:
            expected = try servers.commit("demo", "feature")
            revision = String(expected.prefix(8))
        default: expected = try servers.commit("demo", kind.rawValue)
        }
        var git = GitArtifact(repo: servers.gitURL("demo"), revision: revision)
        git.disableSubmodules = true
        let target = try clone(git)
        #expect(try target.git("rev-parse", "HEAD") == expected)
        #expect(throws: (any Error).self, "HEAD is detached") { try target.git("symbolic-ref", "-q", "HEAD") }
        #expect(target.exists("b.txt") == (kind != .lightweightTag && kind != .relative))
        #expect(target.exists("feature.txt") == (kind == .branch || kind == .shortHash))
        #expect(try target.git("status", "--porcelain").isEmpty)
    }

    @Test("disableSubmodules leaves the submodule directory empty")
    func submodulesOff() throws {
        var git = GitArtifact(repo: servers.gitURL("demo"))
        git.disableSubmodules = true
        let target = try clone(git)
        expectDemoTree(target, submodules: false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path + "/lib").isEmpty)
    }

    @Test("singleBranch with branch: only that branch is fetched; branch alone is ignored, as in Argo")
    func singleBranch() throws {
        var git = GitArtifact(repo: servers.gitURL("demo"))
        git.singleBranch = true
        git.branch = "feature"
        let single = try clone(git)
        #expect(single.file("feature.txt") == "feature\n")
        #expect(try single.git("branch", "-r", "--format=%(refname)") == "refs/remotes/origin/feature")
        git.revision = "v1"
        let tagged = try clone(git)
        #expect(try tagged.git("rev-parse", "HEAD") == servers.commit("demo", "v1"))
        var ignored = GitArtifact(repo: servers.gitURL("demo"))
        ignored.branch = "feature"
        #expect(!(try clone(ignored)).exists("feature.txt"))
        git.branch = nil
        #expect(try failure(git)?.message == "single branch mode without a branch specified")
    }

    @Test("fetch refspecs bring a commit no branch has; without them it is unknown; malformed ones are refused")
    func fetchRefspecs() throws {
        let extra = try servers.commit("demo", "refs/custom/extra")
        var git = GitArtifact(repo: servers.gitURL("demo"), revision: extra)
        git.fetch = ["refs/custom/*:refs/custom/*"]
        let target = try clone(git)
        #expect(target.file("extra.txt") == "extra\n")
        #expect(try target.git("rev-parse", "HEAD") == extra)
        git.fetch = nil
        let unknown = try failure(git)
        #expect(unknown?.message.hasPrefix("failed to get resolve revision: ") == true)
        #expect(unknown?.code == .badRequest, "never NotFound: an optional input is not skipped for a bad revision")
        git.fetch = ["refs/custom/*"]
        #expect(try failure(git)?.message == "failed to validate fetch [refs/custom/*]: malformed refspec, separators are wrong")
        git.fetch = ["refs/a/*:refs/b/c"]
        #expect(try failure(git)?.message == "failed to validate fetch [refs/a/*:refs/b/c]: malformed refspec, mismatched number of wildcards")
    }

    @Test("depth: libgit2 1.5 has no shallow clones, so the whole history comes (docs/differences.md)")
    func depth() throws {
        var git = GitArtifact(repo: servers.httpURL("history"))
        git.depth = 1
        let target = try clone(git)
        #expect(target.file("n.txt") == "3000\n")
        #expect(try target.git("rev-list", "--count", "HEAD") == "3000")
    }

    @Test("an empty repository is a clone with no commit and Argo's branch config")
    func emptyRepository() throws {
        let target = try clone(GitArtifact(repo: servers.gitURL("empty")))
        #expect(target.exists(".git/HEAD"))
        #expect(try target.git("config", "branch.master.remote") == "origin")
        #expect(try target.git("config", "branch.master.merge") == "refs/heads/master")
        let named = try clone(GitArtifact(repo: servers.httpURL("empty"), revision: "dev"))
        #expect(try named.git("config", "branch.dev.remote") == "origin")
    }

    // MARK: HTTP(S)

    @Test("smart HTTP, anonymous: submodules resolved relative to the remote")
    func smartHTTP() throws {
        expectDemoTree(try clone(GitArtifact(repo: servers.httpURL("demo"))))
    }

    @Test("Basic auth from usernameSecret/passwordSecret, for submodules too; wrong or missing credentials refused")
    func basicAuth() throws {
        var git = GitArtifact(repo: servers.httpURL("demo", authenticated: true))
        git.usernameSecret = SecretKeySelector(name: "git", key: "user")
        git.passwordSecret = SecretKeySelector(name: "git", key: "password")
        expectDemoTree(try clone(git, secrets: ["git/user": servers.user, "git/password": servers.password + "\n"]))
        let wrong = try failure(git, secrets: ["git/user": servers.user, "git/password": "wrong"])
        #expect(wrong?.code == .unauthorized)
        #expect(wrong?.message == "failed to clone \"\(git.repo ?? "")\": authentication failed: the server refused the username "
            + "and password of usernameSecret/passwordSecret")
        let none = try failure(GitArtifact(repo: git.repo))
        #expect(none?.code == .unauthorized)
        #expect(none?.message.hasSuffix(": authentication required") == true)
        let inURL = servers.httpURL("demo", authenticated: true).replacingOccurrences(of: "://", with: "://\(servers.user):wrong@")
        let redacted = try failure(GitArtifact(repo: inURL))
        #expect(redacted?.message.contains("\(servers.user):xxxxx@") == true, "a password in the URL never appears")
        #expect(redacted.map { "\($0)" }?.contains(":wrong@") == false)
    }

    @Test("HTTPS: verified against the configured CA and the address; another CA or address refused unless insecureSkipTLS")
    func https() throws {
        expectDemoTree(try clone(GitArtifact(repo: servers.httpsURL("demo"))))
        // libgit2 1.5 inverted the IP subjectAltName check (hack/patches/libgit2-1.5-openssl-ip-san.patch).
        #expect(try failure(GitArtifact(repo: servers.otherAddressHTTPSURL("demo")))?.code == .forbidden)
        var git = GitArtifact(repo: servers.httpsURL("demo", trusted: false))
        let refused = try failure(git)
        #expect(refused?.code == .forbidden)
        #expect(refused?.message.contains("x509: the TLS certificate of 127.0.0.1 is not trusted") == true)
        git.insecureSkipTLS = true
        expectDemoTree(try clone(git))
    }

    // MARK: SSH

    static let keys = ["client_ed25519", "client_ecdsa", "client_rsa", "client_rsa_pem"]

    /// The RSA keys pass only because libssh2 signs with rsa-sha2-512 (hack/patches/libssh2-1.10-rsa-sha2.patch): this
    /// sshd keeps OpenSSH's defaults, which refuse ssh-rsa's SHA-1 signatures (`sshRSARefused`).
    @Test("ssh:// with an ed25519 (OpenSSH format), ECDSA (PEM) or RSA (both) key; host key checked; submodules over ssh", arguments: keys)
    func sshKey(_ key: String) throws {
        var git = GitArtifact(repo: servers.sshURL("demo"))
        git.sshPrivateKeySecret = SecretKeySelector(name: "ssh", key: "key")
        let text = try String(contentsOfFile: servers.ssh + "/" + key, encoding: .utf8)
        expectDemoTree(try clone(git, secrets: ["ssh/key": text]))
    }

    @Test("the test sshd refuses an RSA key signing with ssh-rsa (SHA-1), as OpenSSH 8.8+ and GitHub do")
    func sshRSARefused() throws {
        #expect(try servers.sshCLI(key: "client_rsa", options: []) == 0)
        #expect(try servers.sshCLI(key: "client_rsa", options: ["PubkeyAcceptedAlgorithms=ssh-rsa"]) == 255)
        #expect(servers.sshdLog.contains("signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms"))
    }

    @Test("known_hosts listing only the ECDSA key: that host key is asked for (go-git's HostKeyAlgorithms)")
    func hostKeyAlgorithms() throws {
        var git = GitArtifact(repo: servers.sshURL("demo"))
        git.sshPrivateKeySecret = SecretKeySelector(name: "ssh", key: "key")
        git.disableSubmodules = true
        let secrets = ["ssh/key": try String(contentsOfFile: servers.clientKey, encoding: .utf8)]
        expectDemoTree(try clone(git, secrets: secrets, settings: GitSettings(knownHostsFiles: [servers.ecdsaOnlyKnownHosts])), submodules: false)
    }

    @Test("known_hosts listing only the RSA key: rsa-sha2-512/256 host key algorithms are asked for (OpenSSH offers no ssh-rsa)")
    func rsaHostKey() throws {
        var git = GitArtifact(repo: servers.sshURL("demo"))
        git.sshPrivateKeySecret = SecretKeySelector(name: "ssh", key: "key")
        git.disableSubmodules = true
        let secrets = ["ssh/key": try String(contentsOfFile: servers.clientRSAKey, encoding: .utf8)]
        expectDemoTree(try clone(git, secrets: secrets, settings: GitSettings(knownHostsFiles: [servers.rsaOnlyKnownHosts])), submodules: false)
    }

    @Test("host keys: a wrong key and an unknown host are refused, no known_hosts file is an error, insecureIgnoreHostKey accepts")
    func hostKeyRefused() throws {
        var git = GitArtifact(repo: servers.sshURL("demo"))
        git.sshPrivateKeySecret = SecretKeySelector(name: "ssh", key: "key")
        let secrets = ["ssh/key": try String(contentsOfFile: servers.clientKey, encoding: .utf8)]
        let wrong = try failure(git, secrets: secrets, settings: GitSettings(knownHostsFiles: [servers.wrongKnownHosts]))
        #expect(wrong?.code == .forbidden)
        #expect(wrong?.message.contains("ssh: handshake failed: knownhosts: key mismatch (host key of [127.0.0.1]:\(servers.sshPort)") == true)
        let unknown = try failure(git, secrets: secrets, settings: GitSettings(knownHostsFiles: [servers.otherHostKnownHosts]))
        #expect(unknown?.message.contains("knownhosts: key is unknown") == true)
        let none = try failure(git, secrets: secrets, settings: GitSettings(knownHostsFiles: ["/nonexistent/known_hosts"]))
        #expect(none?.message.hasSuffix("unable to find any valid known_hosts file, set SSH_KNOWN_HOSTS env variable") == true)
        git.insecureIgnoreHostKey = true
        expectDemoTree(try clone(git, secrets: secrets, settings: GitSettings(knownHostsFiles: [servers.wrongKnownHosts])))
    }

    @Test("ssh authentication: an unknown key, no key, a protected key, no PEM, the default user git")
    func sshAuthentication() throws {
        var git = GitArtifact(repo: servers.sshURL("demo"))
        git.sshPrivateKeySecret = SecretKeySelector(name: "ssh", key: "key")
        let stranger = try failure(git, secrets: ["ssh/key": try String(contentsOfFile: servers.strangerKey, encoding: .utf8)])
        #expect(stranger?.code == .unauthorized)
        #expect(stranger?.message.contains("ssh: unable to authenticate as \"root\": the server refused the key of sshPrivateKeySecret") == true)
        let protected = try failure(git, secrets: ["ssh/key": try String(contentsOfFile: servers.ssh + "/protected_ed25519", encoding: .utf8)])
        #expect(protected?.message == "ssh: this private key is passphrase protected")
        #expect(try failure(git, secrets: ["ssh/key": "not a key"])?.message == "ssh: no key found")
        let keyless = try failure(GitArtifact(repo: servers.sshURL("demo")))
        #expect(keyless?.message.hasSuffix("ssh: authentication required: set sshPrivateKeySecret") == true)
        git.repo = servers.sshURL("demo", user: nil)
        let defaultUser = try failure(git, secrets: ["ssh/key": try String(contentsOfFile: servers.clientKey, encoding: .utf8)])
        #expect(defaultUser?.message.contains("unable to authenticate as \"git\"") == true, "Argo's GetUser default")
        #expect(servers.sshdLog.contains("Invalid user git from 127.0.0.1"))
    }

    @Test("scp-like user@host:path (port 22 on 127.0.0.2, when this machine lets sshd have it)")
    func scpForm() throws {
        guard servers.scpAvailable else { return }  // port 22 on 127.0.0.2 taken: GitRemoteTests covers the parsing
        var git = GitArtifact(repo: servers.scpURL("demo"))
        git.sshPrivateKeySecret = SecretKeySelector(name: "ssh", key: "key")
        git.disableSubmodules = true
        expectDemoTree(try clone(git, secrets: ["ssh/key": try String(contentsOfFile: servers.clientKey, encoding: .utf8)]), submodules: false)
    }

    // MARK: bad inputs

    static let badRepositories: [(String, ExecError.Code, String)] = [
        ("ftp://127.0.0.1/demo.git", .badRequest, "unsupported scheme \"ftp\""),
        ("file:///tmp/demo.git", .badRequest, "unsupported scheme \"file\""),
        ("/tmp/demo.git", .badRequest, "unsupported repository URL: local paths are not cloned"),
        ("", .badRequest, "URL field is required"),
        ("git://127.0.0.1:1/demo.git", .network, "failed to connect to 127.0.0.1"),
        ("http://127.0.0.1:1/demo.git", .network, "failed to connect to 127.0.0.1"),
    ]

    @Test("bad repositories: unsupported schemes, local paths, no URL, unreachable hosts", arguments: badRepositories)
    func badRepository(_ repo: String, _ code: ExecError.Code, _ text: String) throws {
        let error = try failure(GitArtifact(repo: repo))
        #expect(error?.code == code)
        #expect(error?.message.hasPrefix("failed to clone \"\(repo)\": ") == true)
        #expect(error?.message.contains(text) == true, "\(error?.message ?? "")")
    }

    @Test("a repository the server does not have, an unknown revision, a local submodule URL")
    func badContent() throws {
        #expect(try failure(GitArtifact(repo: servers.gitURL("missing")))?.message.hasPrefix("failed to clone") == true)
        #expect(try failure(GitArtifact(repo: servers.httpURL("missing")))?.message.hasPrefix("failed to clone") == true)
        let revision = try failure(GitArtifact(repo: servers.gitURL("demo"), revision: "no-such-revision"))
        #expect(revision?.message.hasPrefix("failed to get resolve revision: ") == true)
        let local = try failure(GitArtifact(repo: servers.gitURL("badsub")))
        #expect(local?.message.hasPrefix("failed to update submodules: submodule lib (\(servers.repos)/lib.git): unsupported repository URL") == true)
    }

    @Test("input only: Argo's texts for save and delete; a clone cannot be streamed; peek has nothing")
    func inputOnly() throws {
        let store = try GitStore(GitArtifact(repo: servers.gitURL("demo")), secrets: SecretFiles(directory: "/nonexistent"))
        let scratch = try ScratchDirectory("git")
        try "x".write(toFile: scratch.path + "/f", atomically: true, encoding: .utf8)
        #expect(throws: ExecError.self) { try store.save(scratch.path + "/f") }
        let save = #expect(throws: ExecError.self) { try store.saveStream { (_) throws(ExecError) in } }
        #expect(save?.message == "git output artifacts unsupported")
        #expect(save?.code == .badRequest)
        #expect((#expect(throws: ExecError.self) { try store.delete() })?.message == deleteNotSupported.message)
        #expect(throws: ExecError.self) { try store.stream(into: PrefixSink(limit: 10)) }
        #expect(try store.peek(16).isEmpty)
    }

    @Test("the factory builds a GitStore and reads its secrets; a missing secret is an error")
    func factory() throws {
        var artifact = Artifact(name: "src", location: ArtifactLocation())
        artifact.location.git = GitArtifact(repo: servers.gitURL("demo"))
        var context = StoreContext(secrets: SecretFiles(directory: "/nonexistent"))
        context.git = settings
        #expect(try ArtifactStores.make(artifact, context: context) is GitStore)
        artifact.location.git?.passwordSecret = SecretKeySelector(name: "git", key: "password")
        #expect(throws: ExecError.self) { try ArtifactStores.make(artifact, context: context) }
    }
}

/// The parts that need no server: URL forms, go-git's refspec rule, known_hosts matching, key checks.
@Suite("Git driver: URL forms, refspecs, known_hosts, private keys")
struct GitParsingTests {
    static let remotes: [(String, GitRemote.Transport?, String)] = [
        ("https://github.com/argoproj/argo-workflows.git", .https, "git"),
        ("http://example.com/r.git", .http, "git"),
        ("ssh://git@github.com/argoproj/argo-workflows.git", .ssh, "git"),
        ("ssh://deploy@example.com:2222/srv/r.git", .ssh, "deploy"),
        ("ssh://example.com/r.git", .ssh, "git"),
        ("git+ssh://example.com/r.git", .ssh, "git"),
        ("git@github.com:argoproj/argo-workflows.git", .ssh, "git"),
        ("alice@host:repo.git", .ssh, "alice"),
        ("host:repo.git", .ssh, "git"),
        ("git://example.com/r.git", .git, "git"),
        ("HTTPS://example.com/r.git", .https, "git"),
        ("file:///srv/r.git", nil, ""),
        ("/srv/r.git", nil, ""),
        ("./r.git", nil, ""),
        ("ext::sh -c x", nil, ""),
        ("rsync://example.com/r.git", nil, ""),
        ("", nil, ""),
    ]

    @Test("URL forms and Argo's GetUser", arguments: remotes)
    func remote(_ url: String, _ transport: GitRemote.Transport?, _ user: String) {
        let parsed = try? GitRemote(url)
        #expect(parsed?.transport == transport)
        if transport != nil { #expect(parsed?.sshUser == user) }
    }

    @Test("passwords in URLs are redacted as Go's url.Redacted does")
    func redaction() {
        #expect(GitRemote.redacted("https://u:p@h/r.git") == "https://u:xxxxx@h/r.git")
        #expect(GitRemote.redacted("https://u@h/r.git") == "https://u@h/r.git")
        #expect(GitRemote.redacted("https://h/a@b") == "https://h/a@b")
        #expect(GitRemote.redacted("git@h:r.git") == "git@h:r.git")
    }

    static let refspecs: [(String, String?)] = [
        ("refs/heads/*:refs/remotes/origin/*", nil), ("+refs/pull/*/head:refs/pull/*", nil), ("refs/meta/config:refs/meta/config", nil),
        ("refs/heads/main", "malformed refspec, separators are wrong"), ("a:b:c", "malformed refspec, separators are wrong"),
        ("refs/heads/main:", "malformed refspec, separators are wrong"), ("refs/*/*:refs/*/*", "malformed refspec, mismatched number of wildcards"),
        ("refs/heads/*:refs/x", "malformed refspec, mismatched number of wildcards"),
    ]

    @Test("go-git's RefSpec.Validate", arguments: refspecs)
    func refspec(_ spec: String, _ problem: String?) {
        #expect(GitStore.refspecProblem(spec) == problem)
    }

    static let key = Array(repeating: UInt8(7), count: 51)
    static let other = Array(repeating: UInt8(9), count: 51)

    @Test("known_hosts: plain, [host]:port, wildcards, negation, hashed names, revoked keys, bad lines skipped")
    func knownHosts() throws {
        let k = Base64.encode(Self.key), o = Base64.encode(Self.other)
        let salt = Array("0123456789abcdefghij".utf8)
        let hash = try Digest.hmac(.sha1, key: salt, message: Array("[hashed.example]:2222".utf8))
        let lines = [
            "# comment", "", "plain.example ssh-ed25519 \(k) comment", "[ported.example]:2222 ssh-ed25519 \(k)",
            "*.wild.example,!bad.wild.example ecdsa-sha2-nistp256 \(k)", "|1|\(Base64.encode(salt))|\(Base64.encode(hash)) ssh-ed25519 \(k)",
            "mismatch.example ssh-ed25519 \(o)", "@revoked * ssh-ed25519 \(Base64.encode(Array(repeating: 1, count: 51)))",
            "@cert-authority *.example ssh-ed25519 \(o)", "broken.example ssh-ed25519 !!!notbase64", "only-two-fields ssh-ed25519",
        ]
        let known = KnownHosts(entries: lines.compactMap(KnownHosts.parse), files: ["test"])
        #expect(known.entries.count == 6)
        #expect(known.check(host: "plain.example", port: 22, key: Self.key) == .match)
        #expect(known.check(host: "plain.example", port: 2222, key: Self.key) == .unknown, "a plain name means port 22")
        #expect(known.check(host: "ported.example", port: 2222, key: Self.key) == .match)
        #expect(known.check(host: "ported.example", port: 22, key: Self.key) == .unknown)
        #expect(known.check(host: "a.wild.example", port: 22, key: Self.key) == .match)
        #expect(known.check(host: "bad.wild.example", port: 22, key: Self.key) == .unknown, "negated")
        #expect(known.check(host: "hashed.example", port: 2222, key: Self.key) == .match)
        #expect(known.check(host: "mismatch.example", port: 22, key: Self.key) == .mismatch)
        #expect(known.check(host: "plain.example", port: 22, key: Array(repeating: 1, count: 51)) == .revoked)
        #expect(known.check(host: "broken.example", port: 22, key: Self.key) == .unknown)
        #expect(known.keyTypes(host: "a.wild.example", port: 22) == ["ecdsa-sha2-nistp256"])
        #expect(KnownHosts.wildcard(Array("a*b?d*".utf8), Array("aXXbcdYY".utf8)))
        #expect(!KnownHosts.wildcard(Array("a*b?d".utf8), Array("aXXbcdYY".utf8)))
        #expect(KnownHosts.wildcard(Array("*".utf8), []))
    }

    @Test("private keys: go-git's checks before connecting")
    func privateKeys() throws {
        #expect(throws: Never.self) { try SSHPrivateKey.validate("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n") }
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----"
        #expect((#expect(throws: ExecError.self) { try SSHPrivateKey.validate(legacy) })?.message == "ssh: this private key is passphrase protected")
        let pkcs8 = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"
        #expect((#expect(throws: ExecError.self) { try SSHPrivateKey.validate(pkcs8) })?.message == "ssh: unsupported key type \"ENCRYPTED PRIVATE KEY\"")
        #expect((#expect(throws: ExecError.self) { try SSHPrivateKey.validate("-----BEGIN OPENSSH PRIVATE KEY-----\n!!\n-----END OPENSSH PRIVATE KEY-----") })?
            .message == "ssh: invalid openssh private key format")
        #expect((#expect(throws: ExecError.self) { try SSHPrivateKey.validate("-----BEGIN X") })?.message == "ssh: no key found")
    }

    @Test("base64 decoding with and without padding; garbage refused")
    func base64() {
        for n in 0..<8 {
            let bytes = (0..<n).map { UInt8($0 * 37 & 0xFF) }
            #expect(Base64Decoding.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64Decoding.decode("YWI") == Array("ab".utf8))
        #expect(Base64Decoding.decode("Y=WI") == nil)
        #expect(Base64Decoding.decode("YW I") == nil)
    }
}
