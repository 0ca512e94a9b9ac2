internal import CCurl
import Core

/// One HTTP exchange over libcurl, streamed: the request body comes from bytes or a file descriptor, the
/// response body goes to a `ByteSink`, so nothing is buffered whole. Only http and https are allowed, for
/// requests and redirects; TLS is verified unless `insecureSkipVerify`; curl's own error text is kept.
public struct HTTPRequest: Sendable {
    public enum Body: Sendable {
        case none
        case bytes([UInt8])
        /// `length` bytes read from `fd` (not owned) starting at its current offset.
        case file(fd: Int32, length: Int64)
        /// `length` bytes at `offset` of `fd`, read with pread: many requests can share one descriptor
        /// (parallel multipart parts) and a retry re-reads the same range.
        case fileRange(fd: Int32, offset: Int64, length: Int64)
    }

    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Body
    public var caFile: String?
    /// PEM CA certificates that replace the trust store (a `caSecret`), without a temporary file.
    public var caPEM: [UInt8]?
    /// A PEM client certificate and key for mutual TLS (HTTP artifacts' `clientCert`), in memory.
    public var clientCertPEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var insecureSkipVerify = false
    /// Follow redirects (at most 10; http/https only; credentials dropped when the host changes). Off for
    /// signed requests, whose signature covers the host.
    public var followRedirects = false
    /// Explicit proxy and no-proxy list; when nil libcurl applies the standard `http_proxy`, `HTTPS_PROXY`,
    /// `NO_PROXY` environment variables itself.
    public var proxy: String?
    public var noProxy: String?
    public var connectTimeoutMs = 30_000
    /// Abort when slower than `lowSpeedBytesPerSecond` on average for this long (a stalled or trickling
    /// peer: a body sent at 1 byte/s never ends otherwise). The transfer error is transient, so the
    /// caller's retry (a ranged resume for downloads) takes over.
    public var lowSpeedSeconds = 60
    public var lowSpeedBytesPerSecond = 1024
    /// A limit on the whole exchange (API calls: `--request-timeout`); nil for transfers of any length.
    public var totalTimeoutSeconds: Int?

    public init(method: String, url: String, headers: [(String, String)] = [], body: Body = .none) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    /// The body of a non-2xx response (at most 64 KiB); 2xx bodies go to the sink instead.
    public var errorBody: [UInt8] = []

    public var errorText: String { String(decoding: errorBody, as: UTF8.self) }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// `Retry-After` in whole seconds, read as client-go's `retryAfterSeconds` does: `strconv.Atoi`, so
    /// the HTTP-date form, fractions and numbers past Int64 (`99999999999999999999`) are ignored (nil)
    /// rather than turned into a sleep. The value may be 0 or negative; callers only honour positive ones.
    public var retryAfterSeconds: Int64? {
        header("retry-after").flatMap { Int64($0) }  // Int64(String) is Atoi: [+-]digits, range-checked
    }

    /// `Content-Length` as a byte count: nil when absent; a value that is not a non-negative decimal Int64
    /// (`-1`, `18446744073709551616`, `12abc`) is an error, as minio-go's `Content-Length is not an
    /// integer`, instead of a silent 0 or a wrapped size.
    public func contentLength(_ what: String) throws(ExecError) -> Int64? {
        guard let text = header("content-length") else { return nil }
        guard let n = Int64(text), n >= 0, text.first != "+" else {
            throw ExecError(.internal, "\(what): Content-Length \"\(text.prefix(64))\" is not a non-negative integer",
                            status: status)
        }
        return n
    }
}

public enum HTTPClient {
    /// Performs `request`, streaming a 2xx response body into `sink` (nil discards it); other bodies are
    /// returned in `errorBody`. Transport failures
    /// throw with curl's message and are marked transient when a retry can help (connect, timeout, reset).
    public static func perform(_ request: HTTPRequest, into sink: (any ByteSink)?) throws(ExecError) -> HTTPResponse {
        try CurlLibrary.ensureInitialized()
        let exchange = try Exchange(request: request, sink: sink)
        return try exchange.run()
    }
}
