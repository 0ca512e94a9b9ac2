import Core
import Transport

/// One OSS object as a `MultipartTarget` (InitiateMultipartUpload, UploadPart, CompleteMultipartUpload,
/// AbortMultipartUpload), each request retried on its own and every part CRC-checked.
struct OSSMultipartTarget: MultipartTarget {
    let client: OSSClient
    let bucket: String
    let key: String
    let retry: Backoff

    /// OSS allows parts of 100 KiB to 5 GiB; 10,000 of them.
    static let minimumPartSize: Int64 = 100 << 10
    static let maximumPartSize: Int64 = 5 << 30

    var name: String { "oss://\(bucket)/\(key)" }

    func initiate() throws(ExecError) -> String {
        let body = MemorySink(limit: 1 << 20)
        try retry.retrySync { () throws(ExecError) in
            body.reset()
            let r = try client.send("POST", bucket: bucket, key: key, query: [("uploads", "")],
                                    headers: [("Content-Type", MimeTypes.forKey(key))], into: body)
            try client.expect(r, [200], "InitiateMultipartUpload", bucket, key)
        }
        guard let id = XMLScanner(body.bytes).first("UploadId"), !id.isEmpty else {
            throw ExecError(.internal, "InitiateMultipartUpload \(name): no UploadId in the answer")
        }
        return id
    }

    func uploadPart(uploadID: String, number: Int, body: HTTPRequest.Body) throws(ExecError) -> String {
        try retry.retrySync { () throws(ExecError) -> String in
            let r = try client.send("PUT", bucket: bucket, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)], body: body)
            try client.expect(r, [200], "UploadPart \(number)", bucket, key)
            try OSSClient.checkCRC(r, body: body, operation: "UploadPart \(number)", bucket: bucket, key: key)
            guard let etag = r.header("etag") else { throw ExecError(.internal, "UploadPart \(number) \(name): no ETag in the answer") }
            return etag
        }
    }

    func complete(uploadID: String, etags: [String]) throws(ExecError) {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload>"
        for (i, etag) in etags.enumerated() { xml += "<Part><PartNumber>\(i + 1)</PartNumber><ETag>\(etag.replacingXMLSpecials())</ETag></Part>" }
        xml += "</CompleteMultipartUpload>"
        try retry.retrySync { () throws(ExecError) in
            let r = try client.send("POST", bucket: bucket, key: key, query: [("uploadId", uploadID)],
                                    headers: [("Content-Type", "application/xml")], body: .bytes(Array(xml.utf8)))
            try client.expect(r, [200], "CompleteMultipartUpload", bucket, key)
        }
    }

    func abort(uploadID: String) {
        _ = try? client.send("DELETE", bucket: bucket, key: key, query: [("uploadId", uploadID)])
    }

    func putWhole(_ bytes: [UInt8]) throws(ExecError) {
        try retry.retrySync { () throws(ExecError) in try client.putObject(bucket: bucket, key: key, body: .bytes(bytes)) }
    }

    /// The part size for a file: the configured size (bounded to OSS's limits), grown until the file fits
    /// in 10,000 parts.
    static func partSize(for size: Int64, configured: Int64) -> Int64 {
        var part = min(max(configured, minimumPartSize), maximumPartSize)
        while MultipartUpload.ceilDiv(max(size, 0), part) > 10_000 && part < maximumPartSize { part = min(part * 2, maximumPartSize) }
        return part
    }
}
