import Foundation

/// A TCP proxy on loopback in front of a real server that injects faults by a fixed schedule, one entry per
/// connection (argoexec opens one connection per request): `ok` forwards, `drop` forwards the request and
/// cuts the response after 300 bytes, `503` answers S3's `SlowDown`, `expired` answers `ExpiredToken`, `stall` holds the connection silent
/// for 4 s, `trickle` sends the headers at once and then the body at 5 bytes/s, `cut-nolength` answers without
/// Content-Length and closes after 40% of the body. Deterministic, so a test knows exactly which transfers were hit.
public final class FaultProxy {
    public let endpoint: String  // host:port
    private let process: Process

    static let script = #"""
    import socket, sys, threading, time
    listen, upstream, schedule = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(',')
    count, lock = [0], threading.Lock()

    def read_request(c):
        data = b''
        while b'\r\n\r\n' not in data:
            chunk = c.recv(65536)
            if not chunk: return data
            data += chunk
        head, rest = data.split(b'\r\n\r\n', 1)
        length = 0
        for line in head.split(b'\r\n')[1:]:
            k, _, v = line.partition(b':')
            if k.strip().lower() == b'content-length': length = int(v.strip())
        while len(rest) < length:
            chunk = c.recv(65536)
            if not chunk: break
            rest += chunk
        return head + b'\r\n\r\n' + rest

    def whole_response(request):
        u = socket.create_connection(('127.0.0.1', upstream))
        u.sendall(request)
        data = b''
        while True:
            chunk = u.recv(65536)
            if not chunk: break
            data += chunk
        u.close()
        head, _, body = data.partition(b'\r\n\r\n')
        return head, body

    def handle(c):
        with lock:
            n = count[0]; count[0] += 1
        fault = schedule[n % len(schedule)]
        try:
            request = read_request(c)
            if fault == '503':
                body = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'
                c.sendall(b'HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' % len(body) + body)
                return
            if fault == 'expired':
                body = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>'
                c.sendall(b'HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' % len(body) + body)
                return
            if fault == 'stall':
                time.sleep(4); return
            if fault == 'cut-nolength':
                # A 200 without Content-Length, closed after 40% of the body: only the announced size tells.
                head, body = whole_response(request)
                lines = [l for l in head.split(b'\r\n') if not l.lower().startswith((b'content-length:', b'connection:'))]
                c.sendall(b'\r\n'.join(lines) + b'\r\nConnection: close\r\n\r\n' + body[:len(body) * 2 // 5])
                return
            if fault == 'trickle':
                head, body = whole_response(request)
                c.sendall(head + b'\r\n\r\n')
                for i in range(len(body)):
                    c.sendall(body[i:i + 1]); time.sleep(0.2)
                return
            u = socket.create_connection(('127.0.0.1', upstream))
            u.sendall(request)
            sent, limit = 0, (300 if fault == 'drop' else None)
            while True:
                chunk = u.recv(65536)
                if not chunk: break
                if limit is not None and sent + len(chunk) >= limit:
                    c.sendall(chunk[:limit - sent]); break
                c.sendall(chunk); sent += len(chunk)
            u.close()
        except OSError:
            pass
        finally:
            try: c.shutdown(socket.SHUT_RDWR)
            except OSError: pass
            c.close()

    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', listen)); s.listen(64)
    print('ready', flush=True)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()
    """#

    /// `upstream` is `http://127.0.0.1:PORT`; `schedule` cycles per connection.
    public init(upstream: String, schedule: [String]) throws {
        try ExternalTool.require("python3")
        let upstreamPort = upstream.split(separator: ":").last.map(String.init) ?? ""
        let port = try MotoServer.freePort()
        endpoint = "127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", Self.script, String(port), upstreamPort, schedule.joined(separator: ",")]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = out.fileHandleForReading.availableData  // "ready" once listening
    }

    /// SIGKILL, for the same reason as MotoServer: an inherited ignored SIGTERM.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
