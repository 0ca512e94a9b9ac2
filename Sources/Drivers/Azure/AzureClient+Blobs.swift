import Core
import Signing
import Transport
import ModelBase

/// The Blob service operations (REST reference "Blob service REST API"): block blobs written whole (Put
/// Blob) or as blocks (Put Block, Put Block List), read with `x-ms-range` (the header both SDKs send),
/// properties, delete, and the flat listing with markers.
extension AzureClient {
    public struct Blob: Sendable, Equatable {
        public var name: String
        public var size: Int64
    }

    public struct Listing: Sendable {
        public var blobs: [Blob] = []
        public var prefixes: [String] = []
        /// The marker of the next page, nil on the last.
        public var next: String?
    }

    /// Put Blob: the whole body as one block blob (the service keeps its MD5).
    public func putBlob(_ name: String, body: HTTPRequest.Body) throws(ExecError) {
        let r = try send("PUT", blob: name, headers: [("x-ms-blob-type", "BlockBlob")], body: body)
        try expect(r, [201], "PutBlob", name)
    }

    /// Put Block: one uncommitted block, named by `id` (base64, the same length for every block of a blob).
    public func putBlock(_ name: String, id: String, body: HTTPRequest.Body) throws(ExecError) {
        let r = try send("PUT", blob: name, query: [("comp", "block"), ("blockid", id)], body: body)
        try expect(r, [201], "PutBlock", name)
    }

    /// Put Block List: commits the blocks in order as the blob's content (the latest upload of each id).
    public func putBlockList(_ name: String, ids: [String]) throws(ExecError) {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>"
        for id in ids { xml += "<Latest>\(id)</Latest>" }
        xml += "</BlockList>"
        let r = try send("PUT", blob: name, query: [("comp", "blocklist")], headers: [("Content-Type", "application/xml")],
                         body: .bytes(Array(xml.utf8)))
        try expect(r, [201], "PutBlockList", name)
    }

    /// Get Blob into `sink`: `range` is `bytes=N-` or `bytes=A-B`; `ifMatch` pins a resumed read to the
    /// version the first response came from (a blob replaced meanwhile answers 412).
    public func getBlob(_ name: String, into sink: any ByteSink, range: String? = nil, ifMatch: String? = nil) throws(ExecError) -> HTTPResponse {
        var headers: [(String, String)] = []
        if let range { headers.append(("x-ms-range", range)) }
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        let r = try send("GET", blob: name, headers: headers, into: sink)
        try expect(r, [200, 206], "GetBlob", name)
        return r
    }

    /// Get Blob Properties (HEAD): the size and ETag.
    public func properties(_ name: String) throws(ExecError) -> HTTPResponse {
        let r = try send("HEAD", blob: name)
        try expect(r, [200], "GetBlobProperties", name)
        return r
    }

    public func deleteBlob(_ name: String) throws(ExecError) {
        let r = try send("DELETE", blob: name)
        try expect(r, [202], "DeleteBlob", name)
    }

    /// Creates the container; one that exists already is fine.
    public func createContainer() throws(ExecError) {
        let r = try send("PUT", blob: nil, query: [("restype", "container")])
        if r.status == 409, AzureError.code(r) == "ContainerAlreadyExists" { return }
        try expect(r, [201], "CreateContainer", "")
    }

    /// List Blobs, flat: one page of names under `prefix` from `marker`.
    public func listBlobs(prefix: String, marker: String? = nil, maxResults: Int = 5000) throws(ExecError) -> Listing {
        var query = [("restype", "container"), ("comp", "list"), ("prefix", prefix), ("maxresults", String(maxResults))]
        if let marker, !marker.isEmpty { query.append(("marker", marker)) }
        let body = MemorySink(limit: 32 << 20)
        let r = try send("GET", blob: nil, query: query, into: body)
        try expect(r, [200], "ListBlobs", prefix)
        return try Self.listing(XMLScanner(body.bytes), what: "ListBlobs \(AzureError.name(container, prefix))")
    }

    /// One EnumerationResults page. Names the service had to escape (`<Name Encoded="true">`) are decoded;
    /// a `Content-Length` that is not an Int64 fails the page instead of reading as 0.
    static func listing(_ xml: XMLScanner, what: String) throws(ExecError) -> Listing {
        var listing = Listing()
        for item in xml.all("Blob") {
            let entry = XMLScanner(item)
            var name = entry.first("Name") ?? ""
            if item.contains(text: "<Name Encoded=\"true\">") { name = SigV4Signer.percentDecode(name) }
            listing.blobs.append(Blob(name: name, size: try entry.int64("Content-Length", what: what) ?? 0))
        }
        listing.prefixes = xml.all("BlobPrefix").map { XMLScanner($0).first("Name") ?? "" }
        listing.next = xml.first("NextMarker").flatMap { $0.isEmpty ? nil : $0 }
        return listing
    }
}
