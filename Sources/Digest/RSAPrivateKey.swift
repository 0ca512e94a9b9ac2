internal import CCrypto
import Core

/// An RSA private key held by libcrypto (an `EVP_PKEY`), read from memory and never written anywhere: a
/// GCS service-account key's `private_key` (docs/artifacts.md#gcs). What golang.org/x/oauth2's
/// `internal.ParseKey` accepts is accepted here: PEM with a PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE
/// KEY`) body, or the same as bare DER. Encrypted PEM is refused instead of prompting on a terminal.
/// Errors never quote the key. Not Sendable (it owns a C handle): holders that cross threads keep the bytes
/// and parse them where they sign.
public final class RSAPrivateKey {
    private let key: OpaquePointer

    public init(pem: [UInt8]) throws(ExecError) {
        ERR_clear_error()
        guard let parsed = Self.readPEM(pem) ?? Self.readDER(pem) else {
            ERR_clear_error()
            throw ExecError(.badRequest, "private key should be a PEM or plain PKCS1 or PKCS8 (the key is not quoted)")
        }
        guard EVP_PKEY_get_base_id(parsed) == EVP_PKEY_RSA else {
            EVP_PKEY_free(parsed)
            throw ExecError(.badRequest, "private key is invalid: not an RSA key (RS256 needs one)")
        }
        key = parsed
    }

    deinit { EVP_PKEY_free(key) }

    /// The key size in bits (2048 for keys Google issues).
    public var bits: Int { Int(EVP_PKEY_get_bits(key)) }

    /// RSASSA-PKCS1-v1_5 over SHA-256 (JWS `RS256`) of `message`.
    public func signSHA256(_ message: [UInt8]) throws(ExecError) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw Digest.error("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, EVP_sha256(), nil, key) == 1 else { throw Digest.error("EVP_DigestSignInit") }
        var length = 0
        let sized = message.withUnsafeBytes { m in
            EVP_DigestSign(ctx, nil, &length, m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count)
        }
        guard sized == 1, length > 0 else { throw Digest.error("EVP_DigestSign") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = signature.withUnsafeMutableBytes { s in
            message.withUnsafeBytes { m in
                EVP_DigestSign(ctx, s.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                               m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count)
            }
        }
        guard signed == 1 else { throw Digest.error("EVP_DigestSign") }
        return Array(signature.prefix(length))
    }

    /// A PEM private key from a memory BIO; the password callback answers "no password", so an encrypted
    /// key fails instead of reading one from the terminal (OpenSSL's default callback would).
    private static func readPEM(_ bytes: [UInt8]) -> OpaquePointer? {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        return bytes.withUnsafeBytes { raw -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
    }

    /// DER: PKCS#8 or PKCS#1, whichever the bytes are (`d2i_AutoPrivateKey`).
    private static func readDER(_ bytes: [UInt8]) -> OpaquePointer? {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        return bytes.withUnsafeBytes { raw -> OpaquePointer? in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return d2i_AutoPrivateKey(nil, &cursor, raw.count)
        }
    }
}
