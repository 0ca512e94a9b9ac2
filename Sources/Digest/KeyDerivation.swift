internal import CArgon2
import Core

/// Password-based key derivation on libargon2 (the reference implementation Go's x/crypto/argon2 matches).
public enum KeyDerivation {
    /// Argon2id, version 0x13. `memoryKiB` is the memory cost in KiB, `lanes` the parallelism.
    public static func argon2id(password: [UInt8], salt: [UInt8], iterations: UInt32, memoryKiB: UInt32, lanes: UInt32,
                                length: Int) throws(ExecError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let rc = password.withUnsafeBytes { p in
            salt.withUnsafeBytes { s in
                out.withUnsafeMutableBytes { o in
                    argon2id_hash_raw(iterations, memoryKiB, lanes, p.baseAddress, p.count, s.baseAddress, s.count,
                                      o.baseAddress, o.count)
                }
            }
        }
        guard rc == ARGON2_OK.rawValue else {
            let message = argon2_error_message(rc).map { String(cString: $0) } ?? "error \(rc)"
            throw ExecError(.internal, "argon2id key derivation failed: \(message)")
        }
        return out
    }

    /// The S3 SSE-C key Argo (minio-go `encrypt.DefaultPBKDF`) derives from a secret: Argon2id(secret,
    /// salt = bucket + object key, t=1, m=64 MiB, p=4, 32 bytes). Objects Argo wrote stay readable.
    public static func s3CustomerKey(secret: [UInt8], bucket: String, key: String) throws(ExecError) -> [UInt8] {
        try argon2id(password: secret, salt: Array((bucket + key).utf8), iterations: 1, memoryKiB: 64 * 1024, lanes: 4, length: 32)
    }
}
