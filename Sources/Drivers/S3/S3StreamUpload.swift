import Core
import Digest
import Synchronization

/// An upload fed as a stream (a tar.gz being packed) instead of a file: bytes fill a part buffer; each
/// full part is uploaded while the next fills, at most `concurrency` in flight, so memory stays at about
/// part size x (concurrency + 1) whatever the artifact size and no temporary archive touches the disk.
/// A stream that ends inside its first part becomes one PUT. Parts start at 5 MiB and double every 1,000
/// parts (S3 allows unequal parts), so 10,000 parts reach 5 TiB. Any failure aborts the multipart upload:
/// nothing partial is left or reported.
public final class S3StreamUpload: ByteSink, @unchecked Sendable {
    private let multipart: S3Multipart
    private let bucket: String
    private let key: String
    private let headers: [(String, String)]
    private let partHeaders: [(String, String)]
    private let basePartSize: Int
    private var buffer: [UInt8] = []
    private var uploadID: String?
    private var partCount = 0
    private var total: Int64 = 0
    private var finished = false
    private let etags = Mutex<[Int: String]>([:])
    private let queue: BoundedWorkQueue

    init(multipart: S3Multipart, bucket: String, key: String, headers: [(String, String)], partHeaders: [(String, String)],
         basePartSize: Int = Int(S3Multipart.minimumPartSize)) {
        self.multipart = multipart
        self.bucket = bucket
        self.key = key
        self.headers = headers
        self.partHeaders = partHeaders
        self.basePartSize = max(basePartSize, Int(S3Multipart.minimumPartSize))
        queue = BoundedWorkQueue(width: multipart.concurrency, label: "argoexec.s3.stream")
        buffer.reserveCapacity(self.basePartSize)
    }

    /// Bytes accepted so far.
    public var count: Int64 { total }

    private var currentPartSize: Int { basePartSize << min(partCount / 1000, 9) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let take = min(rest.count, currentPartSize - buffer.count)
            buffer += rest.prefix(take)
            rest = rest.dropFirst(take)
            total += Int64(take)
            if buffer.count == currentPartSize { try flushPart() }
        }
    }

    private func flushPart() throws(ExecError) {
        if let error = queue.firstError { throw error }
        guard partCount < Int(S3Multipart.maximumParts) else {
            throw ExecError(.badRequest, "s3://\(bucket)/\(key): the stream needs more than 10,000 parts")
        }
        if uploadID == nil { uploadID = try multipart.initiate(bucket: bucket, key: key, headers: headers) }
        guard let id = uploadID else { return }
        partCount += 1
        let (number, body) = (partCount, buffer)
        buffer = []
        buffer.reserveCapacity(currentPartSize)
        queue.submit { [self] () throws(ExecError) in
            let etag = try multipart.uploadPart(bucket: bucket, key: key, uploadID: id, number: number, body: .bytes(body), headers: partHeaders)
            etags.withLock { $0[number] = etag }
        }
        if let error = queue.firstError { throw error }
    }

    /// Completes the upload (once; a second call, from a producer that finishes its sink, is a no-op).
    public func finish() throws(ExecError) {
        guard !finished else { return }
        finished = true
        do {
            guard uploadID != nil else {
                let body = buffer
                return try multipart.retry.retrySync { () throws(ExecError) in
                    try multipart.client.putObject(bucket: bucket, key: key, bytes: body, headers: headers)
                }
            }
            if !buffer.isEmpty { try flushPart() }
            try queue.wait()
            let tags = etags.withLock { map in (1...partCount).map { map[$0] ?? "" } }
            try multipart.complete(bucket: bucket, key: key, uploadID: uploadID ?? "", etags: tags)
        } catch {
            abort()
            throw error
        }
    }

    /// Abandons the upload (the producer failed, or a part did): no object appears.
    public func abort() {
        finished = true
        try? queue.wait()
        if let id = uploadID { multipart.abort(bucket: bucket, key: key, uploadID: id) }
        uploadID = nil
    }
}
