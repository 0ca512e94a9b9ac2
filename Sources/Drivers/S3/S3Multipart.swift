import Core
import Digest
import Signing
import Synchronization
import Transport

/// Multipart upload from a file, parts in parallel (artifacts.md §5.1, issue 4): every part is read from the
/// file with pread by the request itself, so memory does not grow with part size or object size. Each part
/// is retried on its own (never the whole object); on any final failure the upload is aborted, so no
/// partial object is ever left or reported.
public struct S3Multipart: Sendable {
    public static let minimumPartSize: Int64 = 5 << 20
    public static let maximumParts: Int64 = 10_000
    public static let defaultPartSize: Int64 = 16 << 20

    public var client: S3Client
    public var concurrency: Int
    public var retry: Backoff

    public init(client: S3Client, concurrency: Int = 4, retry: Backoff = .executorDefault) {
        self.client = client
        self.concurrency = max(concurrency, 1)
        self.retry = retry
    }

    /// Part size: the configured MiB when valid for this size, else 16 MiB grown in 16 MiB steps until the
    /// object fits in 10,000 parts (5 TiB fits with 528 MiB parts).
    public static func partSize(for size: Int64, configuredMiB: Int? = nil) -> Int64 {
        if let mib = configuredMiB, (5...5120).contains(mib) {
            let configured = Int64(mib) << 20
            if (size + configured - 1) / configured <= maximumParts { return configured }
        }
        let needed = (size + maximumParts - 1) / maximumParts
        let steps = max(1, (needed + defaultPartSize - 1) / defaultPartSize)
        return steps * defaultPartSize
    }

    /// `headers` go on CreateMultipartUpload, `partHeaders` on every UploadPart (SSE-C keys).
    public func upload(bucket: String, key: String, fd: Int32, size: Int64, partSize: Int64, headers: [(String, String)] = [],
                       partHeaders: [(String, String)] = []) throws(ExecError) {
        let uploadID = try initiate(bucket: bucket, key: key, headers: headers)
        do {
            let etags = try uploadParts(bucket: bucket, key: key, uploadID: uploadID, fd: fd, size: size, partSize: partSize,
                                        headers: partHeaders)
            try complete(bucket: bucket, key: key, uploadID: uploadID, etags: etags)
        } catch {
            abort(bucket: bucket, key: key, uploadID: uploadID)
            throw error
        }
    }

    /// Best effort: the original error is what matters; a failed abort is left to the bucket's lifecycle.
    func abort(bucket: String, key: String, uploadID: String) {
        _ = try? client.send("DELETE", bucket: bucket, key: key, query: [("uploadId", uploadID)])
    }

    func initiate(bucket: String, key: String, headers: [(String, String)]) throws(ExecError) -> String {
        let body = MemorySink()
        try retry.retrySync { () throws(ExecError) in
            let r = try client.send("POST", bucket: bucket, key: key, query: [("uploads", "")], headers: headers, into: body)
            guard r.status == 200 else { throw S3Error.from(r, operation: "CreateMultipartUpload", bucket: bucket, key: key) }
        }
        guard let id = XMLScanner(body.bytes).first("UploadId"), !id.isEmpty else {
            throw ExecError(.internal, "CreateMultipartUpload s3://\(bucket)/\(key): no UploadId in the response")
        }
        return id
    }

    /// Uploads every part with at most `concurrency` in flight; the first final error stops new parts.
    private func uploadParts(bucket: String, key: String, uploadID: String, fd: Int32, size: Int64, partSize: Int64,
                             headers: [(String, String)]) throws(ExecError) -> [String] {
        let count = Int(max(1, (size + partSize - 1) / partSize))
        let etags = Mutex<[String]>(Array(repeating: "", count: count))
        try ParallelWork.run(count: count, width: concurrency, label: "argoexec.s3.parts") { [self] (index) throws(ExecError) in
            let offset = Int64(index) * partSize
            let etag = try uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: index + 1,
                                      body: .fileRange(fd: fd, offset: offset, length: min(partSize, size - offset)), headers: headers)
            etags.withLock { $0[index] = etag }
        }
        return etags.withLock { $0 }
    }

    /// One part, retried on its own; returns its ETag.
    func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: HTTPRequest.Body,
                    headers: [(String, String)]) throws(ExecError) -> String {
        let hash: String
        if case .bytes(let bytes) = body { hash = Digest.hex(try Digest.sha256(bytes)) } else { hash = "UNSIGNED-PAYLOAD" }
        return try retry.retrySync { () throws(ExecError) -> String in
            let r = try client.send("PUT", bucket: bucket, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                    headers: headers, body: body, payloadHash: hash)
            guard r.status == 200, let etag = r.header("etag") else {
                throw S3Error.from(r, operation: "UploadPart \(number)", bucket: bucket, key: key)
            }
            return etag
        }
    }

    func complete(bucket: String, key: String, uploadID: String, etags: [String]) throws(ExecError) {
        var xml = "<CompleteMultipartUpload>"
        for (i, etag) in etags.enumerated() {
            xml += "<Part><PartNumber>\(i + 1)</PartNumber><ETag>\(etag.replacingXMLSpecials())</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let body = Array(xml.utf8)
        let hash = Digest.hex(try Digest.sha256(body))
        let result = MemorySink()
        try retry.retrySync { () throws(ExecError) in
            let r = try client.send("POST", bucket: bucket, key: key, query: [("uploadId", uploadID)], body: .bytes(body), payloadHash: hash, into: result)
            guard r.status == 200 else { throw S3Error.from(r, operation: "CompleteMultipartUpload", bucket: bucket, key: key) }
        }
        // S3 may answer 200 and still report an error in the body of CompleteMultipartUpload.
        let scanned = XMLScanner(result.bytes)
        if let code = scanned.first("Code"), scanned.text.contains("<Error>") {
            throw ExecError(.internal, "CompleteMultipartUpload s3://\(bucket)/\(key): \(code): \(scanned.first("Message") ?? "")",
                            transient: S3Error.transientCodes.contains(code))
        }
    }
}

extension String {
    func replacingXMLSpecials() -> String {
        var out = ""
        for c in self {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
