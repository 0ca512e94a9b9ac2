import Foundation

/// The agent tests' loopback peers in one python3 process: an HTTP server and the same over TLS (a certificate
/// signed by a throw-away CA no system trusts) answering 2xx, any status (`/status/<n>`), slowly (`/slow`) or
/// with what they received (`/echo`); and an executor plugin sidecar that checks its bearer token and answers
/// `template.execute` by the template's `plugin.test.mode`: `node`, `requeue` (Running with `requeue: 1s`, then
/// Succeeded), `garbage` (not JSON) or `none` (no node).
public final class AgentPeer {
    public let httpBase: String
    public let tlsBase: String
    public let pluginAddress: String
    public let dir: String
    private let process: Process

    public init(pluginToken: String) throws {
        try ExternalTool.require("python3")
        dir = NSTemporaryDirectory() + "agent-peer-\(UUID().uuidString)"
        let certs = try TestCertificates(in: dir + "/tls")
        try Self.script.write(toFile: dir + "/peer.py", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", dir + "/peer.py", dir, certs.serverCert, certs.serverKey, pluginToken]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var ports: [String: Int]?
        for _ in 0..<200 where ports == nil {
            if let data = FileManager.default.contents(atPath: dir + "/ports"),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Int] { ports = json } else { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let ports, let http = ports["http"], let tls = ports["https"], let plugin = ports["plugin"] else {
            kill(process.processIdentifier, SIGKILL)
            throw MotoServer.SetupError(message: "agent peer did not start")
        }
        httpBase = "http://127.0.0.1:\(http)"
        tlsBase = "https://127.0.0.1:\(tls)"
        pluginAddress = "http://127.0.0.1:\(plugin)"
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Requests the plugin sidecar received: the `Authorization` header and the parsed body.
    public func pluginCalls() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: dir + "/plugin.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static let script = #"""
import json, os, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state, cert, key, token = sys.argv[1:5]
lock = threading.Lock()
counts = {}

class Web(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def answer(self, code, body, extra=()):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(code)
        for k, v in extra: self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if self.path.startswith("/status/"):
            code = int(self.path.split("/")[2])
            return self.answer(code, "status %d" % code)
        if self.path == "/slow":
            time.sleep(5)
            return self.answer(200, "late")
        if self.path == "/echo":
            out = {"method": self.command, "body": body.decode("utf-8", "replace"),
                   "headers": {k.lower(): v for k, v in self.headers.items()}}
            return self.answer(200, json.dumps(out, sort_keys=True), [("X-Multi", "a"), ("X-Multi", "b"), ("content-type", "application/json")])
        return self.answer(200, "hello")
    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = any

class Plugin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def answer(self, code, body):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n)
        auth = self.headers.get("Authorization", "")
        try: args = json.loads(raw)
        except ValueError: args = None
        with lock, open(os.path.join(state, "plugin.jsonl"), "a") as f:
            f.write(json.dumps({"path": self.path, "authorization": auth, "args": args}) + "\n")
        if auth != "Bearer " + token:
            return self.answer(403, "bad token")
        if self.path != "/api/v1/template.execute":
            return self.answer(404, "no such method")
        tmpl = (args or {}).get("template") or {}
        mode = ((tmpl.get("plugin") or {}).get("test") or {}).get("mode")
        name = tmpl.get("name", "")
        with lock:
            counts[name] = counts.get(name, 0) + 1
            count = counts[name]
        if mode == "garbage":
            return self.answer(200, "this is not json")
        if mode == "none":
            return self.answer(200, "{}")
        if mode == "requeue" and count == 1:
            return self.answer(200, json.dumps({"node": {"phase": "Running", "message": "working"}, "requeue": "1s"}))
        wf = (args or {}).get("workflow", {}).get("metadata", {})
        return self.answer(200, json.dumps({"node": {"phase": "Succeeded", "message": "done by plugin for %s/%s" % (wf.get("namespace"), wf.get("name")),
                                                     "outputs": {"parameters": [{"name": "calls", "value": str(count)}]}}}))

def serve(handler, tls=False):
    s = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    s.daemon_threads = True
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        s.socket = ctx.wrap_socket(s.socket, server_side=True)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s.server_address[1]

ports = {"http": serve(Web), "https": serve(Web, True), "plugin": serve(Plugin)}
with open(os.path.join(state, "ports.tmp"), "w") as f: json.dump(ports, f)
os.rename(os.path.join(state, "ports.tmp"), os.path.join(state, "ports"))
while True: time.sleep(3600)
"""#
}
