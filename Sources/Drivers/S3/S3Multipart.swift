import Core
import Digest
import Signing
import Transport
import ModelBase

/// Multipart upload from a file, parts in parallel (Argo's `workflow/artifacts/s3/s3.go`, issue 4): every part is read from the
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
    /// Ceiling divisions without `size + part - 1`, which overflows for sizes near Int64.max.
    public static func partSize(for size: Int64, configuredMiB: Int? = nil) -> Int64 {
        if let mib = configuredMiB, (5...5120).contains(mib) {
            let configured = Int64(mib) << 20
            if MultipartUpload.ceilDiv(size, configured) <= maximumParts { return configured }
        }
        let needed = MultipartUpload.ceilDiv(size, maximumParts)
        let steps = max(1, MultipartUpload.ceilDiv(needed, defaultPartSize))
        return steps * defaultPartSize  // at most about Int64.max / 10,000: no overflow
    }

    /// `headers` go on CreateMultipartUpload, `partHeaders` on every UploadPart (SSE-C keys).
    public func upload(bucket: String, key: String, fd: Int32, size: Int64, partSize: Int64, headers: [(String, String)] = [],
                       partHeaders: [(String, String)] = []) throws(ExecError) {
        try MultipartUpload.fromFile(target(bucket: bucket, key: key, headers: headers, partHeaders: partHeaders),
                                     fd: fd, size: size, partSize: partSize, concurrency: concurrency)
    }

    func target(bucket: String, key: String, headers: [(String, String)], partHeaders: [(String, String)]) -> S3MultipartTarget {
        S3MultipartTarget(multipart: self, bucket: bucket, key: key, headers: headers, partHeaders: partHeaders)
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
        if let code = scanned.first("Code"), scanned.text.contains(text: "<Error>") {
            throw ExecError(.internal, "CompleteMultipartUpload s3://\(bucket)/\(key): \(code): \(scanned.first("Message") ?? "")",
                            transient: S3Error.transientCodes.contains(code))
        }
    }
}

/// One S3 object as a `MultipartTarget` (shared file and stream upload engines).
struct S3MultipartTarget: MultipartTarget {
    let multipart: S3Multipart
    let bucket: String
    let key: String
    let headers: [(String, String)]
    let partHeaders: [(String, String)]

    var name: String { "s3://\(bucket)/\(key)" }

    func initiate() throws(ExecError) -> String { try multipart.initiate(bucket: bucket, key: key, headers: headers) }

    func uploadPart(uploadID: String, number: Int, body: HTTPRequest.Body) throws(ExecError) -> String {
        try multipart.uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: number, body: body, headers: partHeaders)
    }

    func complete(uploadID: String, etags: [String]) throws(ExecError) {
        try multipart.complete(bucket: bucket, key: key, uploadID: uploadID, etags: etags)
    }

    func abort(uploadID: String) { multipart.abort(bucket: bucket, key: key, uploadID: uploadID) }

    func putWhole(_ bytes: [UInt8]) throws(ExecError) {
        try multipart.retry.retrySync { () throws(ExecError) in
            try multipart.client.putObject(bucket: bucket, key: key, bytes: bytes, headers: headers)
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
