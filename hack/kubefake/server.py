"""The HTTPS front of the fake: bearer-token users with "verb resource" permissions, the REST paths of every served
resource (apiserver/pkg/endpoints/installer.go), discovery and OpenAPI, watches, the /_fake control endpoints and
the request log."""
import copy
import json
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import discovery
from . import status as st
from .resources import Registry
from .selectors import fields_match, labels_match, parse_fields, parse_labels
from .store import Store

MAX_BODY = 3 * 1024 * 1024  # the API server's request body limit
VERB = {"GET": "get", "POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}


class Watch:
    """A watch request that passed its checks; the handler streams it outside the lock."""

    def __init__(self, resource, namespace, label_req, field_req, since, timeout, initial_events=False):
        self.resource, self.namespace, self.label_req, self.field_req = resource, namespace, label_req, field_req
        self.since, self.timeout, self.initial_events = since, timeout, initial_events
        self.generation = 0


class DropWatch(Exception):
    """Ends a watch stream without its last chunk, as a connection lost mid-stream (/_fake/drop-watches)."""


class Fake:
    def __init__(self, state, config):
        self.state = state
        self.lock = threading.Lock()
        self.users = config.get("users", {})
        self.outage = {"until": 0.0, "status": 503}
        self.watch_generation = 0  # bumped by /_fake/drop-watches: open watches end abruptly
        self.compacted = 0         # /_fake/compact: watches from an older resourceVersion get 410 Expired
        self.registry = Registry(config.get("absent", []))
        for crd in config.get("crds", []):
            self.registry.add_short_crd(crd)
        self.store = Store(self.registry, self.lock)
        objects = config.get("objects", [])
        with self.lock:
            # A cluster's own namespaces, and Argo's.
            for namespace in ("default", "kube-system", "kube-public", "kube-node-lease", "argo"):
                self.store.ensure_namespace(namespace)
            for obj in sorted(objects, key=lambda o: o.get("kind") != "CustomResourceDefinition"):
                resource = self.registry.by_kind(obj.get("apiVersion"), obj.get("kind"))
                if resource is None:
                    sys.exit("kube-fake: no served resource has kind %r (declare it under \"crds\")" % obj.get("kind"))
                namespace = (obj.get("metadata") or {}).get("namespace", "default") if resource.namespaced else None
                self.store.create(resource, namespace, copy.deepcopy(obj), initial=True)

    # --- entry points -----------------------------------------------------------------------------------------

    def handle(self, method, target, headers, raw, token, source=None, as_user=None):
        """One request under the lock: -> (code, body, headers) or a Watch; the request is logged."""
        url = urllib.parse.urlsplit(target)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        with self.lock:
            user = as_user or (self.users.get(token) if token else None)
            try:
                out = self.route(method, url.path, query, headers, raw, user)
            except st.ApiError as e:
                out = (e.code, e.body(), e.headers)
            self.log(method, target, user, headers, raw, 200 if isinstance(out, Watch) else out[0], source)
        return out

    def log(self, method, target, user, headers, raw, code, source):
        entry = {"time": time.time(), "method": method, "path": target, "user": (user or {}).get("name"),
                 "contentType": headers.get("Content-Type"), "status": code}
        if source:
            entry["source"] = source
        if raw:
            try:
                entry["body"] = json.loads(raw)
            except ValueError:
                entry["rawBody"] = raw.decode("utf-8", "replace")
        with open(os.path.join(self.state, "requests.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")

    def route(self, method, path, query, headers, raw, user):
        if user is None:
            raise st.ApiError(401, "Unauthorized", "Unauthorized")
        if path.startswith("/_fake/"):
            return self.control(path, raw, user)
        if time.time() < self.outage["until"]:
            code = self.outage["status"]
            reason = "TooManyRequests" if code == 429 else "ServiceUnavailable"
            raise st.ApiError(code, reason, "the fake API server is in a simulated outage", headers={"Retry-After": "1"})
        if path in ("/healthz", "/livez", "/readyz"):
            return 200, b"ok", {"Content-Type": "text/plain"}
        if path.startswith("/openapi/"):
            doc = discovery.openapi(path, self.registry) if method == "GET" else None
            if doc is None:
                raise st.no_such_path()
            return 200, doc, {}
        if method == "GET":
            found = discovery.document(path, headers.get("Accept"), self.registry)
            if found:
                return 200, found[1], {"Content-Type": found[0], "Vary": "Accept"}
        return self.resource_request(method, path, query, headers, raw, user)

    # --- resources --------------------------------------------------------------------------------------------

    def resolve(self, path):
        """-> (resource, namespace, name, subresource) for a REST path, or a 404."""
        parts = [urllib.parse.unquote(p) for p in path.split("/") if p]
        if parts[:2] == ["api", "v1"]:
            group, version, rest = "", "v1", parts[2:]
        elif len(parts) >= 3 and parts[0] == "apis":
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            raise st.no_such_path()
        namespace = None
        if rest and rest[0] == "namespaces" and len(rest) >= 3 and not (not group and len(rest) == 3 and rest[2] in ("status", "finalize")):
            namespace, rest = rest[1], rest[2:]
        if not rest or len(rest) > 3:
            raise st.no_such_path()
        resource = self.registry.get(group, version, rest[0])
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else None
        if resource is None or (namespace is not None and not resource.namespaced) \
                or (namespace is None and resource.namespaced and name) or (sub and (sub != "status" or not resource.status)):
            raise st.no_such_path()
        return resource, namespace, name, sub

    def allowed(self, user, verb, permission):
        allow = user.get("allow", [])
        return any(a in allow for a in ("*", "%s %s" % (verb, permission), "* " + permission, verb + " *"))

    def resource_request(self, method, path, query, headers, raw, user):
        resource, namespace, name, sub = self.resolve(path)
        watching = query.get("watch") in ("1", "true")
        verb = VERB.get(method)
        if verb is None or (method == "POST" and (name or (resource.namespaced and namespace is None))) \
                or (method in ("PUT", "PATCH") and not name):
            raise st.method_not_allowed()
        if method == "GET":
            verb = "watch" if watching else ("get" if name else "list")
        if method == "DELETE" and not name:
            verb = "deletecollection"
        if not self.allowed(user, verb, resource.plural + ("/" + sub if sub else "")):
            raise st.forbidden(resource, name, user.get("name"), verb, namespace, sub)
        if len(raw) > MAX_BODY:
            raise st.ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728")
        dry = self.dry_run(query, raw if method == "DELETE" else None)
        store = self.store
        if verb in ("list", "watch"):
            label_req = parse_labels(query.get("labelSelector"))
            field_req = parse_fields(query.get("fieldSelector"), resource)
            if name:  # a watch on one object: as client-go's fieldSelector metadata.name=<name>
                field_req.append(("metadata.name", "=", name))
            if verb == "watch":
                since = query.get("resourceVersion")
                initial = query.get("sendInitialEvents") == "true"
                w = Watch(resource, namespace, label_req, field_req,
                          int(since) if since and since != "0" and not initial else None,
                          min(float(query.get("timeoutSeconds") or 1800), 1800), initial)
                w.generation = self.watch_generation
                return w
            return 200, store.list(resource, namespace, label_req, field_req, int(query.get("limit") or 0),
                                   query.get("continue")), {}
        if verb == "get":
            return 200, store.get(resource, namespace, name), {}
        if verb in ("delete", "deletecollection"):
            options = self.delete_options(query, raw)
            if verb == "delete":
                return 200, store.delete(resource, namespace, name, options, dry), {}
            return 200, store.delete_collection(resource, namespace, parse_labels(query.get("labelSelector")),
                                                parse_fields(query.get("fieldSelector"), resource), options, dry), {}
        content_type = (headers.get("Content-Type") or "application/json").split(";")[0].strip()
        if verb == "patch":
            code, body = store.patch(resource, namespace, name, content_type, raw, sub, dry, query)
            return code, body, {}
        body = parse_body(raw, content_type)
        if verb == "create":
            return 201, store.create(resource, namespace, body, dry), {}
        return 200, store.update(resource, namespace, name, body, sub, dry), {}

    def dry_run(self, query, delete_body):
        values = [query.get("dryRun")] if query.get("dryRun") else []
        if delete_body:
            try:
                values += json.loads(delete_body).get("dryRun") or []
            except (ValueError, AttributeError):
                pass
        for v in values:
            if v != "All":
                raise st.bad_request('dryRun: Unsupported value: "%s": supported values: "All"' % v)
        return bool(values)

    def delete_options(self, query, raw):
        options = {}
        if raw:
            try:
                options = json.loads(raw)
            except ValueError as e:
                raise st.bad_request("invalid DeleteOptions: %s" % e)
        if query.get("propagationPolicy"):
            options["propagationPolicy"] = query["propagationPolicy"]
        return options if isinstance(options, dict) else {}

    # --- control ----------------------------------------------------------------------------------------------

    def control(self, path, raw, user):
        if "*" not in user.get("allow", []):
            raise st.ApiError(403, "Forbidden", "fake control needs a '*' user")
        try:
            req = json.loads(raw or b"{}")
        except ValueError as e:
            raise st.bad_request("control body: %s" % e)
        if path == "/_fake/outage":
            self.outage["until"] = time.time() + float(req.get("seconds", 3))
            self.outage["status"] = int(req.get("status", 503))
        elif path == "/_fake/tokens":
            self.users = req
        elif path == "/_fake/crds":
            for crd in req.get("crds", req if isinstance(req, list) else []):
                self.registry.add_short_crd(crd)
        elif path == "/_fake/drop-watches":
            self.watch_generation += 1
            self.store.changed.notify_all()  # wake the streams now, before any later change reaches them
        elif path == "/_fake/compact":
            # etcd compaction: every version up to now is forgotten (one is burnt so the current one goes too),
            # and open watches are cut, so clients must come back from a version that is no longer there.
            self.store.rv += 1
            self.compacted = self.store.rv
            self.watch_generation += 1
            self.store.changed.notify_all()
        elif path == "/_fake/later":
            return self.schedule(req, user)
        else:
            raise st.no_such_path()
        return 200, {"ok": True}, {}

    def schedule(self, req, user):
        """Runs a request after a delay, as a controller changing an object while a client polls."""
        method = str(req.get("method", "PATCH")).upper()
        if "path" not in req or method not in VERB:
            raise st.bad_request("later needs a path and one of %s" % ", ".join(VERB))
        body = req.get("body")
        raw = b"" if body is None else (body if isinstance(body, str) else json.dumps(body)).encode()
        content_type = req.get("contentType") or ("application/merge-patch+json" if method == "PATCH" else "application/json")
        headers = {"Content-Type": content_type, "Accept": "application/json"}
        timer = threading.Timer(float(req.get("after", 0)), self.handle,
                                args=(method, req["path"], headers, raw, None, "later", user))
        timer.daemon = True
        timer.start()
        return 200, {"ok": True, "at": time.time() + float(req.get("after", 0))}, {}

    # --- watch ------------------------------------------------------------------------------------------------

    def watch_events(self, w):
        """Yields watch events: the current objects as ADDED when no resourceVersion was given, then every
        change after it, until the timeout."""
        with self.lock:
            if w.since is not None and w.since < self.compacted:
                # The API server answers a watch from a compacted version with 200 and one ERROR event.
                yield {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                                   "message": "too old resource version: %d (%d)" % (w.since, self.compacted),
                                                   "reason": "Expired", "code": 410}}
                return
            if w.since is None:
                first = [("ADDED", o) for _, o in self.store.matching(w.resource, w.namespace, w.label_req, w.field_req)]
                last = self.store.rv
            else:
                first, last = [], w.since
        for event in first:
            yield {"type": event[0], "object": self.store.output(w.resource, event[1])}
        if w.initial_events:  # a streaming list (sendInitialEvents) ends its initial state with this bookmark
            yield {"type": "BOOKMARK", "object": {"kind": w.resource.kind, "apiVersion": w.resource.api_version, "metadata": {
                "resourceVersion": str(last), "annotations": {"k8s.io/initial-events-end": "true"}}}}
        deadline = time.time() + w.timeout
        while time.time() < deadline:
            if w.generation != self.watch_generation:
                raise DropWatch()
            with self.store.changed:
                self.store.changed.wait(timeout=min(1.0, max(0.0, deadline - time.time())))
                fresh = [e for e in self.store.events if e[0] > last]
                if w.generation != self.watch_generation:
                    raise DropWatch()
            for rv, kind, gr, ns, obj in fresh:
                last = rv
                if gr == (w.resource.group, w.resource.plural) and (not w.namespace or ns == w.namespace) \
                        and labels_match(w.label_req, obj["metadata"].get("labels")) and fields_match(w.field_req, obj):
                    yield {"type": kind, "object": self.store.output(w.resource, obj)}


def parse_body(raw, content_type):
    if content_type not in ("application/json", "application/yaml", "application/x-yaml"):
        raise st.ApiError(415, "UnsupportedMediaType", 'the body of the request was in an unknown format - accepted media '
                          'types include: application/json, application/yaml')
    try:
        if content_type in ("application/yaml", "application/x-yaml"):
            import yaml
            return yaml.safe_load(raw)
        return json.loads(raw)
    except Exception as e:
        raise st.bad_request("couldn't get version/kind; json parse error: %s" % e)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else None
        headers = {"Content-Type": self.headers.get("Content-Type"), "Accept": self.headers.get("Accept")}
        out = self.server.fake.handle(self.command, self.path, headers, raw, token)
        if isinstance(out, Watch):
            return self.stream(out)
        code, body, extra = out
        data = body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":")).encode()  # Go's compact JSON
        self.send_response(code)
        self.send_header("Content-Type", extra.pop("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def stream(self, w):
        """Watch events as newline-separated JSON in HTTP/1.1 chunks, the API server's streaming JSON form."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        try:
            for event in self.server.fake.watch_events(w):
                data = json.dumps(event, separators=(",", ":")).encode() + b"\n"
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except DropWatch:
            self.wfile.flush()  # no terminating chunk: the client sees the transfer cut short
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass


def make_certificates(state):
    script = """set -e; cd "$1"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=kube-fake-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=kubernetes 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc' > ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null
"""
    subprocess.run(["sh", "-c", script, "sh", state], check=True)


def main(argv):
    state, config = argv[1], json.loads(argv[2])
    os.makedirs(state, exist_ok=True)
    make_certificates(state)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.fake = Fake(state, config)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(state, "server.pem"), os.path.join(state, "server.key"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(os.path.join(state, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(state, "port.tmp"), os.path.join(state, "port"))
    server.serve_forever()
