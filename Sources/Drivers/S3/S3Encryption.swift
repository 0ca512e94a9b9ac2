import Core
import Digest
import Model
import Synchronization

/// Server-side encryption of one S3 location (Argo's `workflow/artifacts/s3/s3.go`), applied only with `enableEncryption`:
/// SSE-KMS when a key id is given, SSE-C when a customer key secret is given, else SSE-S3.
public enum S3Encryption: Sendable {
    case none
    /// SSE-S3 / SSE-KMS: headers on uploads (PUT, CreateMultipartUpload) only.
    case uploadHeaders([(String, String)])
    /// SSE-C: a per-object key derived from the secret (Argon2id, as Argo/minio-go), sent on PUT,
    /// CreateMultipartUpload, UploadPart, GET and HEAD.
    case customerKey(secret: [UInt8])

    public init(_ options: S3EncryptionOptions?, secure: Bool, secrets: any SecretResolver) throws(ExecError) {
        guard let options, options.enableEncryption == true else { self = .none; return }
        let kms = options.kmsKeyId ?? ""
        if let customer = options.serverSideCustomerKeySecret, !(customer.name ?? "").isEmpty {
            guard kms.isEmpty else {
                throw ExecError(.badRequest, "s3 encryptionOptions: kmsKeyId and serverSideCustomerKeySecret cannot be used together")
            }
            // S3 refuses customer keys over plain HTTP; Argo says the same before sending anything.
            guard secure else {
                throw ExecError(.badRequest, "s3 encryptionOptions: serverSideCustomerKeySecret needs TLS (secure must be set, insecure: false)")
            }
            self = .customerKey(secret: try secrets.secret(customer))
            return
        }
        guard !kms.isEmpty else { self = .uploadHeaders([("x-amz-server-side-encryption", "AES256")]); return }
        var headers = [("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", kms)]
        if let context = options.kmsEncryptionContext, !context.isEmpty {
            // Base64 of the JSON as AWS documents it (not Argo's double encoding; README "Deviations").
            headers.append(("x-amz-server-side-encryption-context", Base64.encode(Array(context.utf8))))
        }
        self = .uploadHeaders(headers)
    }

    /// Headers for PUT and CreateMultipartUpload of `key`.
    public func forUpload(bucket: String, key: String) throws(ExecError) -> [(String, String)] {
        switch self {
        case .none: []
        case .uploadHeaders(let headers): headers
        case .customerKey(let secret): try Self.customerHeaders(secret: secret, bucket: bucket, key: key)
        }
    }

    /// Headers for GET, HEAD and UploadPart of `key` (only SSE-C needs any).
    public func forRead(bucket: String, key: String) throws(ExecError) -> [(String, String)] {
        guard case .customerKey(let secret) = self else { return [] }
        return try Self.customerHeaders(secret: secret, bucket: bucket, key: key)
    }

    /// Argon2id takes 64 MiB per derivation; one at a time keeps parallel uploads inside the memory budget.
    private static let derivationLock = Mutex(())

    static func customerHeaders(secret: [UInt8], bucket: String, key: String) throws(ExecError) -> [(String, String)] {
        let derived = try derivationLock.withLock { (_) throws(ExecError) -> [UInt8] in
            try KeyDerivation.s3CustomerKey(secret: secret, bucket: bucket, key: key)
        }
        return [
            ("x-amz-server-side-encryption-customer-algorithm", "AES256"),
            ("x-amz-server-side-encryption-customer-key", Base64.encode(derived)),
            ("x-amz-server-side-encryption-customer-key-md5", Base64.encode(try Digest.md5(derived))),
        ]
    }
}
