#!/usr/bin/env python3
"""Google's token endpoints on loopback for the GCS driver tests (docs/build.md, "Test peers").

usage: gcp-token-server.py STATE_DIR CONFIG_JSON

CONFIG_JSON: {"public_key": PEM of the service account's key, "email": client_email, "scopes": the scope
claims accepted, "expires_in": seconds, "client_id"/"client_secret"/"refresh_token": the authorized_user triple}.

POST /token checks what Google's endpoint checks for a JWT bearer grant: the assertion's header (RS256,
kid), its claims (iss = email, scope, aud = this endpoint's URL, iat not in the future, exp = iat + 1 h, not
expired) and its RS256 signature with the public key (the `cryptography` package); a refresh_token grant
must carry the configured triple. GET /computeMetadata/v1/instance/service-accounts/default/token answers
only with `Metadata-Flavor: Google`. Tokens are `tok-<n>`. STATE_DIR/mode switches the answers at run time:
`ok`, `deny` (400 invalid_grant), `garbage` (200 with a body that is not JSON), `notoken` (200 without
access_token), `500`. Every request is appended to STATE_DIR/requests.jsonl; the port is written to
STATE_DIR/port once listening.
"""
import base64, http.server, json, os, sys, threading, time, urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

state, config = sys.argv[1], json.loads(sys.argv[2])
public_key = serialization.load_pem_public_key(config['public_key'].encode()) if config.get('public_key') else None
lock, issued = threading.Lock(), [0]


def b64(part):
    return base64.urlsafe_b64decode(part + '=' * (-len(part) % 4))


def mode():
    try:
        return open(os.path.join(state, 'mode')).read().strip() or 'ok'
    except OSError:
        return 'ok'


def check_assertion(assertion, audience):
    parts = assertion.split('.')
    if len(parts) != 3:
        return 'assertion is not a JWS'
    header, claims = json.loads(b64(parts[0])), json.loads(b64(parts[1]))
    if header.get('alg') != 'RS256' or header.get('typ') != 'JWT':
        return 'bad header %r' % header
    if config.get('kid') and header.get('kid') != config['kid']:
        return 'bad kid'
    now = int(time.time())
    if claims.get('scope') not in config.get('scopes', []):
        return 'claim scope is %r, expected one of %r' % (claims.get('scope'), config.get('scopes'))
    expect = {'iss': config.get('email'), 'aud': audience}
    for k, v in expect.items():
        if claims.get(k) != v:
            return 'claim %s is %r, expected %r' % (k, claims.get(k), v)
    if not isinstance(claims.get('iat'), int) or claims['iat'] > now + 5 or claims.get('exp') != claims['iat'] + 3600 or claims['exp'] <= now:
        return 'bad iat/exp %r/%r' % (claims.get('iat'), claims.get('exp'))
    try:
        public_key.verify(b64(parts[2]), (parts[0] + '.' + parts[1]).encode(), padding.PKCS1v15(), hashes.SHA256())
    except Exception:
        return 'bad signature'
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *a):
        pass

    def answer(self, status, body, record):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        record['status'] = status
        with lock:  # logged before answering, so a client that has its answer finds the record
            with open(os.path.join(state, 'requests.jsonl'), 'a') as f:
                f.write(json.dumps(record) + '\n')
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def issue(self, record):
        m = mode()
        if m == 'deny':
            return self.answer(400, {'error': 'invalid_grant', 'error_description': 'Invalid JWT Signature.'}, record)
        if m == '500':
            return self.answer(500, {'error': 'internal_failure'}, record)
        if m == 'garbage':
            return self.answer(200, b'<html>not json</html>', record)
        if m == 'notoken':
            return self.answer(200, {'token_type': 'Bearer', 'expires_in': 3600}, record)
        with lock:
            issued[0] += 1
            token = 'tok-%d' % issued[0]
        record['token'] = token
        self.answer(200, {'access_token': token, 'token_type': 'Bearer', 'expires_in': config.get('expires_in', 3600)}, record)

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers.get('Content-Length') or 0)).decode())
        get = lambda k: (form.get(k) or [''])[0]
        record = {'path': self.path, 'grant': get('grant_type')}
        audience = 'http://%s%s' % (self.headers.get('Host'), self.path)
        if self.path != '/token':
            return self.answer(404, {'error': 'not_found'}, record)
        if get('grant_type') == 'urn:ietf:params:oauth:grant-type:jwt-bearer':
            problem = check_assertion(get('assertion'), audience)
        elif get('grant_type') == 'refresh_token':
            triple = (get('client_id'), get('client_secret'), get('refresh_token'))
            want = (config.get('client_id'), config.get('client_secret'), config.get('refresh_token'))
            problem = None if triple == want else 'wrong client or refresh token'
        else:
            problem = 'unsupported grant_type'
        if problem:
            record['error'] = problem
            return self.answer(400, {'error': 'invalid_grant', 'error_description': problem}, record)
        self.issue(record)

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        record = {'path': u.path, 'flavor': self.headers.get('Metadata-Flavor', ''),
                  'scopes': (urllib.parse.parse_qs(u.query).get('scopes') or [''])[0]}
        if u.path != '/computeMetadata/v1/instance/service-accounts/default/token':
            return self.answer(404, {'error': 'not_found'}, record)
        if self.headers.get('Metadata-Flavor') != 'Google':
            return self.answer(403, {'error': 'Missing required header: Metadata-Flavor'}, record)
        self.issue(record)


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
with open(os.path.join(state, 'port.tmp'), 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(state, 'port.tmp'), os.path.join(state, 'port'))
server.serve_forever()
