#!/usr/bin/env python3
"""An Azure Blob service fake on loopback, for argoexec's tests (docs/artifacts.md, "Azure").

Stdlib only; blobs in memory or, with "disk": true, in files under STATE_DIR/data. Authenticates every request
strictly: Shared Key (recomputes the string-to-sign as the service does: the eleven standard headers with
Content-Length empty when 0, the x-ms-* headers in the service's collation order, "/<account><raw path>" and the
sorted query lines; x-ms-date within 15 minutes), service SAS (sr=c|b; the string-to-sign of sv 2015-04-05,
2018-11-09 and 2020-12-06 onwards) and account SAS (sv before and from 2020-12-06), with expiry, start,
protocol, IP and permission checks, and bearer tokens this fake issued. Answers 403 AuthenticationFailed (401 for
bearer tokens) otherwise, with the string-to-sign it used in AuthenticationErrorDetail.

Addressing as Azurite does: hosts starting with 127.0.0.1 or localhost take the account from the first path segment
(http://127.0.0.1:PORT/<account>/<container>/<blob>); any other host is "<account>.<anything>". Operations: create,
get properties, delete and list containers; Put Blob; Put Block and Put Block List (committed and uncommitted blocks,
equal block id lengths); Get Block List; Get Blob with Range / x-ms-range (206, Content-Range, 416 InvalidRange),
If-Match / If-None-Match; HEAD; Delete Blob; List Blobs with prefix, delimiter, marker, maxresults (NextMarker).
Errors are the service's XML (<Error><Code/><Message/></Error>) with x-ms-error-code; a missing container answers
ContainerNotFound.

Identity: POST /<tenant>/oauth2/v2.0/token (client credentials with a client secret or a client assertion, scope
https://storage.azure.com/.default) and GET /metadata/identity/oauth2/token (IMDS, Metadata: true) issue bearer
tokens valid for "tokenLifetime" seconds.

Usage: azure-fake.py STATE_DIR CONFIG_JSON
CONFIG_JSON: {"accounts": {"<name>": {"key": "<base64>", "containers": ["argo"]}}, "disk": false, "closeConnections": false,
              "oauth": {"tenant": "...", "clientId": "...", "clientSecret": "...", "assertion": "..."},
              "imds": {"clientId": "<optional user-assigned id>"}, "tokenLifetime": 3600}
Control (unauthenticated, path /_fake/...): POST /_fake/fault {"count": N, "method": "GET", "query": "comp",
"blob": "<name>", "status": 503, "code": "ServerBusy", "drop": false, "stall": 0, "replace": false} makes the next N
matching requests fail: with that status, by closing the connection (a GET after sending the headers and half the
body), or by stalling `stall` seconds (a GET after half the body) and closing; `replace` then rewrites the blob (alone:
the request is answered normally first). POST /_fake/expire-tokens revokes every issued
token. GET /_fake/state dumps containers, blobs (size, md5, contentMD5, committed blocks) and uncommitted blocks.
Requests are logged to STATE_DIR/requests.jsonl; the port is written to STATE_DIR/port once ready.
"""
import base64, datetime, email.utils, hashlib, hmac, ipaddress, json, os, sys, threading, time, uuid
import xml.etree.ElementTree as ET
from functools import cmp_to_key
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote
from fake_http import read_body

STATE, CONFIG = sys.argv[1], json.loads(sys.argv[2])
LOCK = threading.RLock()
ACCOUNTS = CONFIG.get("accounts", {})
DISK, CLOSE = bool(CONFIG.get("disk")), bool(CONFIG.get("closeConnections"))
OAUTH, IMDS = CONFIG.get("oauth"), CONFIG.get("imds")
LIFETIME = int(CONFIG.get("tokenLifetime", 3600))
CONTAINERS = {}  # (account, container) -> {"blobs": {name: blob}, "blocks": {name: {id: Data}}, "created", "etag"}
TOKENS = {}  # token -> expiry (epoch seconds)
FAULTS = []
SKEW = 15 * 60
SERIAL = [0x8D000000000000]
STORAGE_SCOPE, STORAGE_RESOURCE = "https://storage.azure.com/.default", "https://storage.azure.com"

# The service's header-name collation (primary weights; '-' and "'" count only at the last level), as
# azure-storage-blob's _storage_header_sort reproduces it.
LV0 = {'!': 1820, '#': 1823, '$': 1825, '%': 1827, '&': 1829, '*': 1837, '+': 2051, '.': 1843, '^': 1859, '_': 1860,
       '`': 1864, '|': 1868, '~': 1872}
LV0.update({c: w for c, w in zip("0123456789", (3331, 3354, 3356, 3358, 3360, 3362, 3364, 3366, 3368, 3370))})
for _c, _w in zip("abcdefghijklmnopqrstuvwxyz", (3586, 3593, 3594, 3610, 3617, 3619, 3621, 3628, 3634, 3637, 3638, 3656, 3665,
                                                 3696, 3708, 3710, 3721, 3722, 3729, 3737, 3743, 3746, 3748, 3750, 3751, 3753)):
    LV0[_c] = LV0[_c.upper()] = _w
LV4 = {"'": 32786, '-': 33298}


def collate(lhs, rhs):
    tables, level, i, j = (LV0, LV4), 0, 0, 0
    while level < 2:
        if level == 1 and i != j:
            return -1 if i > j else 1
        w1 = tables[level].get(lhs[i], 0) if i < len(lhs) else 1
        w2 = tables[level].get(rhs[j], 0) if j < len(rhs) else 1
        if w1 == 1 and w2 == 1:
            i = j = 0
            level += 1
        elif w1 == w2:
            i, j = i + 1, j + 1
        elif w1 == 0:
            i += 1
        elif w2 == 0:
            j += 1
        else:
            return -1 if w1 < w2 else 1
    return 0


def http_date(seconds):
    return email.utils.formatdate(seconds, usegmt=True)


def parse_time(text):
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%MZ", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).replace(tzinfo=datetime.timezone.utc).timestamp()
        except ValueError:
            pass
    if text.endswith("Z") and "." in text:  # 2024-01-01T00:00:00.0000000Z
        return parse_time(text.split(".")[0] + "Z")
    raise ValueError(text)


def new_etag():
    with LOCK:
        SERIAL[0] += 1
        return '"0x%X"' % SERIAL[0]


class Data:
    """Bytes in memory, or a file under STATE_DIR/data with "disk"."""

    def __init__(self, payload=None, path=None, size=0):
        self.payload, self.path, self.size = payload, path, size

    @staticmethod
    def of(payload):
        if not DISK:
            return Data(payload=payload, size=len(payload))
        path = os.path.join(STATE, "data", uuid.uuid4().hex)
        with open(path, "wb") as f:
            f.write(payload)
        return Data(path=path, size=len(payload))

    @staticmethod
    def concat(parts):
        if not DISK:
            payload = b"".join(p.payload for p in parts)
            return Data(payload=payload, size=len(payload))
        path = os.path.join(STATE, "data", uuid.uuid4().hex)
        with open(path, "wb") as out:
            for p in parts:
                for start in range(0, p.size, 1 << 20):
                    out.write(p.read(start, min(start + (1 << 20), p.size)))
        return Data(path=path, size=sum(p.size for p in parts))

    def read(self, start, end):
        if self.payload is not None:
            return self.payload[start:end]
        with open(self.path, "rb") as f:
            f.seek(start)
            return f.read(end - start)

    def md5(self):
        h = hashlib.md5()
        for start in range(0, self.size, 1 << 20):
            h.update(self.read(start, min(start + (1 << 20), self.size)))
        return h


class AzureError(Exception):
    def __init__(self, status, code, message, detail=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message, self.detail, self.headers = status, code, message, detail, headers or {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # ---- plumbing ----
    def parse(self):
        self.raw_path, _, raw_query = self.path.partition("?")
        self.query = []
        for part in raw_query.split("&") if raw_query else []:
            k, _, v = part.partition("=")
            self.query.append((unquote(k), unquote(v)))
        self.params = dict(self.query)
        hostport = self.headers.get("Host") or ""
        host = hostport[1:hostport.find("]")] if hostport.startswith("[") else hostport.split(":")[0]
        segments = self.raw_path.split("/")[1:]
        if host.startswith("127.0.0.1") or host.startswith("localhost") or ":" in host or not host:
            self.account = unquote(segments[0]) if segments else ""
            segments = segments[1:]
        else:
            self.account = host.split(".")[0]
        self.container = unquote(segments[0]) if segments else ""
        self.blob = unquote("/".join(segments[1:])) if len(segments) > 1 and any(segments[1:]) else None
        self.auth, self.code = "none", ""
        self.body = read_body(self)  # chunked (the SDKs stream some bodies) or Content-Length

    def header(self, name):
        return ",".join(self.headers.get_all(name) or [])

    def start(self, status, headers, length):
        self.log(status)  # before answering: a client that got its answer finds its request in the log
        self.send_response(status)
        self.send_header("x-ms-request-id", str(uuid.uuid4()))
        self.send_header("x-ms-version", self.header("x-ms-version") or "2025-01-05")
        for k, v in headers.items():
            self.send_header(k, v)
        if CLOSE:  # one request per connection, for proxies that forward until the server closes
            self.send_header("Connection", "close")
            self.close_connection = True
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def send(self, status, body=b"", headers=None):
        self.start(status, headers or {}, len(body))
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def xml(self, status, root):
        self.send(status, b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root), {"Content-Type": "application/xml"})

    def error(self, e):
        self.code = e.code
        root = ET.Element("Error")
        ET.SubElement(root, "Code").text = e.code
        ET.SubElement(root, "Message").text = "%s\nRequestId:%s\nTime:%s" % (e.message, uuid.uuid4(), http_date(time.time()))
        if e.detail:
            ET.SubElement(root, "AuthenticationErrorDetail").text = e.detail
        body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root)
        self.send(e.status, body, dict({"Content-Type": "application/xml", "x-ms-error-code": e.code}, **e.headers))

    def json(self, status, document):
        self.send(status, json.dumps(document).encode(), {"Content-Type": "application/json"})

    def log(self, status):
        if self.account == "_fake":
            return
        entry = {"method": self.command, "account": self.account, "container": self.container, "blob": self.blob,
                 "query": self.query, "auth": self.auth, "status": status, "code": self.code,
                 "range": self.header("x-ms-range") or self.header("Range"), "ifMatch": self.header("If-Match"),
                 "length": len(getattr(self, "body", b""))}
        with LOCK, open(os.path.join(STATE, "requests.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")

    # ---- dispatch ----
    def handle_any(self):
        self.parse()
        if self.account == "_fake":
            return self.control()
        try:
            if self.command == "POST" and self.raw_path.endswith("/oauth2/v2.0/token"):
                return self.oauth_token()
            if self.command == "GET" and self.raw_path == "/metadata/identity/oauth2/token":
                return self.imds_token()
            self.operation = self.classify()
            self.authenticate()
            fault = self.take_fault()
            if fault and (fault.get("drop") or fault.get("stall")):
                return self.break_connection(fault)
            if fault and not fault.get("replace"):
                raise AzureError(fault.get("status", 503), fault.get("code", "ServerBusy"), "Injected fault.")
            self.route()
            if fault:  # "replace" alone: answered normally, then another writer replaces the blob
                self.replace_blob()
        except AzureError as e:
            self.error(e)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any

    def take_fault(self):
        with LOCK:
            for f in FAULTS:
                if f["count"] > 0 and f.get("method", self.command) == self.command and \
                        (not f.get("query") or f["query"] in self.params) and (not f.get("blob") or f["blob"] == self.blob):
                    f["count"] -= 1
                    return f
        return None

    def break_connection(self, fault):
        self.code = "dropped" if fault.get("drop") else "stalled"
        blob = self.existing_container()["blobs"].get(self.blob) if self.command == "GET" and self.blob else None
        if blob is not None and blob["data"].size > 1:
            half = blob["data"].size // 2
            self.start(200, self.blob_headers(blob), blob["data"].size)
            self.wfile.write(blob["data"].read(0, half))
            self.wfile.flush()
        else:
            self.log(0)
        if fault.get("stall"):
            time.sleep(float(fault["stall"]))
        if fault.get("replace"):  # another writer, between this read and its resume
            self.replace_blob()
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def replace_blob(self):
        """Another writer: the blob's bytes reversed, with a new ETag and MD5."""
        with LOCK:
            blob = CONTAINERS.get((self.account, self.container), {}).get("blobs", {}).get(self.blob)
            if blob is not None:
                payload = blob["data"].read(0, blob["data"].size)[::-1]
                blob.update(data=Data.of(payload), etag=new_etag(), md5=base64.b64encode(hashlib.md5(payload).digest()).decode())

    def classify(self):
        """(permission letters that allow it, the account SAS resource type it needs)."""
        m, p = self.command, self.params
        if not self.container:
            return ("l" if p.get("comp") == "list" else "r", "s")
        if self.blob is None:
            if p.get("restype") != "container":
                raise AzureError(400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.")
            if m == "PUT":
                return ("cw", "c")
            if m == "DELETE":
                return ("d", "c")
            return ("l" if p.get("comp") == "list" else "r", "c")
        if m in ("GET", "HEAD"):
            return ("r", "o")
        if m == "DELETE":
            return ("d", "o")
        return ("wc", "o")

    # ---- authentication ----
    def authenticate(self):
        if "sig" in self.params:
            return self.verify_sas()
        auth = self.header("Authorization")
        if auth.startswith("SharedKey "):
            self.auth = "sharedkey"
            return self.verify_shared_key(auth)
        if auth.startswith("Bearer "):
            self.auth = "bearer"
            return self.verify_bearer(auth[7:])
        raise AzureError(401, "NoAuthenticationInformation",
                         "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.")

    def account_key(self):
        account = ACCOUNTS.get(self.account)
        if account is None:
            raise AzureError(403, "AuthenticationFailed", "Server failed to authenticate the request.", "unknown account %r" % self.account)
        return base64.b64decode(account["key"])

    def need_version(self):
        if not self.header("x-ms-version"):
            raise AzureError(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified.")

    def string_to_sign(self):
        std = ["Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
               "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"]
        lines = [self.command] + ["" if (h == "Content-Length" and self.header(h) == "0") else self.header(h) for h in std]
        xms = sorted({k.lower() for k in self.headers.keys() if k.lower().startswith("x-ms-")}, key=cmp_to_key(collate))
        lines += ["%s:%s" % (k, self.header(k)) for k in xms]
        resource = "/" + self.account + self.raw_path
        grouped = {}
        for k, v in self.query:
            grouped.setdefault(k.lower(), []).append(v)
        for k in sorted(grouped):
            resource += "\n%s:%s" % (k, ",".join(sorted(grouped[k])))
        return "\n".join(lines + [resource])

    def verify_shared_key(self, auth):
        account, _, signature = auth[len("SharedKey "):].partition(":")
        failed = "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature."
        if account != self.account:
            raise AzureError(403, "AuthenticationFailed", failed, "The account %r in the Authorization header is not the account %r of the URL." % (account, self.account))
        key = self.account_key()
        self.need_version()
        stamp = self.header("x-ms-date") or self.header("Date")
        try:
            when = email.utils.parsedate_to_datetime(stamp).timestamp()
        except (TypeError, ValueError):
            raise AzureError(403, "AuthenticationFailed", failed, "The Date header %r is not a valid HTTP date." % stamp)
        if abs(when - time.time()) > SKEW:
            raise AzureError(403, "AuthenticationFailed", failed, "Request date header too old: %r" % stamp)
        to_sign = self.string_to_sign()
        expected = base64.b64encode(hmac.new(key, to_sign.encode(), hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(expected, signature):
            raise AzureError(403, "AuthenticationFailed", failed,
                             "The MAC signature found in the HTTP request '%s' is not the same as any computed signature. "
                             "Server used following string to sign: '%s'." % (signature, to_sign))

    def verify_bearer(self, token):
        self.need_version()
        expiry = TOKENS.get(token)
        if expiry is None or expiry < time.time():
            raise AzureError(401, "InvalidAuthenticationInfo", "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.",
                             headers={"WWW-Authenticate": 'Bearer authorization_uri=https://login.microsoftonline.com/fake/oauth2/authorize '
                                                          'resource_id=https://storage.azure.com error="invalid_token"'})

    def verify_sas(self):
        p = self.params
        key, sv = self.account_key(), p.get("sv", "")
        failed = "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature."
        get = lambda name: p.get(name, "")
        if "ss" in p or "srt" in p:
            self.auth = "sas-account"
            fields = [self.account, get("sp"), get("ss"), get("srt"), get("st"), get("se"), get("sip"), get("spr"), sv]
            to_sign = "\n".join(fields + ([get("ses")] if sv >= "2020-12-06" else [])) + "\n"
        else:
            self.auth = "sas-service"
            if any(k in p for k in ("skoid", "sktid", "skt", "ske", "sks", "skv")):
                raise AzureError(403, "AuthenticationFailed", failed, "user delegation SAS is not supported by the fake")
            if get("si"):
                raise AzureError(403, "AuthenticationFailed", failed, "stored access policies are not supported by the fake")
            sr = get("sr")
            if sr not in ("b", "c") or (sr == "b" and self.blob is None) or not self.container:
                raise AzureError(403, "AuthenticationFailed", failed, "signed resource %r does not cover this request" % sr)
            canonical = "/blob/%s/%s" % (self.account, self.container) + ("/" + self.blob if sr == "b" else "")
            if sv >= "2018-11-09":
                fields = [get("sp"), get("st"), get("se"), canonical, get("si"), get("sip"), get("spr"), sv, sr, get("snapshot")]
                fields += [get("ses")] if sv >= "2020-12-06" else []
            elif sv >= "2015-04-05":
                fields = [get("sp"), get("st"), get("se"), canonical, get("si"), get("sip"), get("spr"), sv]
            else:
                raise AzureError(403, "AuthenticationFailed", failed, "SAS version %r is not supported by the fake" % sv)
            to_sign = "\n".join(fields + [get("rscc"), get("rscd"), get("rsce"), get("rscl"), get("rsct")])
        expected = base64.b64encode(hmac.new(key, to_sign.encode(), hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(expected, get("sig")):
            raise AzureError(403, "AuthenticationFailed", failed, "Signature did not match. String to sign used was %r" % to_sign)
        now = time.time()
        try:
            start, expiry = parse_time(get("st")) if get("st") else None, parse_time(get("se"))
        except ValueError:
            raise AzureError(403, "AuthenticationFailed", failed, "se or st is not a valid time")
        if (start and now < start - SKEW) or now > expiry:
            raise AzureError(403, "AuthenticationFailed", failed, "Signed expiry time [%s] must be after the current time" % get("se"))
        if get("spr") and "http" not in get("spr").split(","):
            raise AzureError(403, "AuthorizationProtocolMismatch", "This request is not authorized to perform this operation using this protocol.")
        if get("sip"):
            low, _, high = get("sip").partition("-")
            client = ipaddress.ip_address(self.client_address[0])
            if not ipaddress.ip_address(low) <= client <= ipaddress.ip_address(high or low):
                raise AzureError(403, "AuthorizationSourceIPMismatch", "This request is not authorized to perform this operation using this source IP.")
        allowed, resource_type = self.operation
        if self.auth == "sas-account" and ("b" not in get("ss") or resource_type not in get("srt")):
            raise AzureError(403, "AuthorizationResourceTypeMismatch", "This request is not authorized to perform this operation using this resource type.")
        if not any(c in get("sp") for c in allowed):
            raise AzureError(403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission.")

    # ---- identity ----
    def issue(self):
        token = "fake-" + uuid.uuid4().hex
        with LOCK:
            TOKENS[token] = time.time() + LIFETIME
        return token

    def oauth_token(self):
        self.auth = "oauth"
        form = {}
        for part in self.body.decode().split("&"):
            k, _, v = part.partition("=")
            form[unquote(k.replace("+", " "))] = unquote(v.replace("+", " "))
        tenant = self.raw_path.split("/")[1]

        def refuse(status, error, description):
            self.code = error
            self.json(status, {"error": error, "error_description": description, "error_codes": [0]})

        if not OAUTH or tenant != OAUTH.get("tenant"):
            return refuse(400, "invalid_request", "AADSTS90002: Tenant '%s' not found." % tenant)
        if form.get("grant_type") != "client_credentials":
            return refuse(400, "unsupported_grant_type", "AADSTS70003: unsupported grant type")
        if form.get("scope") != STORAGE_SCOPE:
            return refuse(400, "invalid_scope", "AADSTS70011: The provided value for scope %s is not valid." % form.get("scope"))
        if form.get("client_id") != OAUTH.get("clientId"):
            return refuse(400, "unauthorized_client", "AADSTS700016: Application with identifier '%s' was not found." % form.get("client_id"))
        if "client_secret" in form:
            if form["client_secret"] != OAUTH.get("clientSecret"):
                return refuse(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
        elif form.get("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
            if form.get("client_assertion") != OAUTH.get("assertion"):
                return refuse(401, "invalid_client", "AADSTS700211: No matching federated identity record found for presented assertion.")
        else:
            return refuse(401, "invalid_client", "AADSTS7000216: client_assertion or client_secret is required.")
        self.json(200, {"token_type": "Bearer", "expires_in": LIFETIME, "ext_expires_in": LIFETIME, "access_token": self.issue()})

    def imds_token(self):
        self.auth = "imds"
        if self.header("Metadata") != "true":
            self.code = "invalid_request"
            return self.json(400, {"error": "invalid_request", "error_description": "Required metadata header not specified"})
        if IMDS is None or (self.params.get("client_id") and self.params["client_id"] != IMDS.get("clientId")):
            self.code = "invalid_request"
            return self.json(400, {"error": "invalid_request", "error_description": "Identity not found"})
        if self.params.get("resource", "").rstrip("/") != STORAGE_RESOURCE:
            self.code = "invalid_resource"
            return self.json(400, {"error": "invalid_resource", "error_description": "AADSTS500011: resource %r not found" % self.params.get("resource")})
        now = int(time.time())
        self.json(200, {"access_token": self.issue(), "client_id": IMDS.get("clientId", "system"), "expires_in": str(LIFETIME),
                        "expires_on": str(now + LIFETIME), "ext_expires_in": str(LIFETIME), "not_before": str(now),
                        "resource": STORAGE_RESOURCE, "token_type": "Bearer"})

    # ---- routing ----
    def route(self):
        m, p = self.command, self.params
        if not self.container:
            if m == "GET" and p.get("comp") == "list":
                return self.list_containers()
            raise AzureError(400, "UnsupportedHttpVerb", "service-level %s is not supported by the fake" % m)
        if self.blob is None:
            if m == "PUT":
                return self.create_container()
            if m == "DELETE":
                with LOCK:
                    if CONTAINERS.pop((self.account, self.container), None) is None:
                        raise AzureError(404, "ContainerNotFound", "The specified container does not exist.")
                return self.send(202)
            if p.get("comp") == "list":
                return self.list_blobs()
            c = self.existing_container()
            return self.send(200, b"", {"ETag": c["etag"], "Last-Modified": http_date(c["created"])})
        container = self.existing_container()
        if m == "PUT" and p.get("comp") == "block":
            return self.put_block(container)
        if m == "PUT" and p.get("comp") == "blocklist":
            return self.put_block_list(container)
        if m == "GET" and p.get("comp") == "blocklist":
            return self.get_block_list(container)
        if m == "PUT":
            if self.header("x-ms-blob-type") != "BlockBlob":
                raise AzureError(400, "MissingRequiredHeader", "x-ms-blob-type must be BlockBlob (the fake keeps block blobs only).")
            md5 = self.header("Content-MD5")
            digest = base64.b64encode(hashlib.md5(self.body).digest()).decode()
            if md5 and md5 != digest:
                raise AzureError(400, "Md5Mismatch", "The MD5 value specified in the request did not match with the MD5 value calculated by the server.")
            return self.commit(container, Data.of(self.body), [], digest)
        if m in ("GET", "HEAD"):
            return self.get_blob(container)
        if m == "DELETE":
            with LOCK:
                if container["blobs"].pop(self.blob, None) is None:
                    raise AzureError(404, "BlobNotFound", "The specified blob does not exist.")
                container["blocks"].pop(self.blob, None)
            return self.send(202, b"", {"x-ms-delete-type-permanent": "true"})
        raise AzureError(400, "UnsupportedHttpVerb", m)

    def existing_container(self):
        c = CONTAINERS.get((self.account, self.container))
        if c is None:
            raise AzureError(404, "ContainerNotFound", "The specified container does not exist.")
        return c

    def create_container(self):
        with LOCK:
            if (self.account, self.container) in CONTAINERS:
                raise AzureError(409, "ContainerAlreadyExists", "The specified container already exists.")
            CONTAINERS[(self.account, self.container)] = {"blobs": {}, "blocks": {}, "created": time.time(), "etag": '"0x8D0"'}
        self.send(201, b"", {"ETag": '"0x8D0"', "Last-Modified": http_date(time.time())})

    def list_containers(self):
        root = ET.Element("EnumerationResults", ServiceEndpoint="http://%s/%s/" % (self.headers.get("Host"), self.account))
        containers = ET.SubElement(root, "Containers")
        prefix = self.params.get("prefix", "")
        for (account, name), c in sorted(CONTAINERS.items()):
            if account == self.account and name.startswith(prefix):
                e = ET.SubElement(containers, "Container")
                ET.SubElement(e, "Name").text = name
                props = ET.SubElement(e, "Properties")
                ET.SubElement(props, "Last-Modified").text = http_date(c["created"])
                ET.SubElement(props, "Etag").text = c["etag"]
        ET.SubElement(root, "NextMarker")
        self.xml(200, root)

    # ---- blobs ----
    def conditions(self, blob):
        match, none_match = self.header("If-Match"), self.header("If-None-Match")
        if match and (blob is None or (match != "*" and match != blob["etag"])):
            if blob is None and self.command in ("GET", "HEAD"):
                raise AzureError(404, "BlobNotFound", "The specified blob does not exist.")
            raise AzureError(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.")
        if none_match == "*" and blob is not None and self.command == "PUT":
            raise AzureError(409, "BlobAlreadyExists", "The specified blob already exists.")

    def commit(self, container, data, blocks, content_md5):
        with LOCK:
            old = container["blobs"].get(self.blob)
            self.conditions(old)
            if old is not None and self.auth.startswith("sas") and "w" not in self.params.get("sp", ""):  # "c" only creates
                raise AzureError(403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission.")
            now = time.time()
            blob = {"data": data, "md5": content_md5, "etag": new_etag(), "mtime": now, "created": old["created"] if old else now,
                    "type": self.header("x-ms-blob-content-type") or self.header("Content-Type") or "application/octet-stream",
                    "blocks": blocks}
            if blocks:  # Put Block List: the blob's type comes from x-ms-blob-content-type only
                blob["type"] = self.header("x-ms-blob-content-type") or "application/octet-stream"
            container["blobs"][self.blob] = blob
            container["blocks"].pop(self.blob, None)
        headers = {"ETag": blob["etag"], "Last-Modified": http_date(blob["mtime"]), "x-ms-request-server-encrypted": "true"}
        if content_md5:
            headers["Content-MD5"] = content_md5
        self.send(201, b"", headers)

    def block_id(self, container, text):
        try:
            raw = base64.b64decode(text, validate=True)
        except ValueError:
            raise AzureError(400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.")
        if not raw or len(raw) > 64:
            raise AzureError(400, "InvalidQueryParameterValue", "The block id must be at most 64 bytes.")
        known = list(container["blocks"].get(self.blob, {})) + [i for i, _ in container["blobs"].get(self.blob, {}).get("blocks", [])]
        if known and len(base64.b64decode(known[0])) != len(raw):
            raise AzureError(400, "InvalidBlobOrBlock", "The specified blob or block content is invalid.")
        return text

    def put_block(self, container):
        block = self.block_id(container, self.params.get("blockid", ""))
        md5 = base64.b64encode(hashlib.md5(self.body).digest()).decode()
        if self.header("Content-MD5") and self.header("Content-MD5") != md5:
            raise AzureError(400, "Md5Mismatch", "The MD5 value specified in the request did not match with the MD5 value calculated by the server.")
        with LOCK:
            container["blocks"].setdefault(self.blob, {})[block] = Data.of(self.body)
        self.send(201, b"", {"Content-MD5": md5, "x-ms-request-server-encrypted": "true"})

    def put_block_list(self, container):
        try:
            root = ET.fromstring(self.body)
        except ET.ParseError:
            raise AzureError(400, "InvalidXmlDocument", "XML specified is not syntactically valid.")
        uncommitted = container["blocks"].get(self.blob, {})
        committed = dict(container["blobs"].get(self.blob, {}).get("blocks", []))
        chosen = []
        for e in root:
            block = (e.text or "").strip()
            source = {"Latest": uncommitted.get(block) or committed.get(block), "Uncommitted": uncommitted.get(block),
                      "Committed": committed.get(block)}.get(e.tag)
            if source is None:
                raise AzureError(400, "InvalidBlockList", "The specified block list is invalid.")
            chosen.append((block, source))
        self.commit(container, Data.concat([d for _, d in chosen]), chosen, self.header("x-ms-blob-content-md5") or None)

    def get_block_list(self, container):
        which = self.params.get("blocklisttype", "committed")
        root = ET.Element("BlockList")
        for kind, blocks in (("Committed", container["blobs"].get(self.blob, {}).get("blocks", [])),
                             ("Uncommitted", list(container["blocks"].get(self.blob, {}).items()))):
            if which in ("all", kind.lower()):
                group = ET.SubElement(root, kind + "Blocks")
                for block, data in blocks:
                    e = ET.SubElement(group, "Block")
                    ET.SubElement(e, "Name").text = block
                    ET.SubElement(e, "Size").text = str(data.size)
        if self.blob not in container["blobs"] and self.blob not in container["blocks"]:
            raise AzureError(404, "BlobNotFound", "The specified blob does not exist.")
        self.xml(200, root)

    def blob_headers(self, blob):
        return {"ETag": blob["etag"], "Last-Modified": http_date(blob["mtime"]), "x-ms-creation-time": http_date(blob["created"]),
                "Content-Type": blob["type"], "x-ms-blob-type": "BlockBlob", "x-ms-lease-state": "available",
                "x-ms-lease-status": "unlocked", "x-ms-server-encrypted": "true", "Accept-Ranges": "bytes"}

    def get_blob(self, container):
        blob = container["blobs"].get(self.blob)
        self.conditions(blob)
        if blob is None:
            raise AzureError(404, "BlobNotFound", "The specified blob does not exist.")
        data, headers, status = blob["data"], self.blob_headers(blob), 200
        start, end = 0, data.size
        rng = self.header("x-ms-range") or self.header("Range")
        if rng:
            if not rng.startswith("bytes="):
                raise AzureError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format.")
            first, _, last = rng[6:].partition("-")
            start = int(first or 0)
            if start >= data.size:
                raise AzureError(416, "InvalidRange", "The range specified is invalid for the current size of the resource.",
                                 headers={"Content-Range": "bytes */%d" % data.size})
            end = min(int(last) + 1, data.size) if last else data.size
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, end - 1, data.size)
            status = 206
            if blob["md5"]:
                headers["x-ms-blob-content-md5"] = blob["md5"]
        elif blob["md5"]:
            headers["Content-MD5"] = blob["md5"]
        self.start(status, headers, end - start)
        if self.command == "HEAD":
            return
        for offset in range(start, end, 1 << 20):
            self.wfile.write(data.read(offset, min(offset + (1 << 20), end)))

    def list_blobs(self):
        container = self.existing_container()
        p = self.params
        prefix, delimiter, marker = p.get("prefix", ""), p.get("delimiter", ""), p.get("marker", "")
        try:
            limit = min(int(p.get("maxresults", "5000")), 5000)
        except ValueError:
            limit = 0
        if limit < 1:
            raise AzureError(400, "OutOfRangeQueryParameterValue", "One of the query parameters specified in the request URI is outside the permissible range.")
        after = base64.urlsafe_b64decode(marker.encode()).decode() if marker else ""
        items, prefixes, next_marker = [], [], ""
        for name in sorted(container["blobs"]):
            if not name.startswith(prefix) or (after and name <= after):
                continue
            if len(items) + len(prefixes) >= limit:
                next_marker = base64.urlsafe_b64encode(last.encode()).decode()
                break
            last = name
            if delimiter and delimiter in name[len(prefix):]:
                common = name[:len(prefix) + name[len(prefix):].index(delimiter) + len(delimiter)]
                if common not in prefixes:
                    prefixes.append(common)
                continue
            items.append(name)
        root = ET.Element("EnumerationResults", ServiceEndpoint="http://%s/%s/" % (self.headers.get("Host"), self.account),
                          ContainerName=self.container)
        for tag, value in (("Prefix", prefix), ("Marker", marker), ("MaxResults", p.get("maxresults")), ("Delimiter", delimiter)):
            if value:
                ET.SubElement(root, tag).text = value
        blobs = ET.SubElement(root, "Blobs")
        for name in items:
            blob = container["blobs"][name]
            e = ET.SubElement(blobs, "Blob")
            if any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in name):
                ET.SubElement(e, "Name", Encoded="true").text = quote(name, safe="")
            else:
                ET.SubElement(e, "Name").text = name
            props = ET.SubElement(e, "Properties")
            for tag, value in (("Creation-Time", http_date(blob["created"])), ("Last-Modified", http_date(blob["mtime"])),
                               ("Etag", blob["etag"]), ("Content-Length", str(blob["data"].size)), ("Content-Type", blob["type"]),
                               ("Content-MD5", blob["md5"] or ""), ("BlobType", "BlockBlob"), ("AccessTier", "Hot"),
                               ("AccessTierInferred", "true"), ("LeaseStatus", "unlocked"), ("LeaseState", "available"),
                               ("ServerEncrypted", "true")):
                ET.SubElement(props, tag).text = value
        for common in prefixes:
            ET.SubElement(ET.SubElement(blobs, "BlobPrefix"), "Name").text = common
        ET.SubElement(root, "NextMarker").text = next_marker or None
        self.xml(200, root)

    # ---- control ----
    def control(self):
        what = self.container
        if self.command == "POST" and what == "fault":
            with LOCK:
                FAULTS.append(json.loads(self.body or b"{}"))
            return self.send(200)
        if self.command == "POST" and what == "expire-tokens":
            with LOCK:
                for token in TOKENS:
                    TOKENS[token] = 0
            return self.send(200)
        if self.command == "GET" and what == "state":
            with LOCK:
                state = {"%s/%s" % key: {
                    "blobs": {name: {"size": b["data"].size, "md5": b["data"].md5().hexdigest(), "contentMD5": b["md5"],
                                     "blocks": len(b["blocks"]), "contentType": b["type"]} for name, b in c["blobs"].items()},
                    "uncommitted": {name: len(blocks) for name, blocks in c["blocks"].items()}} for key, c in CONTAINERS.items()}
            return self.json(200, state)
        self.send(404)


def main():
    os.makedirs(os.path.join(STATE, "data"), exist_ok=True)
    for account, settings in ACCOUNTS.items():
        for name in settings.get("containers", []):
            CONTAINERS[(account, name)] = {"blobs": {}, "blocks": {}, "created": time.time(), "etag": '"0x8D0"'}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(os.path.join(STATE, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(STATE, "port.tmp"), os.path.join(STATE, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
