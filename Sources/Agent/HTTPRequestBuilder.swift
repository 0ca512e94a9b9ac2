import Core
import Model
import Transport

/// Turns an `http` template into a request as Go's `http.NewRequestWithContext` and the agent's header loop build
/// it (Argo's `workflow/executor/agent.go` `executeHTTPTemplateRequest`): an empty method is GET; `bodyFrom`
/// wins over `body`; a `Host` header sets the request's host; `valueFrom.secretKeyRef` values are read through
/// the API. Header names and values Go would refuse (CR, LF, NUL, non-token names) are refused here too, which
/// also keeps them from reaching curl's header list.
struct HTTPRequestBuilder: Sendable {
    let secret: @Sendable (SecretKeySelector) throws(ExecError) -> [UInt8]

    struct Built: Sendable {
        var request: HTTPRequest
        var method: String
        var body: String
        var bodyBytes: [UInt8]?
    }

    func build(_ http: HTTPTemplate) throws(ExecError) -> Built {
        let method = http.method.flatMap { $0.isEmpty ? nil : $0 } ?? "GET"  // Go: "" means GET
        guard Self.isToken(method) else { throw ExecError(.badRequest, "net/http: invalid method \(GoQuote.quote(method))") }
        let url = http.url ?? ""
        var bodyBytes: [UInt8]?
        if let from = http.bodyFrom {
            // Go's []byte field arrives base64-encoded; a value that is not is this node's failure.
            guard let bytes = Base64.decodeIfValid(from.bytes ?? "") else {
                throw ExecError(.badRequest, "illegal base64 data in bodyFrom.bytes")
            }
            bodyBytes = bytes
        }
        let payload = bodyBytes ?? Array((http.body ?? "").utf8)
        var headers: [(String, String)] = []
        for header in http.headers ?? [] {
            var value = header.value ?? ""
            if let ref = header.valueFrom?.secretKeyRef {
                value = String(decoding: try secret(ref), as: UTF8.self)
            }
            guard Self.isToken(header.name) else {
                throw ExecError(.badRequest, "net/http: invalid header field name \(GoQuote.quote(header.name))")
            }
            guard !value.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0 }) else {
                throw ExecError(.badRequest, "net/http: invalid header field value for \(GoQuote.quote(header.name))")
            }
            switch header.name.lowercased() {
            case "host":
                // `request.Host = value`: one host, the last one given.
                headers.removeAll { $0.0 == "Host" }
                headers.append(("Host", value))
            case "content-length", "transfer-encoding":
                continue  // Go's transport frames the body itself and ignores these request headers
            default:
                headers.append((header.name, value))
            }
        }
        if !headers.contains(where: { $0.0.lowercased() == "user-agent" }) {
            headers.append(("User-Agent", "Go-http-client/1.1"))  // what the Go agent's requests carry
        }
        var request = HTTPRequest(method: method, url: url, headers: headers, body: payload.isEmpty ? .none : .bytes(payload))
        request.insecureSkipVerify = http.insecureSkipVerify ?? false
        request.followRedirects = true  // http.DefaultClient follows up to 10 redirects
        request.connectTimeoutMs = 30_000  // net.Dialer's 30 s in http.DefaultTransport
        request.lowSpeedSeconds = 0  // Go has no stall check; the template's timeout bounds the exchange
        return Built(request: request, method: http.method ?? "", body: http.body ?? "", bodyBytes: bodyBytes)
    }

    /// RFC 7230 token characters (Go's `httpguts.ValidHeaderFieldName` and `validMethod`).
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            default: "!#$%&'*+-.^_`|~".utf8.contains(c)
            }
        }
    }
}
