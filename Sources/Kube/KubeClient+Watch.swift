import Core
import Transport

/// A streamed GET for watches (`?watch=true`): the body goes to `sink` as it arrives instead of being collected,
/// and no low-speed limit applies (a quiet watch sends nothing for minutes). The server ends the stream after
/// the request's `timeoutSeconds`; `limitSeconds` bounds the whole exchange so a connection that died without a
/// FIN cannot hold the caller forever. A non-2xx answer throws as `send` does (a 410 carries reason `Gone`
/// or `Expired`).
extension KubeClient {
    public func stream(_ path: String, into sink: any ByteSink, limitSeconds: Int) throws(ExecError) {
        func attempt() throws(ExecError) -> HTTPResponse {
            var headers = [("Accept", "application/json"), ("User-Agent", "argoexec-swift")]
            if let token = config.token { headers.append(("Authorization", "Bearer " + (try token.current()))) }
            var request = HTTPRequest(method: "GET", url: config.server + path, headers: headers)
            request.caFile = config.caFile
            request.caPEM = config.caPEM
            request.connectTimeoutMs = 10_000
            request.lowSpeedSeconds = 0  // CURLOPT_LOW_SPEED_TIME 0: no stall check on a watch
            request.totalTimeoutSeconds = limitSeconds
            return try HTTPClient.perform(request, into: sink)
        }
        var response = try attempt()
        if response.status == 401, let token = config.token, token.isRefreshable {
            token.invalidate()
            response = try attempt()
        }
        guard (200..<300).contains(response.status) else { throw KubeStatus.error(response, method: "GET", path: path) }
    }
}
