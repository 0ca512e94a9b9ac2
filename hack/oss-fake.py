#!/usr/bin/env python3
"""An Alibaba OSS fake on loopback, for argoexec's tests (docs/artifacts.md, "Alibaba OSS": there is no OSS emulator).

Stdlib only, in memory. Verifies every request's signature strictly: V1 (`OSS ak:base64(HMAC-SHA1)`, with
x-oss-* headers and signed sub-resources) and V4 (`OSS4-HMAC-SHA256`, region scope), the date skew, the
STS security token of temporary keys, and Content-MD5. Path style (`/bucket/key`) or virtual-hosted
(`bucket.<domain>`). Buckets (ListBuckets, PutBucket, lifecycle, logging), objects (PUT, GET with Range,
HEAD, DELETE), ListObjects V1 (marker) and V2 (continuation token), `encoding-type=url`, multipart
(initiate, parts, complete with ETag checks, abort), `x-oss-hash-crc64ecma` on every object answer, XML
errors as OSS writes them. STS AssumeRoleWithOIDC (`POST /?Action=AssumeRoleWithOIDC`, anonymous) issues
temporary keys, and `GET /credentials` answers as an `ALIBABA_CLOUD_CREDENTIALS_URI` endpoint would.

Usage: oss-fake.py STATE_DIR CONFIG_JSON
CONFIG_JSON: {"users": {"<ak>": {"secret": "...", "token": "<required STS token or absent>"}},
              "region": "cn-hangzhou", "domain": "localhost", "buckets": ["argo-oss"],
              "oidc": {"roleArn": "...", "providerArn": "...", "token": "..."}}
Control (unsigned): POST /_fake/fault {"count": N, "status": 503, "code": "ServiceUnavailable",
"method": "PUT", "query": "partNumber", "drop": false, "badCrc": false} makes the next N matching requests
fail (or answer with a wrong CRC); GET /_fake/state dumps buckets, objects (size, md5, crc64), lifecycle and
logging documents and open uploads. Requests are logged to STATE_DIR/requests.jsonl; the port is written to
STATE_DIR/port once ready.
"""
import base64, datetime, email.utils, hashlib, hmac, json, os, sys, threading, time, uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote
from fake_http import read_body

STATE, CONFIG = sys.argv[1], json.loads(sys.argv[2])
LOCK = threading.Lock()
USERS = dict(CONFIG.get("users", {}))
REGION = CONFIG.get("region", "cn-hangzhou")
DOMAIN = CONFIG.get("domain", "localhost")
BUCKETS = {b: {"objects": {}, "lifecycle": None, "logging": None, "created": time.time()} for b in CONFIG.get("buckets", [])}
UPLOADS = {}  # upload id -> {"bucket", "key", "parts": {n: (etag, bytes)}}
FAULTS = []
SKEW = 15 * 60
SUBRESOURCES = {
    "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append", "tagging",
    "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style", "styleName", "replication",
    "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live", "status", "vod",
    "startTime", "endTime", "symlink", "x-oss-process", "response-content-type", "response-content-language",
    "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
    "restore", "callback", "callback-var", "stat", "encryption", "versions", "versioning", "versionId",
    "requestPayment", "x-oss-request-payer", "sequential", "inventory", "inventoryId", "continuation-token",
    "asyncFetch", "worm", "wormId", "wormExtend", "policy", "qosInfo", "x-oss-traffic-limit",
}


def crc64(data):
    table = crc64.table
    crc = 0xFFFFFFFFFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFFFFFFFFFF


crc64.table = []
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0xC96C5795D7870F42 if c & 1 else c >> 1
    crc64.table.append(c)
try:  # crcmod's C extension (an oss2 dependency) is much faster, same function
    import crcmod
    crc64 = crcmod.mkCrcFun(0x142F0E1EBA9EA3693, initCrc=0, xorOut=0xFFFFFFFFFFFFFFFF, rev=True)
except ImportError:
    pass


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def v4_encode(text, keep_slash):
    safe = "-_.~" + ("/" if keep_slash else "")
    return quote(text, safe=safe)


class OSSError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # ---- plumbing ----
    def parse(self):
        raw_path, _, raw_query = self.path.partition("?")
        self.query = []
        for part in raw_query.split("&") if raw_query else []:
            k, eq, v = part.partition("=")
            self.query.append((unquote(k), unquote(v)))
        self.params = dict(self.query)
        host = (self.headers.get("Host") or "").split(":")[0]
        path = unquote(raw_path)
        if DOMAIN and host.endswith("." + DOMAIN):
            self.bucket, self.key = host[: -len(DOMAIN) - 1], path[1:]
        else:
            rest = path[1:]
            self.bucket, _, self.key = rest.partition("/")
        self.body = read_body(self)  # chunked (the SDKs stream some bodies) or Content-Length

    def header(self, name):
        return self.headers.get(name) or ""

    def send(self, status, body=b"", headers=None, head=False):
        self.log(status)  # before answering: a client that got its answer finds its request in the log
        self.send_response(status)
        self.send_header("x-oss-request-id", uuid.uuid4().hex[:24].upper())
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and not head:
            self.wfile.write(body)

    def xml(self, status, root):
        self.send(status, b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root), {"Content-Type": "application/xml"})

    def error(self, e):
        self.code = e.code
        root = ET.Element("Error")
        for tag, text in (("Code", e.code), ("Message", e.message), ("RequestId", uuid.uuid4().hex[:24].upper()),
                          ("HostId", self.header("Host"))):
            ET.SubElement(root, tag).text = text
        self.xml(e.status, root)

    def log(self, status):
        if self.bucket == "_fake":
            return
        entry = {"method": self.command, "bucket": self.bucket, "key": self.key, "query": self.query, "auth": self.auth,
                 "status": status, "code": getattr(self, "code", ""), "token": self.header("x-oss-security-token"),
                 "contentType": self.header("Content-Type")}
        with LOCK, open(os.path.join(STATE, "requests.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")

    # ---- authentication ----
    def authenticate(self):
        auth = self.header("Authorization")
        if auth.startswith("OSS4-HMAC-SHA256 "):
            self.auth = "v4"  # logged as such even when the check fails
            return self.verify_v4(auth)
        if auth.startswith("OSS "):
            self.auth = "v1"
            return self.verify_v1(auth)
        raise OSSError(403, "AccessDenied", "anonymous access is not allowed")

    def user(self, ak):
        user = USERS.get(ak)
        if user is None:
            raise OSSError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.")
        if user.get("token") and self.header("x-oss-security-token") != user["token"]:
            raise OSSError(403, "InvalidSecurityToken", "The security token you provided is invalid.")
        if user.get("expires") and user["expires"] < time.time():
            raise OSSError(403, "SecurityTokenExpired", "The security token you provided has expired.")
        return user

    def oss_headers(self, extra=()):
        names = {}
        for k in self.headers.keys():
            lk = k.lower()
            if lk.startswith("x-oss-") or lk in extra:
                names.setdefault(lk, self.headers.get(k))
        return sorted(names.items())

    def verify_v1(self, auth):
        ak, _, signature = auth[4:].partition(":")
        user = self.user(ak)
        date = self.header("x-oss-date") or self.header("Date")
        try:
            when = email.utils.parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            raise OSSError(403, "AccessDenied", "invalid Date header %r" % date)
        if abs(when - time.time()) > SKEW:
            raise OSSError(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
        resource = "/" + (self.bucket + "/" + self.key if self.bucket else "")
        sub = sorted((k, v) for k, v in self.query if k in SUBRESOURCES)
        if sub:
            resource += "?" + "&".join(k + "=" + v if v else k for k, v in sub)
        headers = "".join("%s:%s\n" % kv for kv in self.oss_headers())
        to_sign = "\n".join([self.command, self.header("Content-MD5"), self.header("Content-Type"), date, headers + resource])
        expected = base64.b64encode(hmac.new(user["secret"].encode(), to_sign.encode(), hashlib.sha1).digest()).decode()
        if not hmac.compare_digest(expected, signature):
            raise OSSError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature "
                           "you provided. StringToSign: %r" % to_sign)
        return "v1"

    def verify_v4(self, auth):
        fields = {}
        for part in auth[len("OSS4-HMAC-SHA256 "):].split(","):
            k, _, v = part.strip().partition("=")
            fields[k] = v
        ak, date, region, product, terminator = (fields.get("Credential", "").split("/") + [""] * 5)[:5]
        user = self.user(ak)
        stamp = self.header("x-oss-date")
        try:
            when = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()
        except ValueError:
            raise OSSError(403, "AccessDenied", "invalid x-oss-date %r" % stamp)
        if abs(when - time.time()) > SKEW:
            raise OSSError(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
        if date != stamp[:8] or region != REGION or product != "oss" or terminator != "aliyun_v4_request":
            raise OSSError(403, "SignatureDoesNotMatch", "invalid credential scope %r (region %s)" % (fields.get("Credential"), REGION))
        additional = [h for h in fields.get("AdditionalHeaders", "").split(";") if h]
        uri = v4_encode("/" + (self.bucket + "/" + self.key if self.bucket else ""), True)
        query = "&".join(k + "=" + v if v else k for k, v in sorted((v4_encode(k, False), v4_encode(v, False)) for k, v in self.query))
        headers = "".join("%s:%s\n" % (k, v.strip()) for k, v in self.oss_headers(("content-type", "content-md5", *additional)))
        canonical = "\n".join([self.command, uri, query, headers, ";".join(additional),
                               self.header("x-oss-content-sha256") or "UNSIGNED-PAYLOAD"])
        scope = "%s/%s/oss/aliyun_v4_request" % (date, region)
        to_sign = "OSS4-HMAC-SHA256\n%s\n%s\n%s" % (stamp, scope, hashlib.sha256(canonical.encode()).hexdigest())
        key = ("aliyun_v4" + user["secret"]).encode()
        for part in (date, region, "oss", "aliyun_v4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, fields.get("Signature", "")):
            raise OSSError(403, "SignatureDoesNotMatch", "V4 signature mismatch. CanonicalRequest: %r" % canonical)
        return "v4"

    # ---- dispatch ----
    def handle_any(self):
        self.parse()
        if self.bucket == "_fake":
            return self.control()
        self.auth, self.code = "sts", ""
        if self.command == "POST" and not self.bucket and self.params.get("Action") == "AssumeRoleWithOIDC":
            return self.assume_role_with_oidc()
        if self.command == "GET" and self.bucket == "credentials" and not self.header("Authorization"):
            return self.credentials_uri()
        self.auth, self.code = "none", ""
        try:
            self.auth = self.authenticate()
            fault = self.take_fault()
            if fault and fault.get("drop"):
                self.code = "dropped"
                self.log(0)
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault and not fault.get("badCrc"):
                raise OSSError(fault.get("status", 503), fault.get("code", "ServiceUnavailable"), "injected fault")
            self.bad_crc = bool(fault and fault.get("badCrc"))
            md5 = self.header("Content-MD5")
            if md5 and base64.b64encode(hashlib.md5(self.body).digest()).decode() != md5:
                raise OSSError(400, "InvalidDigest", "The Content-MD5 you specified is not valid.")
            self.route()
        except OSSError as e:
            self.error(e)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any

    def take_fault(self):
        with LOCK:
            for f in FAULTS:
                if f["count"] > 0 and f.get("method", self.command) == self.command and \
                        (not f.get("query") or f["query"] in self.params) and (not f.get("key") or f["key"] == self.key):
                    f["count"] -= 1
                    return f
        return None

    def route(self):
        m, p = self.command, self.params
        if not self.bucket:
            if m == "GET":
                return self.list_buckets()
            raise OSSError(405, "MethodNotAllowed", "service-level %s" % m)
        if not self.key:
            if m == "PUT" and "lifecycle" in p:
                return self.put_bucket_doc("lifecycle", "LifecycleConfiguration")
            if m == "GET" and "lifecycle" in p:
                return self.get_bucket_doc("lifecycle", "NoSuchLifecycle")
            if m == "PUT" and "logging" in p:
                return self.put_bucket_doc("logging", "BucketLoggingStatus")
            if m == "PUT":
                return self.put_bucket()
            if m == "GET":
                return self.list_objects()
            raise OSSError(405, "MethodNotAllowed", "bucket-level %s" % m)
        bucket = self.existing_bucket()
        if m == "POST" and "uploads" in p:
            return self.initiate(bucket)
        if m == "PUT" and "uploadId" in p:
            return self.upload_part()
        if m == "POST" and "uploadId" in p:
            return self.complete(bucket)
        if m == "DELETE" and "uploadId" in p:
            with LOCK:
                UPLOADS.pop(p["uploadId"], None)
            self.send(204)
            return 204
        if m == "PUT":
            return self.put_object(bucket, self.body)
        if m in ("GET", "HEAD"):
            return self.get_object(bucket, head=(m == "HEAD"))
        if m == "DELETE":
            with LOCK:
                bucket["objects"].pop(self.key, None)
            self.send(204)
            return 204
        raise OSSError(405, "MethodNotAllowed", m)

    # ---- buckets ----
    def existing_bucket(self):
        bucket = BUCKETS.get(self.bucket)
        if bucket is None:
            raise OSSError(404, "NoSuchBucket", "The specified bucket does not exist.")
        return bucket

    def list_buckets(self):
        prefix, limit = self.params.get("prefix", ""), int(self.params.get("max-keys", "100"))
        root = ET.Element("ListAllMyBucketsResult")
        owner = ET.SubElement(root, "Owner")
        ET.SubElement(owner, "ID").text = "fake-owner"
        buckets = ET.SubElement(root, "Buckets")
        for name in [b for b in sorted(BUCKETS) if b.startswith(prefix)][:limit]:
            b = ET.SubElement(buckets, "Bucket")
            for tag, text in (("Name", name), ("Location", "oss-" + REGION), ("CreationDate", iso(BUCKETS[name]["created"])),
                              ("ExtranetEndpoint", "oss-%s.aliyuncs.com" % REGION),
                              ("IntranetEndpoint", "oss-%s-internal.aliyuncs.com" % REGION), ("StorageClass", "Standard")):
                ET.SubElement(b, tag).text = text
        self.xml(200, root)
        return 200

    def put_bucket(self):
        with LOCK:
            if self.bucket in BUCKETS:
                raise OSSError(409, "BucketAlreadyExists", "The requested bucket name is not available.")
            if self.body:
                ET.fromstring(self.body)  # must be well-formed
            BUCKETS[self.bucket] = {"objects": {}, "lifecycle": None, "logging": None, "created": time.time()}
        self.send(200)
        return 200

    def put_bucket_doc(self, field, root_tag):
        bucket = self.existing_bucket()
        try:
            root = ET.fromstring(self.body)
        except ET.ParseError:
            raise OSSError(400, "MalformedXML", "The XML you provided was not well-formed.")
        if root.tag != root_tag:
            raise OSSError(400, "MalformedXML", "expected <%s>" % root_tag)
        bucket[field] = self.body.decode()
        self.send(200)
        return 200

    def get_bucket_doc(self, field, missing):
        bucket = self.existing_bucket()
        if not bucket[field]:
            raise OSSError(404, missing, "no %s configuration" % field)
        self.send(200, bucket[field].encode(), {"Content-Type": "application/xml"})
        return 200

    def list_objects(self):
        bucket = self.existing_bucket()
        p = self.params
        v2 = p.get("list-type") == "2"
        prefix, delimiter = p.get("prefix", ""), p.get("delimiter", "")
        limit = int(p.get("max-keys", "100"))
        after = p.get("marker", "")
        if v2:  # the continuation token is opaque (here: the last key, base64)
            token = p.get("continuation-token", "")
            after = base64.urlsafe_b64decode(token).decode() if token else p.get("start-after", "")
        enc = (lambda s: quote(s, safe="")) if p.get("encoding-type") == "url" else (lambda s: s)
        keys, prefixes, truncated, last = [], [], False, ""
        for key in sorted(bucket["objects"]):
            if not key.startswith(prefix) or key <= after:
                continue
            if len(keys) + len(prefixes) >= limit:
                truncated = True
                break
            if delimiter and delimiter in key[len(prefix):]:
                common = key[: len(prefix) + key[len(prefix):].index(delimiter) + 1]
                if common not in prefixes:
                    prefixes.append(common)
                last = key
                continue
            keys.append(key)
            last = key
        root = ET.Element("ListBucketResult")
        ET.SubElement(root, "Name").text = self.bucket
        ET.SubElement(root, "Prefix").text = enc(prefix)
        ET.SubElement(root, "MaxKeys").text = str(limit)
        if p.get("encoding-type") == "url":
            ET.SubElement(root, "EncodingType").text = "url"
        ET.SubElement(root, "IsTruncated").text = "true" if truncated else "false"
        if truncated:
            if v2:
                ET.SubElement(root, "NextContinuationToken").text = base64.urlsafe_b64encode(last.encode()).decode()
            else:
                ET.SubElement(root, "NextMarker").text = enc(last)
        if v2:
            ET.SubElement(root, "KeyCount").text = str(len(keys) + len(prefixes))
        for key in keys:
            obj = bucket["objects"][key]
            c = ET.SubElement(root, "Contents")
            ET.SubElement(c, "Key").text = enc(key)
            ET.SubElement(c, "LastModified").text = iso(obj["mtime"])
            ET.SubElement(c, "ETag").text = '"%s"' % obj["etag"]
            ET.SubElement(c, "Type").text = "Multipart" if "-" in obj["etag"] else "Normal"
            ET.SubElement(c, "Size").text = str(len(obj["data"]))
            ET.SubElement(c, "StorageClass").text = "Standard"
        for common in prefixes:
            ET.SubElement(ET.SubElement(root, "CommonPrefixes"), "Prefix").text = enc(common)
        self.xml(200, root)
        return 200

    # ---- objects ----
    def object_headers(self, obj):
        crc = obj["crc"] + (1 if getattr(self, "bad_crc", False) else 0)
        return {"ETag": '"%s"' % obj["etag"], "x-oss-hash-crc64ecma": str(crc & 0xFFFFFFFFFFFFFFFF),
                "Content-Type": obj["type"], "Last-Modified": email.utils.formatdate(obj["mtime"], usegmt=True)}

    def put_object(self, bucket, data, etag=None):
        obj = {"data": data, "etag": etag or hashlib.md5(data).hexdigest().upper(), "crc": crc64(data),
               "type": self.header("Content-Type") or "application/octet-stream", "mtime": time.time()}
        with LOCK:
            bucket["objects"][self.key] = obj
        self.send(200, b"", self.object_headers(obj))
        return 200

    def get_object(self, bucket, head):
        obj = bucket["objects"].get(self.key)
        if obj is None:
            raise OSSError(404, "NoSuchKey", "The specified key does not exist.")
        data, status, headers = obj["data"], 200, self.object_headers(obj)
        rng = self.header("Range")
        if rng.startswith("bytes="):
            first, _, last = rng[6:].partition("-")
            start, end = int(first or 0), int(last) if last else len(data) - 1
            if start >= len(data):
                raise OSSError(416, "InvalidRange", "The requested range cannot be satisfied.")
            end = min(end, len(data) - 1)
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, end, len(data))
            data, status = data[start:end + 1], 206
        if head:
            self.log(status)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
        else:
            self.send(status, data, headers)
        return status

    def initiate(self, bucket):
        upload = uuid.uuid4().hex.upper()
        with LOCK:
            UPLOADS[upload] = {"bucket": self.bucket, "key": self.key, "parts": {}}
        root = ET.Element("InitiateMultipartUploadResult")
        for tag, text in (("Bucket", self.bucket), ("Key", self.key), ("UploadId", upload)):
            ET.SubElement(root, tag).text = text
        self.xml(200, root)
        return 200

    def upload_part(self):
        upload = UPLOADS.get(self.params["uploadId"])
        if upload is None or upload["key"] != self.key:
            raise OSSError(404, "NoSuchUpload", "The specified upload does not exist.")
        number = int(self.params.get("partNumber", "0"))
        if not 1 <= number <= 10000:
            raise OSSError(400, "InvalidArgument", "Part number must be an integer between 1 and 10000.")
        etag = hashlib.md5(self.body).hexdigest().upper()
        with LOCK:
            upload["parts"][number] = (etag, self.body)
        self.send(200, b"", {"ETag": '"%s"' % etag, "x-oss-hash-crc64ecma": str(crc64(self.body))})
        return 200

    def complete(self, bucket):
        upload = UPLOADS.get(self.params["uploadId"])
        if upload is None or upload["key"] != self.key:
            raise OSSError(404, "NoSuchUpload", "The specified upload does not exist.")
        try:
            parts = [(int(p.findtext("PartNumber")), p.findtext("ETag").strip('"')) for p in ET.fromstring(self.body).iter("Part")]
        except (ET.ParseError, TypeError, ValueError):
            raise OSSError(400, "MalformedXML", "The XML you provided was not well-formed.")
        if not parts or [n for n, _ in parts] != sorted({n for n, _ in parts}):
            raise OSSError(400, "InvalidPartOrder", "The list of parts was not in ascending order.")
        data = b""
        for i, (number, etag) in enumerate(parts):
            have = upload["parts"].get(number)
            if have is None or have[0] != etag:
                raise OSSError(400, "InvalidPart", "One or more of the specified parts could not be found.")
            if i < len(parts) - 1 and len(have[1]) < 100 * 1024:
                raise OSSError(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size.")
            data += have[1]
        with LOCK:
            UPLOADS.pop(self.params["uploadId"], None)
        etag = hashlib.md5(b"".join(bytes.fromhex(e) for _, e in parts)).hexdigest().upper() + "-%d" % len(parts)
        obj = {"data": data, "etag": etag, "crc": crc64(data), "type": "application/octet-stream", "mtime": time.time()}
        with LOCK:
            bucket["objects"][self.key] = obj
        root = ET.Element("CompleteMultipartUploadResult")
        for tag, text in (("Bucket", self.bucket), ("Key", self.key), ("ETag", '"%s"' % etag)):
            ET.SubElement(root, tag).text = text
        self.send(200, ET.tostring(root), {"x-oss-hash-crc64ecma": str(obj["crc"]), "Content-Type": "application/xml"})
        return 200

    # ---- credentials ----
    def issue(self):
        ak, secret, token = "STS.%s" % uuid.uuid4().hex[:16], uuid.uuid4().hex, "sts-%s" % uuid.uuid4().hex
        expires = time.time() + 3600
        with LOCK:
            USERS[ak] = {"secret": secret, "token": token, "expires": expires}
        stamp = datetime.datetime.fromtimestamp(expires, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"AccessKeyId": ak, "AccessKeySecret": secret, "SecurityToken": token, "Expiration": stamp}

    def assume_role_with_oidc(self):
        form = {}
        for part in self.body.decode().split("&"):
            k, _, v = part.partition("=")
            form[unquote(k.replace("+", " "))] = unquote(v.replace("+", " "))
        want = CONFIG.get("oidc", {})
        if not want or form.get("RoleArn") != want.get("roleArn") or form.get("OIDCProviderArn") != want.get("providerArn") \
                or form.get("OIDCToken") != want.get("token"):
            body = {"RequestId": uuid.uuid4().hex, "Code": "AuthenticationFail.OIDCToken.Invalid", "Message": "the OIDC token is invalid"}
            self.code = body["Code"]
            self.send(400, json.dumps(body).encode(), {"Content-Type": "application/json"})
            return
        body = {"RequestId": uuid.uuid4().hex, "Credentials": self.issue(),
                "AssumedRoleUser": {"Arn": want["roleArn"] + "/" + form.get("RoleSessionName", "")}}
        self.send(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    def credentials_uri(self):
        self.auth = "credentials-uri"
        body = dict(self.issue(), Code="Success")
        self.send(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    # ---- control ----
    def control(self):
        if self.command == "POST" and self.key == "fault":
            with LOCK:
                FAULTS.append(json.loads(self.body or b"{}"))
            return self.send(200)
        if self.command == "GET" and self.key == "state":
            with LOCK:
                state = {"buckets": {name: {
                    "objects": {k: {"size": len(o["data"]), "md5": hashlib.md5(o["data"]).hexdigest(), "crc64": o["crc"],
                                    "contentType": o["type"]} for k, o in b["objects"].items()},
                    "lifecycle": b["lifecycle"], "logging": b["logging"]} for name, b in BUCKETS.items()},
                    "uploads": len(UPLOADS)}
            return self.send(200, json.dumps(state).encode(), {"Content-Type": "application/json"})
        self.send(404)


def main():
    os.makedirs(STATE, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(os.path.join(STATE, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(STATE, "port.tmp"), os.path.join(STATE, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
