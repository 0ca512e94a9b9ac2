import Core
import Transport
import ModelBase

/// One resumable upload session (https://cloud.google.com/storage/docs/performing-resumable-uploads), as
/// Google's clients use it for objects past one chunk (cloud.google.com/go/storage `Writer`, 16 MiB chunks):
/// POST `uploadType=resumable` opens a session URL; chunks (multiples of 256 KiB but the last) are PUT with
/// `Content-Range: bytes a-b/<total or *>`; 308 says how much is persisted (`Range: bytes=0-N`), 200/201
/// that the object exists. A chunk whose answer is lost (dropped connection, 5xx, stall) is not re-sent
/// blindly: the session is asked what it has (`Content-Range: bytes */<total or *>`, empty body) and the
/// upload goes on from there, each chunk with its own retries. The bytes come from `body(offset, length)`
/// (a file range read with pread, or the stream's buffer), so memory never holds more than one chunk.
struct GCSResumableUpload {
    let client: GCSClient
    let bucket: String
    let name: String
    let retry: Backoff
    let session: String
    /// Bytes the session has persisted.
    private(set) var committed: Int64 = 0
    /// The object's metadata once the final chunk was accepted.
    private(set) var object: [UInt8]?

    /// GCS's chunk granularity.
    static let quantum: Int64 = 256 << 10

    var label: String { "gs://\(bucket)/\(name)" }

    /// Opens a session (retried on transient errors).
    init(client: GCSClient, bucket: String, name: String, contentType: String, retry: Backoff) throws(ExecError) {
        let url = "\(client.config.root)/upload/storage/v1/b/\(GCSClient.escape(bucket))/o?uploadType=resumable&name=\(GCSClient.escape(name))"
        let metadata = Array(("{\"name\":" + LogLine.jsonString(name) + ",\"contentType\":" + LogLine.jsonString(contentType) + "}").utf8)
        let location = try retry.retrySync { () throws(ExecError) -> String in
            let r = try client.send("POST", url, headers: [("Content-Type", "application/json; charset=UTF-8"),
                                                             ("X-Upload-Content-Type", contentType)], body: .bytes(metadata))
            try client.expect(r, [200, 201], "storage.objects.insert (resumable)", bucket, name, missing: .badRequest)
            guard let location = r.header("location"), location.hasPrefix("https://") || location.hasPrefix("http://") else {
                throw ExecError(.internal, "storage.objects.insert gs://\(bucket)/\(name): no upload session URL in the answer")
            }
            return location
        }
        self.client = client
        self.bucket = bucket
        self.name = name
        self.retry = retry
        session = location
    }

    /// Sends `[committed, end)` (`end == total` makes it the final chunk) until the session holds all of it,
    /// asking the session where it stands after any failure. `body(offset, length)` must be able to supply
    /// any range from `floor` on.
    mutating func send(upTo end: Int64, total: Int64?, floor: Int64,
                       body: (Int64, Int64) throws(ExecError) -> HTTPRequest.Body) throws(ExecError) {
        var lost = false
        while object == nil && (committed < end || (total != nil && committed == end)) {
            try retry.retrySync { () throws(ExecError) in
                if lost {
                    try apply(try exchange(nil, range: "bytes */" + (total.map(String.init) ?? "*")), floor: floor, sent: end)
                    lost = false
                    if object != nil || (committed >= end && total == nil) { return }
                }
                let before = committed
                let length = end - committed
                let range = length == 0 ? "bytes */\(end)" : "bytes \(committed)-\(end - 1)/" + (total.map(String.init) ?? "*")
                do throws(ExecError) {
                    try apply(try exchange(try body(committed, length), range: range), floor: floor, sent: end)
                } catch where error.isTransient {
                    lost = true
                    throw error
                }
                guard object != nil || committed > before else {
                    throw ExecError(.internal, "resumable upload \(label): the session persisted nothing of a chunk", transient: true)
                }
            }
        }
    }

    /// Cancels the session (best effort: the error that led here is what matters).
    func cancel() { _ = try? client.send("DELETE", session) }

    enum Answer {
        case incomplete(persisted: Int64)
        case complete([UInt8])
    }

    private func exchange(_ body: HTTPRequest.Body?, range: String) throws(ExecError) -> Answer {
        let sink = MemorySink(limit: 1 << 20)
        let r: HTTPResponse
        do {
            r = try client.send("PUT", session, headers: [("Content-Range", range)], body: body ?? .none, into: sink)
        } catch {
            // Transport errors quote the URL: the session URL is a credential for this upload, so it is not shown.
            var hidden = error
            hidden.message = "resumable upload \(label): " + error.message.replacing(text: session, with: "<upload session URL>")
            throw hidden
        }
        switch r.status {
        case 200, 201:
            return .complete(sink.bytes)
        case 308:
            // `Range: bytes=0-N`: N + 1 bytes persisted; no Range header: none yet.
            guard let header = r.header("range") else { return .incomplete(persisted: 0) }
            guard header.hasPrefix("bytes=0-"), let last = Int64(header.dropFirst(8)), last >= 0, last < Int64.max else {
                throw ExecError(.internal, "resumable upload \(label): unreadable Range \"\(GCSError.clip(header))\" in a 308")
            }
            return .incomplete(persisted: last + 1)
        default:
            throw GCSError.from(r, operation: "resumable upload", bucket: bucket, name: name, missing: .badRequest)
        }
    }

    private mutating func apply(_ answer: Answer, floor: Int64, sent: Int64) throws(ExecError) {
        switch answer {
        case .complete(let metadata):
            object = metadata
        case .incomplete(let persisted):
            // Only bytes this side can still supply may be asked for again.
            guard persisted >= floor else {
                throw ExecError(.internal, "resumable upload \(label): the session went back to byte \(persisted), before \(floor)")
            }
            guard persisted <= sent else {
                throw ExecError(.internal, "resumable upload \(label): the session claims \(persisted) bytes, \(sent) were sent")
            }
            committed = persisted
        }
    }
}
