import Foundation

/// The git driver's peers on loopback (docs/build.md, "Test peers"), started once per test process and stopped when
/// it ends: `git daemon` (git://), `git http-backend` behind nginx through fcgiwrap (smart HTTP, anonymous under
/// `/git/`, Basic auth under `/private/`, HTTPS on two ports whose certificates come from two different CAs), and
/// `sshd` on a loopback port with its own config, host keys (ed25519, ECDSA, RSA) and client key pairs. The
/// repositories are made with the git CLI (docs/artifacts.md#git lists what the tests check):
///   demo.git     main (a.txt, b.txt, submodule lib -> ../lib.git -> ../deep.git), branch feature (feature.txt),
///                tags v1 (lightweight, a.txt only) and v2 (annotated), refs/custom/extra (a commit on no branch)
///   history.git  3000 commits on main (n.txt holds the commit's number)
///   empty.git    no commits;  badsub.git  a submodule whose URL is a local path
/// One Python supervisor starts the servers and waits on its stdin: when the test process goes, however it goes,
/// the pipe closes and the supervisor kills every server and removes the directory.
public final class GitServers: Sendable {
    public struct SetupError: Error, Sendable, CustomStringConvertible { public let description: String }

    public let root: String
    public var repos: String { root + "/repos" }
    public let daemonPort: Int
    public let httpPort: Int
    /// HTTPS with a certificate of `caFile`'s CA, and with one of a CA nothing trusts.
    public let httpsPort: Int
    public let untrustedHTTPSPort: Int
    /// HTTPS with a certificate of `caFile`'s CA for another address (subjectAltName IP:127.0.0.9).
    public let otherAddressHTTPSPort: Int
    public let sshPort: Int
    /// Whether this sshd also listens on 127.0.0.2:22, the port scp-like URLs (`user@host:path`) always use.
    public let scpAvailable: Bool
    public let user = "argo"
    public let password = "s3cret"
    private let supervisor: FileHandle

    public var caFile: String { root + "/tls/ca.pem" }
    public var ssh: String { root + "/ssh" }
    /// Client keys: ed25519 in OpenSSH format, ECDSA in PEM, RSA in both (`client_rsa`, `client_rsa_pem`), and one
    /// the server does not know. sshd keeps OpenSSH's defaults: an RSA key must sign with rsa-sha2-256/512.
    public var clientKey: String { ssh + "/client_ed25519" }
    public var clientECDSAKey: String { ssh + "/client_ecdsa" }
    public var clientRSAKey: String { ssh + "/client_rsa" }
    public var strangerKey: String { ssh + "/stranger_ed25519" }
    /// known_hosts files: the ed25519 and ECDSA host keys; only the ECDSA one; only the RSA one; another server's
    /// key; another host only.
    public var knownHosts: String { ssh + "/known_hosts" }
    public var ecdsaOnlyKnownHosts: String { ssh + "/known_hosts_ecdsa" }
    public var rsaOnlyKnownHosts: String { ssh + "/known_hosts_rsa" }
    public var wrongKnownHosts: String { ssh + "/known_hosts_wrong" }
    public var otherHostKnownHosts: String { ssh + "/known_hosts_other" }
    public var sshdLog: String { (try? String(contentsOfFile: root + "/logs/server3.log", encoding: .utf8)) ?? "" }

    private static let instance: Result<GitServers, SetupError> = {
        do { return .success(try GitServers()) } catch let error as SetupError { return .failure(error) } catch {
            return .failure(SetupError(description: "\(error)"))
        }
    }()

    /// The servers, started by the first test that asks.
    public static func shared() throws -> GitServers { try instance.get() }

    public func gitURL(_ repo: String) -> String { "git://127.0.0.1:\(daemonPort)/\(repo).git" }
    public func httpURL(_ repo: String, authenticated: Bool = false) -> String {
        "http://127.0.0.1:\(httpPort)/\(authenticated ? "private" : "git")/\(repo).git"
    }
    public func httpsURL(_ repo: String, trusted: Bool = true) -> String {
        "https://127.0.0.1:\(trusted ? httpsPort : untrustedHTTPSPort)/git/\(repo).git"
    }
    public func otherAddressHTTPSURL(_ repo: String) -> String { "https://127.0.0.1:\(otherAddressHTTPSPort)/git/\(repo).git" }
    public func sshURL(_ repo: String, user: String? = "root") -> String {
        "ssh://\(user.map { $0 + "@" } ?? "")127.0.0.1:\(sshPort)\(repos)/\(repo).git"
    }
    public func scpURL(_ repo: String) -> String { "root@127.0.0.2:\(repos)/\(repo).git" }

    /// OpenSSH's client logging in to this sshd as root with one of the client keys and extra `-o` options; its exit
    /// status (255 when refused).
    public func sshCLI(key: String, options: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ssh")
        let all = ["BatchMode=yes", "IdentitiesOnly=yes", "StrictHostKeyChecking=yes", "UserKnownHostsFile=\(knownHosts)",
                   "ConnectTimeout=10"] + options
        p.arguments = ["-F", "/dev/null", "-i", ssh + "/" + key, "-p", "\(sshPort)"] + all.flatMap { ["-o", $0] } + ["root@127.0.0.1", "true"]
        p.environment = ["PATH": "/usr/bin:/bin", "HOME": root + "/work"]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// `git rev-parse` in one of the bare repositories.
    public func commit(_ repo: String, _ revision: String) throws -> String {
        try Self.run(["git", "-C", repos + "/" + repo + ".git", "rev-parse", revision + "^{commit}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private init() throws {
        for tool in ["git", "/usr/sbin/nginx", "/usr/sbin/fcgiwrap", "/usr/sbin/sshd", "/usr/bin/ssh", "ssh-keygen", "openssl", "python3"] {
            try ExternalTool.require(tool)
        }
        root = NSTemporaryDirectory() + "argoexec-git-\(UUID().uuidString)"
        for sub in ["repos", "work", "logs", "tmp", "ssh"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        try Self.run(["/bin/sh", "-c", Self.repositoriesScript, "sh", root + "/repos", root + "/work"])
        _ = try TestCertificates(in: root + "/tls")
        _ = try TestCertificates(in: root + "/tls-other")
        let ports = try (0..<6).map { _ in try MotoServer.freePort() }
        (daemonPort, httpPort, httpsPort, untrustedHTTPSPort, sshPort) = (ports[0], ports[1], ports[2], ports[3], ports[4])
        otherAddressHTTPSPort = ports[5]
        try Self.run(["/bin/sh", "-c", Self.otherAddressScript, "sh", root + "/tls"])
        try "\(sshPort)".write(toFile: root + "/ssh/port", atomically: true, encoding: .utf8)
        try Self.run(["/bin/sh", "-c", Self.sshScript, "sh", root + "/ssh"])
        let hashed = try Self.run(["openssl", "passwd", "-apr1", password]).trimmingCharacters(in: .whitespacesAndNewlines)
        try "\(user):\(hashed)\n".write(toFile: root + "/htpasswd", atomically: true, encoding: .utf8)
        (supervisor, scpAvailable) = try Self.launch(root: root, ports: ports)
    }

    /// Writes the configs and starts the supervisor; answers its stdin and whether sshd got 127.0.0.2:22.
    private static func launch(root: String, ports: [Int]) throws -> (FileHandle, Bool) {
        let (repos, ssh) = (root + "/repos", root + "/ssh")
        try nginxConfig(root: root, ports: ports).write(toFile: root + "/nginx.conf", atomically: true, encoding: .utf8)
        try sshdConfig(ssh: ssh, port: ports[4]).write(toFile: ssh + "/sshd_config", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)  // sshd's privsep dir
        let commands: [[String]] = [
            ["git", "daemon", "--reuseaddr", "--export-all", "--base-path=\(repos)", "--listen=127.0.0.1", "--port=\(ports[0])", repos],
            ["/usr/sbin/fcgiwrap", "-c", "4", "-s", "unix:\(root)/fcgiwrap.sock"],
            ["/usr/sbin/nginx", "-c", root + "/nginx.conf", "-p", root],
            ["/usr/sbin/sshd", "-D", "-e", "-f", ssh + "/sshd_config"],
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let ready = ports.map(String.init).joined(separator: ",")
        process.arguments = ["python3", "-c", supervisorScript, root, ready] + commands.flatMap { $0 + ["--"] }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.environment = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": root + "/work", "GIT_CONFIG_NOSYSTEM": "1"]
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready") else {
            throw SetupError(description: "git servers did not start (\(line.trimmingCharacters(in: .whitespacesAndNewlines))); logs in \(root)/logs")
        }
        let log = (try? String(contentsOfFile: root + "/logs/server3.log", encoding: .utf8)) ?? ""
        return (input.fileHandleForWriting, log.contains("listening on 127.0.0.2 port 22"))
    }

    private static func nginxConfig(root: String, ports: [Int]) -> String {
        let (repos, httpPort, httpsPort, untrustedHTTPSPort, otherPort) = (root + "/repos", ports[1], ports[2], ports[3], ports[5])
        func backend(_ prefix: String, auth: Bool) -> String {
            """
            location ~ ^/\(prefix)(/.*)$ { \(auth ? "auth_basic \"git\"; auth_basic_user_file \(root)/htpasswd;" : "")
              include /etc/nginx/fastcgi_params; fastcgi_pass unix:\(root)/fcgiwrap.sock;
              fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend; fastcgi_param GIT_PROJECT_ROOT \(repos);
              fastcgi_param GIT_HTTP_EXPORT_ALL ""; fastcgi_param PATH_INFO $1; fastcgi_param REMOTE_USER $remote_user; }
            """
        }
        return """
        daemon off; master_process off; pid \(root)/nginx.pid; error_log \(root)/logs/nginx-error.log;
        events { worker_connections 64; }
        http { access_log \(root)/logs/nginx-access.log; client_body_temp_path \(root)/tmp/body; fastcgi_temp_path \(root)/tmp/fastcgi;
          proxy_temp_path \(root)/tmp/proxy; uwsgi_temp_path \(root)/tmp/uwsgi; scgi_temp_path \(root)/tmp/scgi; client_max_body_size 0;
          server { listen 127.0.0.1:\(httpPort); listen 127.0.0.1:\(httpsPort) ssl;
            ssl_certificate \(root)/tls/server.pem; ssl_certificate_key \(root)/tls/server.key;
            \(backend("git", auth: false)) \(backend("private", auth: true)) }
          server { listen 127.0.0.1:\(untrustedHTTPSPort) ssl;
            ssl_certificate \(root)/tls-other/server.pem; ssl_certificate_key \(root)/tls-other/server.key;
            \(backend("git", auth: false)) }
          server { listen 127.0.0.1:\(otherPort) ssl;
            ssl_certificate \(root)/tls/other-address.pem; ssl_certificate_key \(root)/tls/other-address.key;
            \(backend("git", auth: false)) } }
        """
    }

    private static func sshdConfig(ssh: String, port sshPort: Int) -> String {
        """
        ListenAddress 127.0.0.1:\(sshPort)
        ListenAddress 127.0.0.2:22
        HostKey \(ssh)/host_ed25519
        HostKey \(ssh)/host_ecdsa
        HostKey \(ssh)/host_rsa
        PidFile \(ssh)/sshd.pid
        AuthorizedKeysFile \(ssh)/authorized_keys
        StrictModes no
        UsePAM no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        AllowUsers root
        X11Forwarding no
        LogLevel VERBOSE

        """
    }

    /// The git CLI (no system or user config), for what the tests check in a clone.
    @discardableResult
    public static func git(_ arguments: [String]) throws -> String { try run(["git"] + arguments) }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "GIT_CONFIG_NOSYSTEM": "1", "HOME": NSTemporaryDirectory()]
        return String(decoding: try ExternalTool.run(arguments, environment: environment), as: UTF8.self)
    }

    /// The repositories, made with the git CLI ($1: where the bare ones go, $2: work trees and HOME).
    static let repositoriesScript = #"""
    set -eu
    R=$1 W=$2
    export HOME=$W GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
    git config --global protocol.file.allow always
    git config --global init.defaultBranch main
    git config --global advice.detachedHead false
    work() { git init -q --bare "$R/$1.git"; git clone -q "$R/$1.git" "$W/$1" 2>/dev/null; cd "$W/$1"; }
    work deep; echo deep > deep.txt; git add .; git commit -qm deep; git push -q origin main
    work lib; echo lib > lib.txt; git add .; git commit -qm lib
    git submodule -q add ../deep.git deep; git commit -qm "deep submodule"; git push -q origin main
    work demo; echo one > a.txt; git add .; git commit -qm one; git tag v1
    echo two > b.txt; git add .; git commit -qm two; git tag -a v2 -m annotated
    git submodule -q add ../lib.git lib; git commit -qm "lib submodule"
    git checkout -q -b feature; echo feature > feature.txt; git add .; git commit -qm feature
    git checkout -q main; git push -q origin main feature v1 v2
    git checkout -q --detach; echo extra > extra.txt; git add .; git commit -qm extra
    git push -q origin HEAD:refs/custom/extra; git checkout -q main
    git init -q --bare "$R/empty.git"
    git init -q --bare "$R/history.git"
    awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "commit refs/heads/main\ncommitter t <t@example.com> %d +0000\ndata <<E\nc%d\nE\nM 644 inline n.txt\ndata <<E\n%d\nE\n\n", 1700000000 + i, i, i }' |
      git -C "$R/history.git" fast-import --quiet
    work badsub; echo b > b.txt; git add .; git commit -qm b
    git submodule -q add "$R/lib.git" lib; git commit -qm "local submodule"; git push -q origin main
    """#

    /// A certificate of the test CA for 127.0.0.9 only ($1: TestCertificates' directory).
    static let otherAddressScript = #"""
    set -e; cd "$1"
    openssl req -newkey rsa:2048 -nodes -keyout other-address.key -out other-address.csr -subj /CN=127.0.0.9 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.9' > other-address.cnf
    openssl x509 -req -in other-address.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out other-address.pem -days 2 \
      -extfile other-address.cnf 2>/dev/null
    """#

    /// sshd's host keys, the client keys and the known_hosts variants ($1: the ssh directory).
    static let sshScript = #"""
    set -eu
    cd "$1"
    ssh-keygen -q -t ed25519 -N '' -f host_ed25519
    ssh-keygen -q -t ecdsa -N '' -f host_ecdsa
    ssh-keygen -q -t rsa -b 2048 -N '' -f host_rsa
    ssh-keygen -q -t ed25519 -N '' -f other_host
    ssh-keygen -q -t ed25519 -N '' -C client -f client_ed25519
    ssh-keygen -q -t ecdsa -m PEM -N '' -C client-ecdsa -f client_ecdsa
    ssh-keygen -q -t rsa -b 2048 -N '' -C client-rsa -f client_rsa
    ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C client-rsa-pem -f client_rsa_pem
    ssh-keygen -q -t ed25519 -N '' -f stranger_ed25519
    ssh-keygen -q -t ed25519 -N secret -f protected_ed25519
    cat client_ed25519.pub client_ecdsa.pub client_rsa.pub client_rsa_pem.pub > authorized_keys
    key() { cut -d' ' -f1,2 "$1"; }
    port=$(cat port)
    { echo "[127.0.0.1]:$port $(key host_ed25519.pub)"; echo "[127.0.0.1]:$port $(key host_ecdsa.pub)"
      echo "127.0.0.2 $(key host_ed25519.pub)"; } > known_hosts
    echo "[127.0.0.1]:$port $(key host_ecdsa.pub)" > known_hosts_ecdsa
    echo "[127.0.0.1]:$port $(key host_rsa.pub)" > known_hosts_rsa
    echo "[127.0.0.1]:$port $(key other_host.pub)" > known_hosts_wrong
    echo "[127.0.0.1]:1 $(key host_ed25519.pub)" > known_hosts_other
    """#

    /// Starts each `--`-terminated command in its own session, waits until every port in $2 accepts, says
    /// `ready`, then waits for stdin to close: kills them all and removes $1.
    static let supervisorScript = #"""
    import os, shutil, signal, socket, subprocess, sys, time
    for s in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE):
        signal.signal(s, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    root, ports, rest = sys.argv[1], [int(p) for p in sys.argv[2].split(",")], sys.argv[3:]
    groups, current = [], []
    for a in rest:
        if a == "--":
            groups.append(current); current = []
        else:
            current.append(a)
    children = []
    for i, g in enumerate(groups):
        log = open(os.path.join(root, "logs", "server%d.log" % i), "wb")
        children.append(subprocess.Popen(g, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True))
    def up(port):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); return True
        except OSError:
            return False
    deadline = time.time() + 15
    while time.time() < deadline and not all(up(p) for p in ports):
        time.sleep(0.05)
    print("ready" if all(up(p) for p in ports) else "failed: ports " + str([p for p in ports if not up(p)]), flush=True)
    sys.stdin.read()
    for c in children:
        try:
            os.killpg(c.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        c.wait()
    shutil.rmtree(root, ignore_errors=True)
    """#
}
