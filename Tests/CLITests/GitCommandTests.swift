import Foundation
import Testing
import TestSupport

/// Git input artifacts from outside the driver: `argoexec artifact get` on a git location file, and a whole pod
/// (hack/pod-sim) whose init clones a `git:` input that main then reads. The peers are TestSupport's GitServers.
@Suite("git locations through the binary: artifact get and a pod's init", .serialized)
struct GitCommandTests {
    @Test("artifact get: the file's revision or --key's, Basic auth from --secrets-dir, ssh with known_hosts under ARGOEXEC_ROOT")
    func get() throws {
        let servers = try GitServers.shared()
        let root = try BinaryRunner.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let secrets = root.appendingPathComponent("secrets/git-cred")
        try fm.createDirectory(at: secrets, withIntermediateDirectories: true)
        try Data(servers.user.utf8).write(to: secrets.appendingPathComponent("user"))
        try Data(servers.password.utf8).write(to: secrets.appendingPathComponent("password"))
        try Data(contentsOf: URL(fileURLWithPath: servers.clientKey)).write(to: secrets.appendingPathComponent("key"))
        try fm.createDirectory(at: root.appendingPathComponent("etc/ssh"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: servers.knownHosts, toPath: root.appendingPathComponent("etc/ssh/ssh_known_hosts").path)

        func location(_ name: String, _ yaml: String) throws -> String {
            let path = root.appendingPathComponent(name).path
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        func get(_ file: String, key: String = "", to dest: String) throws -> BinaryRunner.Result {
            try BinaryRunner.run(["artifact", "get", "--repo", file, "--secrets-dir", root.appendingPathComponent("secrets").path, "--key", key, dest],
                                 environment: ["ARGOEXEC_ROOT": root.path])
        }
        let dest = root.appendingPathComponent("out").path

        let daemon = try location("daemon.yaml", "git:\n  repo: \(servers.gitURL("demo"))\n  revision: v1\n")
        #expect(try get(daemon, to: dest + "-v1").status == 0)
        #expect(fm.fileExists(atPath: dest + "-v1/a.txt"))
        #expect(!fm.fileExists(atPath: dest + "-v1/b.txt"))
        #expect(try get(daemon, key: "feature", to: dest + "-feature").status == 0)
        #expect(fm.fileExists(atPath: dest + "-feature/feature.txt"))

        let http = try location("http.json", #"{"git":{"repo":"\#(servers.httpURL("demo", authenticated: true))","usernameSecret":{"name":"git-cred","key":"user"},"passwordSecret":{"name":"git-cred","key":"password"},"disableSubmodules":true}}"#)
        #expect(try get(http, to: dest + "-http").status == 0)
        #expect(fm.fileExists(atPath: dest + "-http/b.txt"))

        let ssh = try location("ssh.yaml", "git:\n  repo: \(servers.sshURL("demo"))\n  sshPrivateKeySecret: {name: git-cred, key: key}\n  disableSubmodules: true\n")
        #expect(try get(ssh, to: dest + "-ssh").status == 0)
        #expect(fm.fileExists(atPath: dest + "-ssh/b.txt"))

        // Bad input: a clear message naming the cause, exit 64 (the executor's code for a failed artifact), nothing left.
        let unknown = try get(daemon, key: "no-such-revision", to: dest + "-unknown")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no-such-revision"))
        #expect(!fm.fileExists(atPath: dest + "-unknown"))

        try Data("wrong".utf8).write(to: secrets.appendingPathComponent("password"))
        let denied = try get(http, to: dest + "-denied")
        #expect(denied.status != 0)
        #expect(!denied.stderr.contains("wrong"))
        #expect(!fm.fileExists(atPath: dest + "-denied"))

        try fm.removeItem(atPath: root.appendingPathComponent("etc/ssh/ssh_known_hosts").path)
        try fm.copyItem(atPath: servers.wrongKnownHosts, toPath: root.appendingPathComponent("etc/ssh/ssh_known_hosts").path)
        let refused = try get(ssh, to: dest + "-refused")
        #expect(refused.status != 0)
        #expect(refused.stderr.lowercased().contains("host key"))
        #expect(!fm.fileExists(atPath: dest + "-refused"))

        let scheme = try location("ftp.yaml", "git:\n  repo: ftp://127.0.0.1/demo.git\n")
        let unsupported = try get(scheme, to: dest + "-ftp")
        #expect(unsupported.status != 0)
        #expect(unsupported.stderr.contains("ftp"))
        #expect(!fm.fileExists(atPath: dest + "-ftp"))
    }

    @Test("a pod whose init clones a git input (the usual CI step): main reads the checkout; an unknown revision fails init with exit 64")
    func pod() throws {
        let servers = try GitServers.shared()
        let good = try PodSimulatorTests.example(#"""
        {"name":"ci","inputs":{"artifacts":[{"name":"src","path":"/tmp/argo-sim-git/src","git":{"repo":"\#(servers.gitURL("demo"))"}}]},
         "container":{"command":["sh","-c","test -f /tmp/argo-sim-git/src/b.txt && test -f /tmp/argo-sim-git/src/lib/lib.txt && cat /tmp/argo-sim-git/src/a.txt"]}}
        """#)
        let bad = try PodSimulatorTests.example(#"""
        {"name":"ci-bad","inputs":{"artifacts":[{"name":"src","path":"/tmp/argo-sim-git-bad/src","git":{"repo":"\#(servers.gitURL("demo"))","revision":"no-such-revision"}}]},
         "container":{"command":["true"]}}
        """#)
        let r = try PodSimulatorTests.simulate([good, bad], options: [])
        try #require(r.count == 2)
        #expect(r[0]["phase"] as? String == "Succeeded", "\(r[0])")
        #expect(PodSimulatorTests.code(r[1], "init") == 64)
        #expect(PodSimulatorTests.message(r[1], "init").hasPrefix("artifact src failed to load:"))
        #expect(PodSimulatorTests.message(r[1], "init").contains("no-such-revision"))
        #expect(r[1]["phase"] as? String == "Error")
    }
}
