#!/usr/bin/env python3
"""A Kubernetes API server fake on loopback, for argoexec's tests and the pod simulator.

HTTPS with a CA generated at start (written to <state>/ca.pem), bearer-token authentication, per-user
permissions ("verb resource" pairs, so 403 paths are testable), namespaced pods, secrets, configmaps and
argoproj.io workflowtaskresults, JSON merge patch and strategic merge patch (maps merged, lists replaced,
which is what annotations and labels need), resourceVersion with Conflict on stale updates, real
Kubernetes Status bodies for AlreadyExists / NotFound / Conflict / Forbidden / Unauthorized / Invalid, and a
request log (<state>/requests.jsonl) the tests assert on. Enough discovery for the real kubectl.

Usage: kube-fake.py STATE_DIR CONFIG_JSON
CONFIG_JSON: {"users": {"<token>": {"name": "...", "allow": ["get pods", "patch pods", "*"]}},
              "objects": [<initial objects with apiVersion/kind/metadata.namespace>]}
Control (any token with "*"): POST /_fake/outage {"seconds": N, "status": 503} makes every API call fail
for N seconds; POST /_fake/tokens {"<token>": {...}} replaces the users. The listening port is written to
<state>/port once the server is ready.
"""
import copy, datetime, json, os, ssl, subprocess, sys, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE, CONFIG = sys.argv[1], json.loads(sys.argv[2])
LOCK = threading.Lock()
USERS = CONFIG.get("users", {})
OUTAGE = {"until": 0.0, "status": 503}
RV = [1000]
STORE = {}  # (resource, namespace, name) -> object

RESOURCES = {  # resource -> (group, version, kind, namespaced)
    "pods": ("", "v1", "Pod"), "secrets": ("", "v1", "Secret"), "configmaps": ("", "v1", "ConfigMap"),
    "workflowtaskresults": ("argoproj.io", "v1alpha1", "WorkflowTaskResult"),
}
for absent in CONFIG.get("absent", []):  # a resource type not served (a CRD not installed): 404 as the API server
    RESOURCES.pop(absent, None)
KINDS = {v[2]: k for k, v in RESOURCES.items()}
MAX_BODY = 3 * 1024 * 1024      # the API server's request limit
MAX_OBJECT = 1536 * 1024        # etcd's default object size limit (1.5 MiB)
MAX_ANNOTATIONS = 256 * 1024    # metadata.annotations total size limit


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def next_rv():
    RV[0] += 1
    return str(RV[0])


def status(code, reason, message, name=None, resource=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
            "reason": reason, "code": code}
    if name is not None:
        group = RESOURCES.get(resource, ("",))[0]
        body["details"] = {"name": name, "kind": resource, **({"group": group} if group else {})}
    return code, body


def merge_patch(target, patch):
    """RFC 7386; strategic merge patch is treated the same (maps merge, lists replace), which covers
    metadata.labels / annotations as the executor uses them."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            result.pop(k, None)
        else:
            result[k] = merge_patch(result.get(k), v)
    return result


def store_object(resource, ns, obj, create):
    meta = obj.setdefault("metadata", {})
    meta["namespace"] = ns
    if create:
        meta["uid"] = str(uuid.uuid4())
        meta["creationTimestamp"] = now()
    meta["resourceVersion"] = next_rv()
    group, version, kind = RESOURCES[resource]
    obj["apiVersion"] = (group + "/" if group else "") + version
    obj["kind"] = kind
    STORE[(resource, ns, meta["name"])] = obj
    return obj


def validate_size(resource, name, obj):
    if len(json.dumps(obj)) > MAX_OBJECT:
        return status(413, "RequestEntityTooLarge", "etcdserver: request is too large", name, resource)
    annotations = obj.get("metadata", {}).get("annotations") or {}
    if sum(len(k) + len(v) for k, v in annotations.items()) > MAX_ANNOTATIONS:
        return status(422, "Invalid", '%s "%s" is invalid: metadata.annotations: Too long: must have at most 262144 bytes'
                      % (RESOURCES[resource][2], name), name, resource)
    return None


def discovery(path):
    if path == "/version":
        return 200, {"major": "1", "minor": "32", "gitVersion": "v1.32.0-argoexec-fake", "platform": "linux/amd64"}
    if path == "/api":
        return 200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []}
    if path == "/apis":
        return 200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{"name": "argoproj.io",
                     "versions": [{"groupVersion": "argoproj.io/v1alpha1", "version": "v1alpha1"}],
                     "preferredVersion": {"groupVersion": "argoproj.io/v1alpha1", "version": "v1alpha1"}}]}
    for gv, prefix in (("v1", "/api/v1"), ("argoproj.io/v1alpha1", "/apis/argoproj.io/v1alpha1")):
        if path == prefix:
            group = gv.split("/")[0] if "/" in gv else ""
            res = [{"name": r, "singularName": k.lower(), "namespaced": True, "kind": k,
                    "verbs": ["create", "delete", "get", "list", "patch", "update"]}
                   for r, (g, _, k) in RESOURCES.items() if g == group]
            return 200, {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": res}
    return None


def parse_path(path):
    """-> (resource, namespace, name) for /api/v1/... and /apis/argoproj.io/v1alpha1/..."""
    parts = [p for p in path.split("/") if p]
    if parts[:2] == ["api", "v1"]:
        rest = parts[2:]
    elif parts[:3] == ["apis", "argoproj.io", "v1alpha1"]:
        rest = parts[3:]
    else:
        return None
    if len(rest) >= 3 and rest[0] == "namespaces" and rest[2] in RESOURCES:
        return rest[2], rest[1], (rest[3] if len(rest) > 3 else None)
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, code, body, extra=None):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else None
        with LOCK:
            user = USERS.get(token) if token else None
            code, body, extra = self.route(path, raw, user)
            entry = {"time": time.time(), "method": self.command, "path": self.path, "user": (user or {}).get("name"),
                     "contentType": self.headers.get("Content-Type"), "status": code}
            if raw:
                try:
                    entry["body"] = json.loads(raw)
                except ValueError:
                    entry["rawBody"] = raw.decode("utf-8", "replace")
            with open(os.path.join(STATE, "requests.jsonl"), "a") as log:
                log.write(json.dumps(entry) + "\n")
        self.send_json(code, body, extra)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def route(self, path, raw, user):
        global USERS
        if user is None:
            return status(401, "Unauthorized", "Unauthorized") + ({},)
        if path.startswith("/_fake/"):
            if "*" not in user.get("allow", []):
                return status(403, "Forbidden", "fake control needs a '*' user") + ({},)
            req = json.loads(raw or b"{}")
            if path == "/_fake/outage":
                OUTAGE["until"] = time.time() + float(req.get("seconds", 3))
                OUTAGE["status"] = int(req.get("status", 503))
            elif path == "/_fake/tokens":
                USERS = req
            return 200, {"ok": True}, {}
        if time.time() < OUTAGE["until"]:
            code = OUTAGE["status"]
            reason = "TooManyRequests" if code == 429 else "ServiceUnavailable"
            return status(code, reason, "the fake API server is in a simulated outage") + ({"Retry-After": "1"},)
        d = discovery(path)
        if d:
            return d + ({},)
        target = parse_path(path)
        if not target:
            return status(404, "NotFound", "the server could not find the requested resource") + ({},)
        resource, ns, name = target
        verb = {"GET": "get" if name else "list", "POST": "create", "PUT": "update", "PATCH": "patch",
                "DELETE": "delete"}[self.command]
        allow = user.get("allow", [])
        if "*" not in allow and ("%s %s" % (verb, resource)) not in allow:
            group = RESOURCES[resource][0]
            return status(403, "Forbidden", '%s is forbidden: User "%s" cannot %s resource "%s" in API group "%s" in the namespace "%s"'
                          % (resource + ("." + group if group else "") + (' "%s"' % name if name else ""),
                             user.get("name"), verb, resource, group, ns), name, resource) + ({},)
        if len(raw) > MAX_BODY:
            return status(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728") + ({},)
        key = (resource, ns, name)
        kind = RESOURCES[resource][2]
        if verb == "list":
            items = [o for (r, n, _), o in sorted(STORE.items()) if r == resource and n == ns]
            return 200, {"kind": kind + "List", "apiVersion": "v1", "metadata": {"resourceVersion": str(RV[0])}, "items": items}, {}
        if verb == "get":
            if key not in STORE:
                return status(404, "NotFound", '%s "%s" not found' % (resource, name), name, resource) + ({},)
            return 200, STORE[key], {}
        if verb == "delete":
            if key not in STORE:
                return status(404, "NotFound", '%s "%s" not found' % (resource, name), name, resource) + ({},)
            return 200, STORE.pop(key), {}
        try:
            body = json.loads(raw)
        except ValueError as e:
            return status(400, "BadRequest", "invalid JSON: %s" % e) + ({},)
        if verb == "create":
            name = body.get("metadata", {}).get("name")
            if not name:
                return status(422, "Invalid", "%s is invalid: metadata.name: Required value" % kind) + ({},)
            if (resource, ns, name) in STORE:
                return status(409, "AlreadyExists", '%s "%s" already exists' % (resource, name), name, resource) + ({},)
            bad = validate_size(resource, name, body)
            if bad:
                return bad + ({},)
            return 201, store_object(resource, ns, body, True), {}
        if key not in STORE:
            return status(404, "NotFound", '%s "%s" not found' % (resource, name), name, resource) + ({},)
        current = STORE[key]
        if verb == "update":
            sent_rv = body.get("metadata", {}).get("resourceVersion")
            if sent_rv and sent_rv != current["metadata"]["resourceVersion"]:
                return status(409, "Conflict", 'Operation cannot be fulfilled on %s "%s": the object has been modified; '
                              'please apply your changes to the latest version and try again' % (resource, name), name, resource) + ({},)
            body.setdefault("metadata", {})["uid"] = current["metadata"]["uid"]
            body["metadata"]["creationTimestamp"] = current["metadata"]["creationTimestamp"]
            merged = body
        else:
            ctype = (self.headers.get("Content-Type") or "").split(";")[0]
            if ctype not in ("application/merge-patch+json", "application/strategic-merge-patch+json"):
                return status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types "
                              "include: application/merge-patch+json, application/strategic-merge-patch+json") + ({},)
            if ctype == "application/strategic-merge-patch+json" and RESOURCES[resource][0]:
                return status(415, "UnsupportedMediaType", "strategic merge patch is not supported for custom resources") + ({},)
            sent_rv = (body.get("metadata") or {}).get("resourceVersion")
            if sent_rv and sent_rv != current["metadata"]["resourceVersion"]:
                return status(409, "Conflict", 'Operation cannot be fulfilled on %s "%s": the object has been modified' % (resource, name),
                              name, resource) + ({},)
            merged = merge_patch(current, body)
            merged["metadata"]["name"] = name
        bad = validate_size(resource, name, merged)
        if bad:
            return bad + ({},)
        return 200, store_object(resource, ns, merged, False), {}


def make_certificates():
    script = """set -e; cd "$1"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=kube-fake-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=kubernetes 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc' > ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null
"""
    subprocess.run(["sh", "-c", script, "sh", STATE], check=True)


def main():
    os.makedirs(STATE, exist_ok=True)
    make_certificates()
    for obj in CONFIG.get("objects", []):
        resource = KINDS[obj["kind"]]
        store_object(resource, obj["metadata"].get("namespace", "default"), copy.deepcopy(obj), True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(STATE, "server.pem"), os.path.join(STATE, "server.key"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(os.path.join(STATE, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(STATE, "port.tmp"), os.path.join(STATE, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
