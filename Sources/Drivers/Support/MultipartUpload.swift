import Core
import Synchronization
import Transport

/// One object being uploaded in parts, as S3 and OSS both do it (initiate, parts, complete, abort). Each
/// call retries on its own (a part, never the whole object); `uploadPart` returns the part's ETag.
protocol MultipartTarget: Sendable {
    /// `s3://bucket/key`, `oss://bucket/key`: how errors name the object.
    var name: String { get }
    func initiate() throws(ExecError) -> String
    func uploadPart(uploadID: String, number: Int, body: HTTPRequest.Body) throws(ExecError) -> String
    func complete(uploadID: String, etags: [String]) throws(ExecError)
    /// Best effort: the original error is what matters; a failed abort is left to the bucket's lifecycle.
    func abort(uploadID: String)
    /// A whole object in one request (a stream that ended inside its first part).
    func putWhole(_ bytes: [UInt8]) throws(ExecError)
}

enum MultipartUpload {
    /// S3's and OSS's limit on parts per upload.
    static let maximumParts = 10_000
    /// S3's largest part (OSS allows the same 5 GiB): a streamed part buffer never grows past it.
    static let maximumPartSize = 5 << 30

    /// `ceil(size / part)` without the `size + part - 1` that overflows near Int64.max.
    static func ceilDiv(_ size: Int64, _ part: Int64) -> Int64 {
        size / part + (size % part == 0 ? 0 : 1)
    }

    /// The number of parts for `size` bytes in parts of `partSize` (1 for an empty file). A non-positive
    /// size or part, or more than 10,000 parts, is refused before anything is initiated: a zero part
    /// would divide by zero and a huge count would allocate one ETag slot per part.
    static func partCount(size: Int64, partSize: Int64, name: String) throws(ExecError) -> Int {
        guard size >= 0, partSize > 0 else {
            throw ExecError(.badRequest, "\(name): invalid multipart upload of \(size) bytes in parts of \(partSize) bytes")
        }
        let count = max(1, ceilDiv(size, partSize))
        guard count <= Int64(maximumParts) else {
            throw ExecError(.badRequest, "\(name): \(size) bytes in parts of \(partSize) bytes need \(count) parts, over the limit of \(maximumParts)")
        }
        return Int(count)
    }

    /// Uploads `size` bytes of `fd` in parts of `partSize`, at most `concurrency` in flight, each part read
    /// with pread by its own request (memory does not grow with part or object size). Any final failure
    /// aborts the upload, so no partial object is ever left or reported.
    static func fromFile(_ target: some MultipartTarget, fd: Int32, size: Int64, partSize: Int64, concurrency: Int) throws(ExecError) {
        let count = try partCount(size: size, partSize: partSize, name: target.name)
        let uploadID = try target.initiate()
        do {
            let etags = Mutex<[String]>(Array(repeating: "", count: count))
            try ParallelWork.run(count: count, width: max(concurrency, 1), label: "argoexec.multipart") { (index) throws(ExecError) in
                let offset = Int64(index) * partSize
                let etag = try target.uploadPart(uploadID: uploadID, number: index + 1,
                                                 body: .fileRange(fd: fd, offset: offset, length: min(partSize, size - offset)))
                etags.withLock { $0[index] = etag }
            }
            try target.complete(uploadID: uploadID, etags: etags.withLock { $0 })
        } catch {
            target.abort(uploadID: uploadID)
            throw error
        }
    }
}

/// An upload fed as a stream (a tar.gz being packed) instead of a file: bytes fill a part buffer; each
/// full part is uploaded while the next fills, at most `concurrency` in flight, so memory stays at about
/// part size x (concurrency + 1) whatever the artifact size and no temporary archive touches the disk.
/// A stream that ends inside its first part becomes one PUT. Parts start at `basePartSize` and double
/// every 1,000 parts (S3 and OSS allow unequal parts), so 10,000 parts of a 5 MiB base reach 5 TiB. Any
/// failure aborts the multipart upload: nothing partial is left or reported.
final class StreamedUpload<Target: MultipartTarget>: ByteSink, @unchecked Sendable {
    static var maximumParts: Int { 10_000 }
    private let target: Target
    private let basePartSize: Int
    private var buffer: [UInt8] = []
    private var uploadID: String?
    private var partCount = 0
    private var total: Int64 = 0
    private var finished = false
    private let etags = Mutex<[Int: String]>([:])
    private let queue: BoundedWorkQueue

    /// `basePartSize` is kept within 1 byte...5 GiB: a zero or negative size would make `write` take a
    /// negative prefix (a trap), a huge one would reserve that much memory up front.
    init(_ target: Target, basePartSize: Int, concurrency: Int) {
        self.target = target
        self.basePartSize = min(max(basePartSize, 1), MultipartUpload.maximumPartSize)
        queue = BoundedWorkQueue(width: max(concurrency, 1), label: "argoexec.multipart.stream")
        buffer.reserveCapacity(self.basePartSize)
    }

    /// Bytes accepted so far.
    var count: Int64 { total }

    /// Doubling every 1,000 parts, never past 5 GiB (the shift alone could reach 2.5 TiB for a 5 GiB base).
    private var currentPartSize: Int { min(basePartSize << min(partCount / 1000, 9), MultipartUpload.maximumPartSize) }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
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
        guard partCount < Self.maximumParts else {
            throw ExecError(.badRequest, "\(target.name): the stream needs more than 10,000 parts")
        }
        if uploadID == nil { uploadID = try target.initiate() }
        guard let id = uploadID else { return }
        partCount += 1
        let (number, body) = (partCount, buffer)
        buffer = []
        buffer.reserveCapacity(currentPartSize)
        queue.submit { [self] () throws(ExecError) in
            let etag = try target.uploadPart(uploadID: id, number: number, body: .bytes(body))
            etags.withLock { $0[number] = etag }
        }
        if let error = queue.firstError { throw error }
    }

    /// Runs the producer into this upload, then completes it; a producer failure aborts it.
    func upload(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        do {
            try produce(self)
        } catch {
            abort()
            throw error
        }
        try finish()
    }

    /// Completes the upload (once; a second call, from a producer that finishes its sink, is a no-op).
    func finish() throws(ExecError) {
        guard !finished else { return }
        finished = true
        do {
            guard uploadID != nil else { return try target.putWhole(buffer) }
            if !buffer.isEmpty { try flushPart() }
            try queue.wait()
            let tags = etags.withLock { map in (1...partCount).map { map[$0] ?? "" } }
            try target.complete(uploadID: uploadID ?? "", etags: tags)
        } catch {
            abort()
            throw error
        }
    }

    /// Abandons the upload (the producer failed, or a part did): no object appears.
    func abort() {
        finished = true
        try? queue.wait()
        if let id = uploadID { target.abort(uploadID: id) }
        uploadID = nil
    }
}
