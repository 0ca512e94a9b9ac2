internal import CCrypto
import Core

/// An incremental digest (EVP_MD_CTX) for streams: feed chunks with `update`, then `finish` once.
/// Owns its context and frees it in `deinit` (docs/conventions.md rule 3).
public final class Hasher {
    private let ctx: OpaquePointer
    private var finished = false

    public init(_ algorithm: Digest.Algorithm) throws(ExecError) {
        guard let ctx = EVP_MD_CTX_new() else { throw Digest.error("EVP_MD_CTX_new") }
        self.ctx = ctx
        guard EVP_DigestInit_ex(ctx, algorithm.evp, nil) == 1 else { throw Digest.error("EVP_DigestInit_ex") }
    }

    deinit { EVP_MD_CTX_free(ctx) }

    public func update(_ bytes: some Collection<UInt8>) throws(ExecError) {
        let ok = bytes.withContiguousStorageIfAvailable { buf in EVP_DigestUpdate(ctx, buf.baseAddress, buf.count) }
            ?? Array(bytes).withUnsafeBytes { buf in EVP_DigestUpdate(ctx, buf.baseAddress, buf.count) }
        guard ok == 1 else { throw Digest.error("EVP_DigestUpdate") }
    }

    public func update(_ pointer: UnsafeRawBufferPointer) throws(ExecError) {
        guard EVP_DigestUpdate(ctx, pointer.baseAddress, pointer.count) == 1 else { throw Digest.error("EVP_DigestUpdate") }
    }

    public func finish() throws(ExecError) -> [UInt8] {
        guard !finished else { throw ExecError(.internal, "digest already finished") }
        finished = true
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(ctx, &out, &length) == 1 else { throw Digest.error("EVP_DigestFinal_ex") }
        return Array(out.prefix(Int(length)))
    }
}
