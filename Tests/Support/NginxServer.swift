import Foundation

/// nginx on loopback as the HTTP artifact server (docs/build.md, "Test peers"): WebDAV PUT under `/public/`, Basic
/// auth under `/private/`, a bearer-token check under `/oauth/`, and `/redirect-put` answering 307 to
/// `/public/redirected.txt`. The access log records the `X-Argo-Test` header of each request.
public final class NginxServer {
    public let base: String
    /// An HTTPS server block that requires a client certificate signed by `dir/ca.pem` (`ssl_verify_client on`).
    public let tlsBase: String
    public let dir: String
    public var caFile: String { dir + "/ca.pem" }
    public var clientCertFile: String { dir + "/client.pem" }
    public var clientKeyFile: String { dir + "/client.key" }
    private let process: Process

    public init(user: String = "argo", password: String = "s3cret", bearer: String = "test-token") throws {
        try ExternalTool.require("/usr/sbin/nginx")
        try ExternalTool.require("openssl")
        dir = NSTemporaryDirectory() + "nginx-\(UUID().uuidString)"
        for sub in ["root/public", "root/private", "root/oauth", "tmp", "logs"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        let hash = Process()
        hash.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        hash.arguments = ["openssl", "passwd", "-apr1", password]
        let out = Pipe()
        hash.standardOutput = out
        try hash.run()
        let hashed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        hash.waitUntilExit()
        try "\(user):\(hashed)\n".write(toFile: dir + "/htpasswd", atomically: true, encoding: .utf8)
        let port = try MotoServer.freePort()
        let tlsPort = try MotoServer.freePort()
        base = "http://127.0.0.1:\(port)"
        tlsBase = "https://127.0.0.1:\(tlsPort)"
        _ = try TestCertificates(in: dir, clientCertificate: true)
        let conf = """
        daemon off; worker_processes 1; user root; pid \(dir)/nginx.pid; error_log \(dir)/logs/error.log;
        events { worker_connections 64; }
        http { log_format t '$request_method $uri $status "$http_x_argo_test" "$http_authorization"';
          access_log \(dir)/logs/access.log t; client_body_temp_path \(dir)/tmp; client_max_body_size 0;
          server { listen 127.0.0.1:\(port); root \(dir)/root;
            location /public/  { dav_methods PUT DELETE; create_full_put_path on; }
            location /private/ { dav_methods PUT DELETE; create_full_put_path on; auth_basic "argo"; auth_basic_user_file \(dir)/htpasswd; }
            location /oauth/ { if ($http_authorization != "Bearer \(bearer)") { return 401; } dav_methods PUT; create_full_put_path on; }
            location = /redirect-put { return 307 /public/redirected.txt; } }
          server { listen 127.0.0.1:\(tlsPort) ssl; root \(dir)/root;
            ssl_certificate \(dir)/server.pem; ssl_certificate_key \(dir)/server.key;
            ssl_client_certificate \(dir)/ca.pem; ssl_verify_client on;
            location /public/ { dav_methods PUT; create_full_put_path on; } } }
        """
        try conf.write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
        // The test runner's children inherit ignored SIGCHLD/SIGTERM and a signal mask, which break nginx's
        // master process: reset them in a tiny exec wrapper.
        let reset = "import os, signal, sys\nfor s in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):\n"
            + "    signal.signal(s, signal.SIG_DFL)\nsignal.pthread_sigmask(signal.SIG_SETMASK, [])\nos.execv(sys.argv[1], sys.argv[1:])\n"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", reset, "/usr/sbin/nginx", "-c", dir + "/nginx.conf", "-p", dir]
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? Data(contentsOf: URL(fileURLWithPath: dir + "/nginx.pid"))) != nil { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.1)
    }

    deinit {
        // QUIT lets the master stop its worker; then make sure both are gone.
        kill(process.processIdentifier, SIGQUIT)
        for _ in 0..<40 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        let workers = Process()  // this master's own workers, should it not have stopped them
        workers.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        workers.arguments = ["pkill", "-9", "-P", String(process.processIdentifier)]
        try? workers.run()
        workers.waitUntilExit()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dir)
    }

    public var accessLog: [String] {
        ((try? String(contentsOfFile: dir + "/logs/access.log", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    public func file(_ path: String) -> String? { try? String(contentsOfFile: dir + "/root" + path, encoding: .utf8) }
}
