import Core
import ModelBase

/// The checks Argo's `auth` makes before connecting (`ssh.ParsePrivateKey` from golang.org/x/crypto/ssh), with its
/// texts: a PEM block must be there, of a type it knows, and not passphrase protected (Argo passes no passphrase).
/// The key itself is parsed by libssh2 when it is used.
enum SSHPrivateKey {
    static let types = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY"]

    static func validate(_ text: String) throws(ExecError) {
        guard let begin = text.firstRange(ofText: "-----BEGIN "), let dashes = text[begin.upperBound...].firstRange(ofText: "-----") else {
            throw ExecError(.badRequest, "ssh: no key found")
        }
        let type = String(text[begin.upperBound..<dashes.lowerBound])
        guard let end = text[dashes.upperBound...].firstRange(ofText: "-----END \(type)-----") else {
            throw ExecError(.badRequest, "ssh: no key found")
        }
        let body = text[dashes.upperBound..<end.lowerBound]
        // Legacy PEM encryption is a header (`Proc-Type: 4,ENCRYPTED`); OpenSSH's is the cipher name inside.
        if body.contains(text: "Proc-Type:") && body.contains(text: "ENCRYPTED") { throw passphrase }
        guard types.contains(type) else { throw ExecError(.badRequest, "ssh: unsupported key type \"\(type)\"") }
        if type == "OPENSSH PRIVATE KEY" {
            let base64 = String(body.filter { !$0.isWhitespace })
            guard let bytes = Base64Decoding.decode(base64), let cipher = openSSHCipher(bytes) else {
                throw ExecError(.badRequest, "ssh: invalid openssh private key format")
            }
            if cipher != "none" { throw passphrase }
        }
    }

    static var passphrase: ExecError { ExecError(.badRequest, "ssh: this private key is passphrase protected") }

    /// `openssh-key-v1\0`, then the cipher name as a length-prefixed string (OpenSSH's PROTOCOL.key).
    static func openSSHCipher(_ bytes: [UInt8]) -> String? {
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard bytes.count >= magic.count + 4, Array(bytes[0..<magic.count]) == magic else { return nil }
        let at = magic.count
        let length = bytes[at..<at + 4].reduce(0) { ($0 << 8) | Int($1) }
        guard length <= bytes.count - at - 4 else { return nil }
        return String(decoding: bytes[(at + 4)..<(at + 4 + length)], as: UTF8.self)
    }
}
