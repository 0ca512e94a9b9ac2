"""What the loopback fakes (hack/oss-fake.py, hack/azure-fake.py) share: reading a request body as
http.server leaves it to the handler, chunked transfer encoding (the SDKs stream some bodies) or Content-Length."""


def read_body(handler):
    """The request body of a BaseHTTPRequestHandler, de-chunked; trailers are skipped."""
    if "chunked" in (handler.headers.get("Transfer-Encoding") or "").lower():
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""
