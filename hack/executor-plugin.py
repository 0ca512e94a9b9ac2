#!/usr/bin/env python3
"""An executor plugin sidecar for the agent pod (hack/pod-sim, hack/pod-e2e): Argo's "hello" plugin of
docs/executor_plugins.md, grown a little so that an agent example can exercise the whole protocol.

It answers `POST /api/v1/template.execute` (Argo's pkg/plugins/executor ExecuteTemplateArgs -> ExecuteTemplateReply)
only with the right `Authorization: Bearer <token>`, the token the agent pod's init container wrote for this
sidecar (it sees its own directory of /var/run/argo through a subPath mount, so the file is /var/run/argo/token;
PLUGIN_TOKEN_FILE overrides the path). A wrong or missing token is 403. Any other path is 404 (the agent then
never calls that method again).

Templates it executes: `plugin: {hello: {...}}`; any other plugin template gets `{}` (not mine). Within `hello`:
  {}                        Succeeded, "Hello template!"
  {"name": N}               Succeeded, "Hello N!", outputs.parameters [{name: greeting, value: "Hello N!"}]
  {"polls": K, ...}         Running ("i/K", progress "i/K") with `requeue: 1s` for the first K-1 calls of
                            that node (keyed by workflow uid and template name), then as above
  {"fail": M}               Failed with message M
  {"reply": "garbage"}      a 200 whose body is not JSON (a broken plugin: the node fails, not the agent)

Every call is logged on stdout as one JSON line: {"path", "authorized", "template", "answer"} (and
{"listening": port} once up); the simulators count them. Listens on 127.0.0.1 and ::1 (the agent calls
http://localhost:<port>) at PLUGIN_PORT (4355).

The server is all this file (the container runs `python -u -c <this file>`, as Argo's `plugin.*` convention
copies a script into the sidecar's args).
"""
import json, os, signal, socket, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PLUGIN_PORT", "4355"))
TOKEN_FILE = os.environ.get("PLUGIN_TOKEN_FILE", "/var/run/argo/token")
polls = {}
lock = threading.Lock()


def log(**entry):
    with lock:
        sys.stdout.write(json.dumps(entry) + "\n")
        sys.stdout.flush()


class Plugin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.send(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            token = open(TOKEN_FILE).read()
        except OSError as e:
            log(path=self.path, authorized=False, answer="no token: %s" % e)
            return self.send(500, {"error": "cannot read the token"})
        authorized = bool(token) and self.headers.get("Authorization") == "Bearer " + token
        if self.path != "/api/v1/template.execute":
            log(path=self.path, authorized=authorized, answer="404")
            return self.send(404, {"error": "not implemented"})
        if not authorized:
            log(path=self.path, authorized=False, answer="403")
            return self.send(403, {"error": "invalid token"})
        try:
            args = json.loads(raw)
            template = args.get("template") or {}
            workflow = (args.get("workflow") or {}).get("metadata") or {}
        except (ValueError, AttributeError):
            log(path=self.path, authorized=True, answer="400")
            return self.send(400, {"error": "bad request"})
        spec = (template.get("plugin") or {}).get("hello")
        name = template.get("name")
        if not isinstance(spec, dict):
            log(path=self.path, authorized=True, template=name, answer="none")
            return self.send(200, {})
        if spec.get("reply") == "garbage":
            log(path=self.path, authorized=True, template=name, answer="garbage")
            return self.send(200, b"<html>this is not the JSON you are looking for")
        if "fail" in spec:
            log(path=self.path, authorized=True, template=name, answer="Failed")
            return self.send(200, {"node": {"phase": "Failed", "message": str(spec["fail"])}})
        wanted = int(spec.get("polls") or 1)
        with lock:
            key = (workflow.get("uid"), name)
            polls[key] = polls.get(key, 0) + 1
            done = polls[key]
        if done < wanted:
            log(path=self.path, authorized=True, template=name, answer="Running")
            progress = "%d/%d" % (done, wanted)
            return self.send(200, {"node": {"phase": "Running", "message": progress, "progress": progress}, "requeue": "1s"})
        node = {"phase": "Succeeded", "message": "Hello template!"}
        if spec.get("name"):
            greeting = "Hello %s!" % spec["name"]
            node = {"phase": "Succeeded", "message": greeting, "outputs": {"parameters": [{"name": "greeting", "value": greeting}]}}
        if wanted > 1:
            node["progress"] = "%d/%d" % (wanted, wanted)
        log(path=self.path, authorized=True, template=name, answer="Succeeded")
        return self.send(200, {"node": node})


class V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


if __name__ == "__main__":
    # PID 1 of its container ignores SIGTERM unless it handles it: stop at once when the pod is deleted.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    servers = [ThreadingHTTPServer(("127.0.0.1", PORT), Plugin)]
    try:
        servers.append(V6Server(("::1", PORT), Plugin))
    except OSError:
        pass  # no IPv6 loopback: curl falls back to 127.0.0.1
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    log(listening=PORT)
    servers[0].serve_forever()
