import ModelBase
import Core
import Digest

/// RS256 JSON Web Tokens (RFC 7515/7519), as golang.org/x/oauth2's `jws.Encode` writes them for the
/// service-account JWT bearer grant (docs/artifacts.md#gcs): base64url without padding of the header
/// `{"alg":"RS256","typ":"JWT"[,"kid":...]}` and of the claims, joined by `.`, then the RSASSA-PKCS1-v1_5
/// SHA-256 signature of that text. The key is parsed by libcrypto from memory, never written to a file.
public struct JWTSigner: Sendable {
    /// A claim value: JWT claims here are strings (iss, scope, aud) and NumericDates (iat, exp).
    public enum Claim: Sendable, Equatable {
        case string(String)
        case number(Int64)
    }

    /// The key as given; parsed (and checked) once here, then again for each signature, which happens once
    /// an hour: the libcrypto handle never has to be shared between threads.
    private let privateKey: [UInt8]
    /// The service-account key's `private_key_id`, sent as `kid` so Google picks the right public key.
    public let keyID: String?
    /// The key size in bits.
    public let keyBits: Int

    public init(privateKeyPEM: [UInt8], keyID: String?) throws(ExecError) {
        keyBits = try RSAPrivateKey(pem: privateKeyPEM).bits
        privateKey = privateKeyPEM
        self.keyID = keyID.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The signed token for `claims`, in their given order.
    public func sign(_ claims: [(String, Claim)]) throws(ExecError) -> String {
        var header: [(String, Claim)] = [("alg", .string("RS256")), ("typ", .string("JWT"))]
        if let keyID { header.append(("kid", .string(keyID))) }
        let signingInput = Self.base64URL(Array(Self.json(header).utf8)) + "." + Self.base64URL(Array(Self.json(claims).utf8))
        let signature = try RSAPrivateKey(pem: privateKey).signSHA256(Array(signingInput.utf8))
        return signingInput + "." + Self.base64URL(signature)
    }

    /// Base64url without padding (RFC 7515 §2).
    public static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Base64.encode(bytes)
        while text.hasSuffix("=") { text.removeLast() }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    /// A flat JSON object of the members in order (what Go's encoding/json writes for jws.ClaimSet).
    static func json(_ members: [(String, Claim)]) -> String {
        "{" + members.map { name, value in
            let encoded = switch value {
            case .string(let s): LogLine.jsonString(s)
            case .number(let n): String(n)
            }
            return LogLine.jsonString(name) + ":" + encoded
        }.joined(separator: ",") + "}"
    }
}
