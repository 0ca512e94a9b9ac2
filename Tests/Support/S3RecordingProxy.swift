import Foundation

/// An HTTP proxy on loopback that records every request (method, absolute URL, Host, SigV4 signing region)
/// and plays AWS's region rules for `*.amazonaws.com` hosts in front of a moto_server, so a client that
/// believes it talks to AWS can be watched choosing hosts. It takes both proxy requests (absolute URL,
/// `http_proxy`) and plain ones (used as an endpoint itself). Requests go to moto with their Host header
/// untouched, so moto checks signatures over the host the client contacted. For an amazonaws.com host,
/// with `buckets` giving each bucket's region, as S3 answers:
/// - GetBucketLocation is answered here (with `denyLocation`, AccessDenied without a region);
/// - a regional endpoint of another region, or the global endpoint path style for a bucket outside
///   us-east-1, gets 301 PermanentRedirect with `x-amz-bucket-region`;
/// - a request signed for another region gets 400 AuthorizationHeaderMalformed with `<Region>`
///   (a HEAD: no body, the region in `x-amz-bucket-region`).
public final class S3RecordingProxy {
    public struct Request: Sendable, Equatable {
        public var method: String
        public var url: String
        public var host: String
        public var region: String
        public var status: Int
    }

    public let endpoint: String  // 127.0.0.1:port
    public var url: String { "http://" + endpoint }
    private let log: String
    private let process: Process

    static let script = #"""
    import http.client, http.server, json, re, sys, threading, urllib.parse
    upstream, log, buckets = int(sys.argv[1]), sys.argv[2], dict(b.split('=') for b in sys.argv[3].split(',') if b)
    deny, everywhere = sys.argv[4] == 'deny', sys.argv[5] == 'any'
    lock = threading.Lock()

    def host_region(host):  # None: global endpoint (us-east-1 for path style)
        m = re.match(r'^(?:s3[.-](?:dualstack\.)?)([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$', host)
        return None if host in ('s3.amazonaws.com', 's3-external-1.amazonaws.com') or not m else m.group(1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        def log_message(self, *a): pass
        def handle_one(self):
            u = urllib.parse.urlsplit(self.path)
            full_host = self.headers.get('Host', u.netloc)
            host = full_host.split(':')[0]
            path = (u.path or '/') + ('?' + u.query if u.query else '')
            auth = self.headers.get('Authorization', '')
            m = re.search(r'Credential=[^/]+/[^/]+/([^/]+)/', auth)
            region = m.group(1) if m else ''
            body = self.rfile.read(int(self.headers.get('Content-Length', 0) or 0))
            status, headers, out = self.decide(host, u, region)
            if status is None:
                c = http.client.HTTPConnection('127.0.0.1', upstream)
                fwd = {k: v for k, v in self.headers.items() if k.lower() not in ('expect', 'proxy-connection', 'connection')}
                c.request(self.command, path, body=body or None, headers=fwd)
                r = c.getresponse()
                status, out = r.status, r.read()
                headers = [(k, v) for k, v in r.getheaders() if k.lower() not in ('transfer-encoding', 'connection', 'content-length')]
                length = r.getheader('Content-Length') if self.command == 'HEAD' else str(len(out))
                headers.append(('Content-Length', length or '0'))
                c.close()
            else:
                headers.append(('Content-Length', '0' if self.command == 'HEAD' else str(len(out))))
            with lock, open(log, 'a') as f:
                f.write(json.dumps({'method': self.command, 'url': 'http://' + full_host + path, 'host': full_host,
                                    'region': region, 'status': status}) + '\n')
            self.send_response(status)
            for k, v in headers: self.send_header(k, v)
            self.end_headers()
            if self.command != 'HEAD': self.wfile.write(out)

        def decide(self, host, u, signed):
            aws = host.endswith(('.amazonaws.com', '.amazonaws.com.cn'))
            if not aws and not everywhere: return None, [], b''
            virtual, hr, bucket = False, None, u.path.lstrip('/').split('/')[0]
            if aws:
                virtual = host_region(host) is None and host not in ('s3.amazonaws.com', 's3-external-1.amazonaws.com')
                endpoint = host.split('.', 1)[1] if virtual else host
                bucket = host.split('.', 1)[0] if virtual else bucket
                hr = host_region(endpoint)
            where = buckets.get(bucket)
            if where is None: return None, [], b''
            def error(status, code, extra=''):
                body = ('<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message>%s</Error>' % (code, code, extra)).encode()
                return status, [('Content-Type', 'application/xml'), ('x-amz-bucket-region', where)], body
            if 'location' in urllib.parse.parse_qs(u.query, keep_blank_values=True):
                if deny: return 403, [('Content-Type', 'application/xml')], b'<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
                constraint = '' if where == 'us-east-1' else where
                return 200, [('Content-Type', 'application/xml')], ('<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">%s</LocationConstraint>' % constraint).encode()
            if aws and ((hr is not None and hr != where) or (hr is None and not virtual and where != 'us-east-1')):
                return error(301, 'PermanentRedirect', '<Endpoint>%s.s3.%s.amazonaws.com</Endpoint>' % (bucket, where))
            if signed != where:
                return error(400, 'AuthorizationHeaderMalformed', '<Region>%s</Region>' % where)
            return None, [], b''

        do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = handle_one

    s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    print(s.server_address[1], flush=True)
    s.serve_forever()
    """#

    /// `upstream` is moto's `http://127.0.0.1:PORT`; `buckets` maps bucket names to their AWS region.
    /// `anyHost`: other hosts too get GetBucketLocation answered here and wrongly signed requests refused
    /// (as MinIO with a region does), path style only and without redirects.
    public init(upstream: String, buckets: [String: String], denyLocation: Bool = false, anyHost: Bool = false) throws {
        let upstreamPort = upstream.split(separator: ":").last.map(String.init) ?? ""
        log = NSTemporaryDirectory() + "s3-proxy-\(UUID().uuidString).jsonl"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", Self.script, upstreamPort, log,
                             buckets.map { "\($0.key)=\($0.value)" }.joined(separator: ","), denyLocation ? "deny" : "allow", anyHost ? "any" : "aws"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let port = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Int(port) != nil else { throw MotoServer.SetupError(message: "recording proxy did not start") }
        endpoint = "127.0.0.1:\(port)"
    }

    /// Every request so far, in the order they were answered.
    public func requests() -> [Request] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Request(method: o["method"] as? String ?? "", url: o["url"] as? String ?? "", host: o["host"] as? String ?? "",
                           region: o["region"] as? String ?? "", status: o["status"] as? Int ?? 0)
        }
    }

    public func clear() { try? Data().write(to: URL(fileURLWithPath: log)) }

    /// SIGKILL, for the same reason as MotoServer: an inherited ignored SIGTERM.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: log)
    }
}
