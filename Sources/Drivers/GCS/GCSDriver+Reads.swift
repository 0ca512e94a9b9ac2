import Core
import Digest
import Model
import Transport

/// Load, stream, peek, listing and deletion (Argo's `workflow/artifacts/gcs/gcs.go` Load, ListObjects, Delete).
extension GCSDriver {
    /// Downloads `clean(key)` through a temporary name (a failed download leaves nothing); a key that is no
    /// object but a prefix with objects under `key/` is downloaded as a tree. Neither: NotFound with Argo's
    /// "no results for key" text, so optional inputs are skipped; a missing bucket is an error.
    public func load(key: String, to destination: Destination) throws(ExecError) {
        let name = Self.clean(key)
        do {
            try destination.writeFile { (file) throws(ExecError) in try stream(key: name, into: file) }
        } catch where error.code == .notFound && error.status == 404 {
            let missing = ExecError(.notFound, "no results for key: \(name)", cause: error, context: ["bucket": bucket, "key": name])
            let directory: Bool
            do {
                directory = try isDirectory(key: name)
            } catch where error.status == 404 {
                // Argo's listing answers storage.ErrBucketNotExist: an error, never a skippable NotFound.
                throw ExecError(.badRequest, "storage: bucket doesn't exist: gs://\(bucket)", cause: error, context: ["bucket": bucket])
            } catch {
                throw missing  // say, no list permission: the missing object is what names the problem
            }
            guard directory else { throw missing }
            try loadTree(prefix: name, to: destination)
        }
    }

    /// Streams the object into `sink`, resuming a dropped body with a Range request, and compares the
    /// CRC-32C of every byte delivered with the one in `x-goog-hash` (as Google's Go reader does).
    public func stream(key: String, into sink: any ByteSink) throws(ExecError) {
        let name = Self.clean(key)
        let checked = ChecksumSink(sink, CRC32C())
        var stored: String?
        try ResumableDownload.run(retry, into: checked, name: label(name), size: { () throws(ExecError) in nil }) {
            (part, range) throws(ExecError) in
            let r = try client.get(bucket: bucket, name: name, into: part, range: range)
            // Transcoded (gzip-stored) objects are served inflated: their stored CRC is not of these bytes.
            if r.header("x-goog-stored-content-encoding").map({ $0 == "identity" }) ?? true, r.header("content-encoding") == nil {
                stored = Self.crc32c(in: r.header("x-goog-hash")) ?? stored
            } else {
                stored = nil
            }
            return r
        }
        if let theirs = stored, theirs != checked.checksum.base64 {
            throw ExecError(.internal, "storage.objects.get \(label(name)): CRC-32C mismatch (received \(checked.checksum.base64), stored \(theirs))",
                            context: ["bucket": bucket, "key": name])
        }
    }

    /// `crc32c=<base64>` out of `x-goog-hash: crc32c=...,md5=...`.
    static func crc32c(in header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: ",").map { String($0).trimmingSpaces() }
        return parts.first { $0.hasPrefix("crc32c=") }.map { String($0.dropFirst(7)) }
    }

    public func peek(key: String, count: Int) throws(ExecError) -> [UInt8] {
        let name = Self.clean(key)
        return try ObjectReads.peek(count, retry: retry) { (sink, range) throws(ExecError) in
            _ = try client.get(bucket: bucket, name: name, into: sink, range: range)
        }
    }

    /// Whether `key` behaves as a directory: the bucket root does; else any object under `clean(key)/`.
    /// (Argo's GCS driver answers NotImplemented; this is what its S3 and OSS drivers answer.)
    public func isDirectory(key: String) throws(ExecError) -> Bool {
        let name = Self.clean(key)
        guard !key.isEmpty, name != "." else { return true }
        let page = try retry.retrySync { () throws(ExecError) in try client.list(bucket: bucket, prefix: name + "/", maxResults: 1) }
        return !page.objects.isEmpty || !page.prefixes.isEmpty
    }

    /// Every object under `prefix/`, in parallel; names ending in `/` (console folders) are skipped, as Argo
    /// skips them, and names that would leave the destination are refused.
    func loadTree(prefix: String, to destination: Destination) throws(ExecError) {
        let names = try list(prefix: prefix + "/", exactMatch: false).map(\.name).filter { !$0.hasSuffix("/") }
        let plan = try ObjectTrees.downloadPlan(keys: names, prefix: prefix + "/", scheme: "gs", bucket: bucket)
        try ObjectTrees.download(plan, to: destination, width: directoryWidth, label: "argoexec.gcs.tree-get") { [self] (name, sink) throws(ExecError) in
            try stream(key: name, into: sink)
        }
    }

    /// Argo's ListObjects (`listByPrefix`): every object whose name starts with `prefix` as given (no
    /// cleaning), folder names ending in `/` left out; an object named exactly `prefix` is the whole answer.
    public func list(prefix: String) throws(ExecError) -> [GCSClient.Object] {
        try list(prefix: prefix, exactMatch: true)
    }

    /// Argo's ListObjects for a data template's `artifactPaths`: the names `list(prefix: key)` gives.
    public func listObjects(key: String) throws(ExecError) -> [String] { try list(prefix: key).map(\.name) }

    func list(prefix: String, exactMatch: Bool) throws(ExecError) -> [GCSClient.Object] {
        var objects: [GCSClient.Object] = []
        var token: String?
        repeat {
            let page = try retry.retrySync { () throws(ExecError) in try client.list(bucket: bucket, prefix: prefix, pageToken: token) }
            if exactMatch, let exact = page.objects.first(where: { $0.name == prefix }) { return [exact] }
            objects += exactMatch ? page.objects.filter { !$0.name.hasSuffix("/") } : page.objects
            token = page.next
        } while token != nil
        return objects
    }

    /// Deletes the object `key` (as Argo: not cleaned); one already gone counts as deleted. A key ending in
    /// `/` deletes every object under it, as the S3 driver does.
    public func delete(key: String) throws(ExecError) {
        let names = key.hasSuffix("/") ? try list(prefix: key, exactMatch: false).map(\.name) : [key]
        try ParallelWork.run(count: names.count, width: directoryWidth, label: "argoexec.gcs.delete") { [self] (index) throws(ExecError) in
            do throws(ExecError) {
                try retry.retrySync { () throws(ExecError) in try client.delete(bucket: bucket, name: names[index]) }
            } catch where error.status == 404 {
                return  // gone already (or its bucket is: then so is the object)
            }
        }
    }
}
