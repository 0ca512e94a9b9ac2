#!/usr/bin/env python3
"""A recording, fault-injecting HTTP proxy in front of fake-gcs-server (docs/build.md, "Test peers").

usage: gcs-proxy.py STATE_DIR UPSTREAM_PORT

Every request is forwarded to 127.0.0.1:UPSTREAM_PORT with its Host header and logged to
STATE_DIR/requests.jsonl (method, path, Authorization, Content-Range, fault, status). Faults come from
STATE_DIR/schedule (a comma-separated list, one entry per request in arrival order from the moment the
file changed, `ok` past its end):
`ok`; `503` and `403` (a JSON API error answered here); `drop` (forwarded, then the answer's
headers without its body and a closed connection); `cut` (forwarded, headers and 40% of the body, then closed); `stall`
(forwarded, then 4 s of silence and a closed connection).

fake-gcs-server 1.54 appends every chunk it gets and commits an upload on a status query
(`Content-Range: bytes */N`, fakestorage/upload.go uploadFileContent), so the resumable protocol is
completed here as GCS documents it: the proxy remembers what each session persisted (from the upstream's
308 `Range` or its final 200), answers status queries itself, and trims a re-sent chunk to the bytes the
session lacks before forwarding it.
"""
import http.client, http.server, json, os, re, sys, threading, time, urllib.parse

state, upstream = sys.argv[1], int(sys.argv[2])
lock = threading.Lock()
counter = [0, '']
sessions = {}  # upload_id -> {'persisted': n, 'done': (status, headers, body) or None}


def next_fault():
    try:
        text = open(os.path.join(state, 'schedule')).read()
    except OSError:
        text = ''
    schedule = [s.strip() for s in text.split(',') if s.strip()]
    with lock:
        if text != counter[1]:  # a new schedule counts from its first request
            counter[0], counter[1] = 0, text
        n = counter[0]
        counter[0] += 1
    return schedule[n] if n < len(schedule) else 'ok'


def error_body(code, reason, message):
    return json.dumps({'error': {'code': code, 'message': message, 'errors': [{'domain': 'global', 'reason': reason, 'message': message}]}}).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *a):
        pass

    def record(self, fault, status):
        entry = {'method': self.command, 'path': self.path, 'authorization': self.headers.get('Authorization', ''),
                 'range': self.headers.get('Content-Range', ''), 'get_range': self.headers.get('Range', ''), 'fault': fault, 'status': status}
        with lock:
            with open(os.path.join(state, 'requests.jsonl'), 'a') as f:
                f.write(json.dumps(entry) + '\n')

    def reply(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Connection', 'close')
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def forward(self, body):
        c = http.client.HTTPConnection('127.0.0.1', upstream, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ('connection', 'expect', 'content-length')}
        c.request(self.command, self.path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        out = [(k, v) for k, v in r.getheaders() if k.lower() not in ('content-length', 'connection', 'transfer-encoding')]
        c.close()
        return r.status, out, data

    def session_step(self, upload_id, body):
        """The resumable protocol as GCS runs it; returns the answer, or None to forward `body` as is."""
        m = re.match(r'bytes (\*|(\d+)-(\d+))/(\*|\d+)$', self.headers.get('Content-Range', ''))
        s = sessions.setdefault(upload_id, {'persisted': 0, 'done': None})
        if s['done']:
            return s['done'], None
        if not m:
            return None, body
        if m.group(1) == '*' and not body and not (m.group(4) != '*' and int(m.group(4)) == s['persisted']):
            rng = [('Range', 'bytes=0-%d' % (s['persisted'] - 1))] if s['persisted'] else []
            return (308, rng, b''), None
        if m.group(2) is not None:
            start = int(m.group(2))
            if start > s['persisted']:
                return (400, [], error_body(400, 'invalid', 'chunk starts after the persisted bytes')), None
            skip = s['persisted'] - start
            body = body[skip:]
            self.headers.replace_header('Content-Range', 'bytes %d-%s/%s' % (s['persisted'], m.group(3), m.group(4)))
        return None, body

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        fault = next_fault()
        if fault in ('503', '403'):
            code = int(fault)
            reason = 'backendError' if code == 503 else 'forbidden'
            message = 'Backend Error' if code == 503 else 'argo@test.iam.gserviceaccount.com does not have storage.objects access'
            self.record(fault, code)
            return self.reply(code, [('Content-Type', 'application/json')], error_body(code, reason, message))
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        upload_id = (query.get('upload_id') or [None])[0] if self.command == 'PUT' else None
        answer = None
        if upload_id:
            answer, body = self.session_step(upload_id, body)
        if answer is None:
            answer = self.forward(body)
            if upload_id:
                s = sessions[upload_id]
                status, headers, _ = answer
                if status == 308:
                    rng = dict((k.lower(), v) for k, v in headers).get('range', '')
                    s['persisted'] = int(rng.split('-')[1]) + 1 if rng else s['persisted']
                elif status in (200, 201):
                    s['done'] = answer
        status, headers, data = answer
        if fault == 'stall':
            self.record(fault, 0)
            time.sleep(4)
            self.close_connection = True
            return
        if fault in ('drop', 'cut'):
            self.record(fault, 0)
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            if fault == 'cut':
                self.wfile.write(data[:len(data) * 2 // 5])
            self.wfile.flush()
            self.close_connection = True
            return
        self.record(fault, status)  # before answering, so a client that has its answer finds the record
        self.reply(status, headers, data)

    do_GET = do_PUT = do_POST = do_DELETE = handle_any


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
with open(os.path.join(state, 'port.tmp'), 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(state, 'port.tmp'), os.path.join(state, 'port'))
server.serve_forever()
