import Core
import Transport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One OAuth 2 token request and its answer, as the cloud drivers make them (Entra ID and IMDS for Azure, Google's
/// token endpoint and metadata server for GCS): bounded (30 s, a stall of 30 s, 1 MiB), the JSON document read
/// whatever the status, so each driver words its own errors from `error`/`error_description`.
struct OAuthTokenAnswer {
    /// The token document (`expires_in` is a number from Entra ID and Google, a string from IMDS).
    struct Document: Decodable {
        var access_token: String?
        var expires_in: FlexibleInt?
        var expires_on: FlexibleInt?
        var error: String?
        var error_description: String?
    }

    struct FlexibleInt: Decodable {
        var value: Int64?
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            value = (try? c.decode(Int64.self)) ?? (try? c.decode(String.self)).flatMap { Int64($0) }
        }
    }

    let status: Int
    /// Nil when the body is not a token document.
    let document: Document?

    var succeeded: Bool { (200..<300).contains(status) }

    /// Performs `request`; a transport failure goes through `wrap` (each driver names the call its own way).
    static func fetch(_ request: HTTPRequest, wrap: (ExecError) -> ExecError) throws(ExecError) -> OAuthTokenAnswer {
        var request = request
        request.totalTimeoutSeconds = 30
        request.lowSpeedSeconds = 30
        let sink = MemorySink(limit: 1 << 20)
        let response: HTTPResponse
        do {
            response = try HTTPClient.perform(request, into: sink)
        } catch {
            throw wrap(error)
        }
        let ok = (200..<300).contains(response.status)
        let document = try? JSONDecoder().decode(Document.self, from: Data(ok ? sink.bytes : response.errorBody))
        return OAuthTokenAnswer(status: response.status, document: document)
    }
}
