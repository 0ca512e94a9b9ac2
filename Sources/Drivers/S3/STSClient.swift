import Core
import Model
import Digest
import Signing
import Transport

/// The two AWS STS calls the credential chain needs (Argo's `workflow/artifacts/s3/s3.go`): AssumeRoleWithWebIdentity (IRSA:
/// unsigned, the projected service-account token proves who we are) and AssumeRole (signed with base
/// credentials). Query-protocol POSTs, XML answers.
public struct STSClient: Sendable {
    /// `https://sts.amazonaws.com`, a regional endpoint, or a test server (`AWS_ENDPOINT_URL_STS`).
    public var endpoint: String
    public var region: String
    public var caFile: String?

    public init(endpoint: String, region: String, caFile: String? = nil) {
        self.endpoint = PathRules.trimmingTrailingSlashes(endpoint)
        self.region = region
        self.caFile = caFile
    }

    /// The endpoint the AWS SDK picks: regional for a region (`.com.cn` in China), else the global one.
    public static func defaultEndpoint(region: String?) -> String {
        guard let region, !region.isEmpty else { return "https://sts.amazonaws.com" }
        return "https://sts.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : "")
    }

    /// Temporary credentials and when they stop working.
    public struct Temporary: Sendable {
        public var credentials: AWSCredentials
        public var expiration: UTCTime?
    }

    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String) throws(ExecError) -> Temporary {
        try call("AssumeRoleWithWebIdentity", [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token)],
                 signWith: nil)
    }

    public func assumeRole(roleARN: String, sessionName: String, credentials: AWSCredentials) throws(ExecError) -> Temporary {
        try call("AssumeRole", [("RoleArn", roleARN), ("RoleSessionName", sessionName)], signWith: credentials)
    }

    private func call(_ action: String, _ parameters: [(String, String)], signWith credentials: AWSCredentials?) throws(ExecError) -> Temporary {
        let form = ([("Action", action), ("Version", "2011-06-15")] + parameters)
            .map { SigV4Signer.uriEncode($0.0) + "=" + SigV4Signer.uriEncode($0.1) }.joined(separator: "&")
        let body = Array(form.utf8)
        guard let schemeEnd = endpoint.firstRange(ofText: "://") else {
            throw ExecError(.badRequest, "STS endpoint \(endpoint) needs a scheme (https://...)")
        }
        let host = String(endpoint[schemeEnd.upperBound...].prefix { $0 != "/" })
        var headers = [("Host", host), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        if let credentials {
            let signer = SigV4Signer(region: region, service: "sts")
            let request = SigV4Signer.Request(method: "POST", path: "/", headers: headers, payloadHash: Digest.hex(try Digest.sha256(body)))
            headers += try signer.sign(request, credentials: credentials, at: .now())
        }
        var http = HTTPRequest(method: "POST", url: endpoint + "/", headers: headers, body: .bytes(body))
        http.caFile = caFile
        let sink = MemorySink()
        let response = try HTTPClient.perform(http, into: sink)
        guard response.status == 200 else {
            let xml = XMLScanner(response.errorBody)
            let code = xml.first("Code") ?? "HTTP \(response.status)"
            throw ExecError(response.status == 403 ? .forbidden : .internal,
                            "STS \(action) for \(parameters[0].1): \(code): \(xml.first("Message") ?? "status \(response.status)")",
                            context: ["endpoint": endpoint], transient: response.status >= 500 || response.status == 429 || code == "Throttling")
        }
        let xml = XMLScanner(sink.bytes)
        guard let id = xml.first("AccessKeyId"), let secret = xml.first("SecretAccessKey") else {
            throw ExecError(.internal, "STS \(action): no credentials in the response", context: ["endpoint": endpoint])
        }
        return Temporary(credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: xml.first("SessionToken")),
                         expiration: xml.first("Expiration").flatMap(UTCTime.parseRFC3339))
    }
}
