import Core
import Digest
import Transport

/// An upload fed as a stream (a tar.gz being packed) through one resumable session, with no temporary file
/// (Argo spools to `gcs-upload-*` first: `workflow/artifacts/gcs/gcs.go` SaveStream): bytes fill a buffer of
/// one chunk; a full buffer is sent (`bytes a-b/*`) once more bytes arrive, so the last chunk always carries
/// the total. Memory stays at about one chunk whatever the artifact size. A stream that ends inside its
/// first chunk is one media upload. The CRC-32C of every byte is compared with the object's at the end; any
/// failure cancels the session, so no partial object is ever left or reported.
final class GCSStreamedUpload: ByteSink {
    private let client: GCSClient
    private let bucket: String
    private let name: String
    private let retry: Backoff
    private let chunkSize: Int
    private var contentType: String?
    private var upload: GCSResumableUpload?
    private var buffer: [UInt8] = []
    /// The object offset of `buffer[0]`.
    private var bufferStart: Int64 = 0
    private var crc = CRC32C()
    private var finished = false

    init(client: GCSClient, bucket: String, name: String, retry: Backoff, chunkSize: Int) {
        self.client = client
        self.bucket = bucket
        self.name = name
        self.retry = retry
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        crc.update(bytes)
        var rest = bytes[...]
        while !rest.isEmpty {
            if buffer.count == chunkSize { try sendBuffer(final: false) }
            let take = min(rest.count, chunkSize - buffer.count)
            buffer += rest.prefix(take)
            rest = rest.dropFirst(take)
        }
    }

    /// Runs the producer into this upload, then completes it; a producer failure cancels it.
    func run(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        do {
            try produce(self)
            try finish()
        } catch {
            upload?.cancel()
            throw error
        }
    }

    /// Completes the upload (once: a producer that finishes its sink makes the second call a no-op).
    func finish() throws(ExecError) {
        guard !finished else { return }
        finished = true
        guard upload != nil else {
            let bytes = buffer
            let type = contentType ?? GCSContentType.sniff(bytes)
            return try retry.retrySync { () throws(ExecError) in
                try client.insert(bucket: bucket, name: name, body: .bytes(bytes), contentType: type)
            }
        }
        try sendBuffer(final: true)
        try GCSContentType.checkUploaded(upload?.object, size: bufferStart + Int64(buffer.count), crc32c: crc.base64,
                                         what: "gs://\(bucket)/\(name)")
    }

    /// Sends what the session has not persisted of the buffer, then keeps only what it still lacks
    /// (GCS may persist less than a chunk; it says so in the 308's Range).
    private func sendBuffer(final: Bool) throws(ExecError) {
        if upload == nil {
            let type = GCSContentType.sniff(buffer)
            contentType = type
            upload = try GCSResumableUpload(client: client, bucket: bucket, name: name, contentType: type, retry: retry)
        }
        guard var session = upload else { return }
        let end = bufferStart + Int64(buffer.count)
        let start = bufferStart
        let snapshot = buffer
        try session.send(upTo: end, total: final ? end : nil, floor: start) { (offset, length) throws(ExecError) -> HTTPRequest.Body in
            let from = Int(offset - start)
            if from == 0 && Int(length) == snapshot.count { return .bytes(snapshot) }  // no copy for the usual whole chunk
            return .bytes(Array(snapshot[from..<(from + Int(length))]))
        }
        upload = session
        let kept = Int(min(max(session.committed - start, 0), Int64(buffer.count)))
        buffer.removeFirst(kept)
        bufferStart += Int64(kept)
    }
}
