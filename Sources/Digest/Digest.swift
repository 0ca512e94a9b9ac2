internal import CCrypto
import Core

/// SHA-256, MD5 and HMAC-SHA256/SHA1 on OpenSSL's libcrypto (the library libcurl links anyway; docs/build.md, "The static build").
/// Used by request signing (SigV4, OSS) and upload checksums.
public enum Digest {
    public enum Algorithm: Sendable {
        case sha256, sha1, md5

        var evp: OpaquePointer? {
            switch self {
            case .sha256: EVP_sha256()
            case .sha1: EVP_sha1()
            case .md5: EVP_md5()
            }
        }
    }

    /// One-shot digest of `bytes`.
    public static func hash(_ algorithm: Algorithm, _ bytes: some Collection<UInt8>) throws(ExecError) -> [UInt8] {
        let hasher = try Hasher(algorithm)
        try hasher.update(bytes)
        return try hasher.finish()
    }

    public static func sha256(_ bytes: some Collection<UInt8>) throws(ExecError) -> [UInt8] { try hash(.sha256, bytes) }
    public static func md5(_ bytes: some Collection<UInt8>) throws(ExecError) -> [UInt8] { try hash(.md5, bytes) }

    /// HMAC of `message` under `key` (OpenSSL's one-shot `HMAC()`).
    public static func hmac(_ algorithm: Algorithm, key: [UInt8], message: some Collection<UInt8>) throws(ExecError) -> [UInt8] {
        let msg = Array(message)
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = key.withUnsafeBytes { k in
            msg.withUnsafeBytes { m in
                out.withUnsafeMutableBytes { o in
                    HMAC(algorithm.evp, k.baseAddress, Int32(k.count), m.baseAddress?.assumingMemoryBound(to: UInt8.self),
                         m.count, o.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        guard ok != nil else { throw Digest.error("HMAC") }
        return Array(out.prefix(Int(length)))
    }

    /// Lower-case hex.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// OpenSSL's version text, for `argoexec version`.
    public static var libraryVersion: String { String(cString: OpenSSL_version(OPENSSL_VERSION)) }

    /// An error carrying OpenSSL's own message for the last failure.
    static func error(_ operation: String) -> ExecError {
        let code = ERR_get_error()
        var buf = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buf, buf.count)
        let text = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return ExecError(.internal, "\(operation) failed: \(code == 0 ? "unknown OpenSSL error" : text)")
    }
}
