import Expr
import Model
import Transport

/// The environment Argo evaluates an HTTP template's `successCondition` in (`workflow/executor/agent.go`):
/// `request.{method,url,body,bodyBytes,headers}` and `response.{statusCode,body,headers}`, headers as Go's
/// `http.Header` (name to array of strings). Request headers are the template's literal ones only (secret
/// values are not exposed, as `HTTPHeaders.ToHeader` skips `valueFrom`); response header names are
/// canonicalised as Go's `textproto.CanonicalMIMEHeaderKey` does.
enum SuccessConditionEnv {
    static func make(_ built: HTTPRequestBuilder.Built, template: HTTPTemplate, response: HTTPResponse, body: String) -> ExprMap {
        var requestHeaders = ExprMap()
        for header in template.headers ?? [] where header.valueFrom == nil {
            requestHeaders[header.name] = .array([.string(header.value ?? "")])  // later duplicates replace, as in Go
        }
        var responseHeaders: [(String, [ExprValue])] = []
        for (name, value) in response.headers {
            let key = canonical(name)
            if let i = responseHeaders.firstIndex(where: { $0.0 == key }) {
                responseHeaders[i].1.append(.string(value))
            } else {
                responseHeaders.append((key, [.string(value)]))
            }
        }
        let request: ExprMap = [
            "method": .string(built.method), "url": .string(template.url ?? ""), "body": .string(built.body),
            "bodyBytes": built.bodyBytes.map { .bytes($0) } ?? .null, "headers": .map(requestHeaders),
        ]
        let answer: ExprMap = [
            "statusCode": .int(Int64(response.status)), "body": .string(body),
            "headers": .map(ExprMap(responseHeaders.map { ($0.0, ExprValue.array($0.1)) })),
        ]
        return ["request": .map(request), "response": .map(answer)]
    }

    /// `textproto.CanonicalMIMEHeaderKey`: `content-type` -> `Content-Type`; a name with a byte outside the token
    /// set is returned unchanged.
    static func canonical(_ name: String) -> String {
        guard HTTPRequestBuilder.isToken(name) else { return name }
        var upper = true
        var out = ""
        for c in name {
            out += upper ? c.uppercased() : c.lowercased()
            upper = c == "-"
        }
        return out
    }
}
