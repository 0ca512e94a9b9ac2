import ModelBase
import Core
import Digest
import Transport

/// The read side (Argo's Load, OpenStream and DownloadDirectory in `workflow/artifacts/azure/azure.go`).
extension AzureDriver {
    /// Argo's Load: the blob through a temporary name (a failed download leaves nothing at `destination`).
    /// BlobNotFound, or an empty blob (what an ADLS Gen2 account shows for a directory), is followed by the
    /// directory probe: blobs under `key/` are downloaded as a tree; otherwise the NotFound (or the empty
    /// file) stands. A failed probe (no list permission) keeps the original answer.
    public func load(key: String, to destination: Destination) throws(ExecError) {
        var directory = false
        do {
            try destination.writeFile { (file) throws(ExecError) in
                let counting = CountingSink(file)
                try download(key, into: counting)
                if counting.count == 0, (try? isDirectory(key: key)) == true {
                    directory = true
                    throw ExecError(.notFound, "\(AzureError.name(container, key)) is a directory")
                }
            }
        } catch where directory || error.reason == "BlobNotFound" {
            guard directory || (try? isDirectory(key: key)) == true else { throw error }
            try loadTree(prefix: key, to: destination)
        }
    }

    /// Argo's OpenStream: the blob's bytes; a directory (BlobNotFound or an empty blob, with blobs under
    /// `key/`) cannot be streamed (Argo's NotImplemented error text).
    public func stream(key: String, into sink: any ByteSink) throws(ExecError) {
        let counting = CountingSink(sink)
        do {
            try download(key, into: counting)
        } catch where error.reason == "BlobNotFound" {
            if (try? isDirectory(key: key)) == true { throw Self.directoryStream }
            throw error
        }
        if counting.count == 0, (try? isDirectory(key: key)) == true { throw Self.directoryStream }
    }

    static let directoryStream = ExecError(.notImplemented, "Directory Stream capability currently unimplemented for Azure Blob")

    public func peek(key: String, count: Int) throws(ExecError) -> [UInt8] {
        try ObjectReads.peek(count, retry: retry) { (sink, range) throws(ExecError) in
            _ = try client.getBlob(key, into: sink, range: range)
        }
    }

    /// Get Blob resumed after a dropped connection with `x-ms-range: bytes=<received>-` pinned with If-Match
    /// to the blob's ETag, and checked against the MD5 the service keeps for the whole blob (Put Blob uploads
    /// have one): a body that changed between the parts or arrived damaged fails instead of being saved.
    /// Blobs committed from blocks (ours above one block, the SDKs' large uploads) have no MD5, so hashing them
    /// would check nothing: past the first `MD5Sink.undecidedBytes` a HEAD asks whether the blob has one, and
    /// hashing stops when it has none (the HEAD's ETag must then be the GET's: docs/artifacts.md, "Azure Blob").
    func download(_ key: String, into sink: any ByteSink) throws(ExecError) {
        var etag: String?
        var serverMD5: String?
        var probe: (etag: String?, md5: String?)?
        let client = self.client
        let hashing = try MD5Sink(sink) {
            // A failed HEAD keeps the hash: the check is dropped only on the service's word.
            guard let head = try? client.properties(key) else { return true }
            probe = (head.header("etag"), head.header("content-md5"))
            return !(head.header("content-md5") ?? "").isEmpty
        }
        let name = AzureError.name(container, key)
        try ResumableDownload.run(retry, into: hashing, name: name, size: { () throws(ExecError) in
            try client.properties(key).contentLength("GetBlobProperties \(name)")
        }) { (part, range) throws(ExecError) in
            // A body cut by the network loses its headers with it: the first resume asks for them (HEAD).
            if range != nil && etag == nil {
                let head = try client.properties(key)
                (etag, serverMD5) = (head.header("etag"), serverMD5 ?? head.header("content-md5"))
            }
            let r = try client.getBlob(key, into: part, range: range, ifMatch: range == nil ? nil : etag)
            etag = etag ?? r.header("etag")
            serverMD5 = serverMD5 ?? (r.status == 200 ? r.header("content-md5") : r.header("x-ms-blob-content-md5"))
            return r
        }
        guard let digest = try hashing.finishDigest() else {
            // Hashing stopped on the HEAD's word that the blob has no MD5: true of the blob read only if the
            // HEAD saw the same version (ETag) and the GET announced no MD5 either.
            if probe?.etag != etag || !(serverMD5 ?? "").isEmpty {
                throw ExecError(.internal, "GetBlob \(name): the blob changed during the download (ETag \(etag ?? "-") read, "
                                + "\(probe?.etag ?? "-") when asked for its MD5)", context: ["container": container, "blob": key])
            }
            return
        }
        let ours = Base64.encode(digest)
        if let theirs = serverMD5, !theirs.isEmpty, theirs != ours {
            throw ExecError(.internal, "GetBlob \(name): MD5 mismatch (received \(ours), the service has \(theirs))",
                            context: ["container": container, "blob": key])
        }
    }

    /// Every blob under `prefix/` downloaded below `destination`, in parallel; names that would leave it
    /// are refused. Argo lists `prefix` without the slash and trims it from the names, which also pulls
    /// `prefix2/...` into the tree; here only the directory's own blobs come.
    func loadTree(prefix: String, to destination: Destination) throws(ExecError) {
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        let names = try list(prefix: base).map(\.name)
        let plan = try ObjectTrees.downloadPlan(keys: names, prefix: base, scheme: "azure", bucket: container)
        try ObjectTrees.download(plan, to: destination, width: directoryWidth, label: "argoexec.azure.tree-get") { [self] (key, sink) throws(ExecError) in
            try download(key, into: sink)
        }
    }
}

/// Passes bytes through while computing their MD5. Past `undecidedBytes`, `keepHashing` is asked once
/// whether the digest is wanted (the blob has an MD5 to compare with); when not, hashing stops there and
/// `finishDigest` gives nil.
final class MD5Sink: ByteSink {
    /// Hashed whatever the answer: a small blob costs less to hash than to ask about.
    static let undecidedBytes: Int64 = 8 * 1024 * 1024
    private let inner: any ByteSink
    private var hasher: Hasher?
    private var hashed: Int64 = 0
    private var keepHashing: (() -> Bool)?

    init(_ inner: any ByteSink, keepHashing: @escaping () -> Bool) throws(ExecError) {
        self.inner = inner
        hasher = try Hasher(.md5)
        self.keepHashing = keepHashing
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        try inner.write(bytes)
        guard let hasher else { return }
        if hashed + Int64(bytes.count) > Self.undecidedBytes, let ask = keepHashing {
            keepHashing = nil
            guard ask() else {
                self.hasher = nil
                return
            }
        }
        try hasher.update(bytes)
        hashed += Int64(bytes.count)
    }

    func finish() throws(ExecError) { try inner.finish() }

    /// The digest of everything written, or nil when hashing was given up.
    func finishDigest() throws(ExecError) -> [UInt8]? { try hasher?.finish() }
}
