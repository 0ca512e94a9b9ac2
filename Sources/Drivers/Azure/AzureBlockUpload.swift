import ModelBase
import Core
import Transport

/// One block blob as a `MultipartTarget`: blocks staged in parallel with Put Block, committed in order with
/// Put Block List, each request retried on its own. There is nothing to initiate or abort on the service:
/// the "upload id" is a random tag that makes this upload's block ids its own, and blocks never committed
/// are discarded by the service after a week, so a failed upload leaves no blob (or the previous one intact).
struct AzureBlockUpload: MultipartTarget {
    let client: AzureClient
    let blob: String
    let retry: Backoff

    /// A block may hold up to 4000 MiB (REST version 2019-12-12 and later); 50,000 per blob, of which
    /// `MultipartUpload` uses at most 10,000.
    static let maximumBlockSize: Int64 = 4000 << 20
    static let minimumBlockSize: Int64 = 1 << 20

    var name: String { AzureError.name(client.container, blob) }

    func initiate() throws(ExecError) -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(to: 16)
    }

    /// Ids are base64 of `<tag><6-digit number>`: the same length for every block, as the service requires.
    static func blockID(tag: String, number: Int) -> String {
        Base64.encode(Array((tag + String(number).leftPadded(to: 6)).utf8))
    }

    func uploadPart(uploadID: String, number: Int, body: HTTPRequest.Body) throws(ExecError) -> String {
        let id = Self.blockID(tag: uploadID, number: number)
        try retry.retrySync { () throws(ExecError) in try client.putBlock(blob, id: id, body: body) }
        return id
    }

    func complete(uploadID: String, etags: [String]) throws(ExecError) {
        try retry.retrySync { () throws(ExecError) in try client.putBlockList(blob, ids: etags) }
    }

    func abort(uploadID: String) {}

    func putWhole(_ bytes: [UInt8]) throws(ExecError) {
        try retry.retrySync { () throws(ExecError) in try client.putBlob(blob, body: .bytes(bytes)) }
    }

    /// The block size for a file: the configured size within the service's limits, grown until the file fits
    /// in 10,000 blocks.
    static func blockSize(for size: Int64, configured: Int64) -> Int64 {
        var block = min(max(configured, minimumBlockSize), maximumBlockSize)
        while MultipartUpload.ceilDiv(max(size, 0), block) > Int64(MultipartUpload.maximumParts) && block < maximumBlockSize {
            block = min(block * 2, maximumBlockSize)
        }
        return block
    }
}

extension String {
    /// Zero-padded on the left to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
