import Core
import Digest
import Model
import Signing
import Transport

/// Alibaba OSS artifact operations on one location (Argo's `workflow/artifacts/oss/oss.go`): what Argo's driver does, with
/// these differences: NotFound is reported as NotFound (optional inputs are skipped), files above one part
/// go up as parallel multipart uploads (Argo: one PUT up to 5 GiB), archives are uploaded while they are
/// packed, downloads stream and resume, and every request is retried on its own (transient errors only).
public struct OSSDriver: Sendable {
    public let client: OSSClient
    public let bucket: String
    public var retry = Backoff.executorDefault
    public var concurrency: Int
    public var partSize: Int64
    /// Objects uploaded or downloaded at once for a directory tree.
    public var directoryWidth = 16
    let createBucket: Bool
    let lifecycle: OSSLifecycleRule?
    /// `ARGO_TRACE=1`: bucket logging into the bucket itself (prefix `bucket-log-`) before each operation.
    let trace: Bool

    public init(location: OSSArtifact, secrets: any SecretResolver, environment: AlibabaEnvironment = AlibabaEnvironment(),
                trace: Bool = false, partSizeMiB: Int? = nil, concurrency: Int = 4) throws(ExecError) {
        guard let endpoint = location.endpoint, !endpoint.isEmpty, let bucket = location.bucket, !bucket.isEmpty else {
            throw ExecError(.badRequest, "oss location needs an endpoint and a bucket")
        }
        if let invalid = environment.invalidSetting { throw ExecError(.invalidConfig, invalid) }
        let credentials: OSSCredentialProvider
        if location.useSDKCreds == true {
            credentials = try environment.defaultChain()
        } else {
            guard let access = location.accessKeySecret, let secret = location.secretKeySecret else {
                throw ExecError(.badRequest, "oss location needs accessKeySecret and secretKeySecret (or useSDKCreds)")
            }
            credentials = OSSCredentialProvider(fixed: OSSCredentials(accessKeyID: try secrets.credential(access),
                                                                      accessKeySecret: try secrets.credential(secret),
                                                                      securityToken: location.securityToken))
        }
        var config = try OSSClient.Config(endpoint: endpoint, signer: OSSSigner(.v1), credentials: credentials)
        if environment.signatureV4 {
            let host = config.host.split(separator: ":").first.map(String.init) ?? config.host
            guard let region = environment.region ?? AlibabaEnvironment.region(fromEndpoint: host) else {
                throw ExecError(.badRequest, "OSS V4 signing needs a region: set ARGOEXEC_OSS_REGION or use an oss-<region>.aliyuncs.com endpoint")
            }
            config.signer = OSSSigner(.v4(region: region))
        }
        if location.useSDKCreds != true { config.proxy = environment.httpsProxy }
        client = OSSClient(config)
        self.bucket = bucket
        self.concurrency = concurrency
        partSize = Int64(partSizeMiB ?? 16) << 20
        createBucket = location.createBucketIfNotPresent == true
        lifecycle = location.lifecycleRule
        self.trace = trace
    }

    // MARK: save

    /// Uploads a file, or a directory as Argo lays it out: a zero-byte marker `<key>/<dir>/` for every
    /// directory (the root's is `<key>/`) and `<key>/<relative path>` for every regular file.
    public func save(_ source: LocalSource, key: String) throws(ExecError) {
        try prepareSave(key: key)
        guard case .directory(let root, _) = source.node else {
            guard case .file(let file, _) = source.node else { return }
            return try saveFile(file, key: key)
        }
        let tree = try ObjectTrees.walk(root)
        for directory in tree.directories {
            let marker = directory.isEmpty ? key + "/" : key + "/" + directory + "/"
            try retry.retrySync { () throws(ExecError) in try client.putObject(bucket: bucket, key: marker, body: .bytes([])) }
        }
        try ParallelWork.run(count: tree.files.count, width: directoryWidth, label: "argoexec.oss.tree") { [self] (index) throws(ExecError) in
            try saveFile(try tree.open(tree.files[index]), key: key + "/" + tree.files[index])
        }
    }

    /// Uploads what `produce` writes (a tar.gz being packed) while it is produced; a failure aborts the
    /// multipart upload, leaving no object.
    public func saveStream(key: String, _ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        try prepareSave(key: key)
        let upload = StreamedUpload(multipartTarget(key), basePartSize: Int(max(partSize, 5 << 20)), concurrency: concurrency)
        try upload.upload(produce)
    }

    func saveFile(_ file: FileDescriptor, key: String) throws(ExecError) {
        let fd = file.raw
        let size = try file.info().size
        let part = OSSMultipartTarget.partSize(for: size, configured: partSize)
        if size <= part {
            try retry.retrySync { () throws(ExecError) in
                try client.putObject(bucket: bucket, key: key, body: .fileRange(fd: fd, offset: 0, length: size))
            }
        } else {
            try MultipartUpload.fromFile(multipartTarget(key), fd: fd, size: size, partSize: part, concurrency: concurrency)
        }
    }

    func multipartTarget(_ key: String) -> OSSMultipartTarget {
        OSSMultipartTarget(client: client, bucket: bucket, key: key, retry: retry)
    }

    /// Bucket creation, bucket logging (trace), then the lifecycle rule, before uploading.
    func prepareSave(key: String) throws(ExecError) {
        if createBucket {
            try retry.retrySync { () throws(ExecError) in
                if try !client.bucketExists(bucket) { try client.createBucket(bucket) }
            }
        }
        try enableTraceLogging()  // after creating the bucket (Argo turns logging on first and fails on a new bucket)
        if let xml = try OSSLifecycle.document(lifecycle, key: key) {
            try retry.retrySync { () throws(ExecError) in try client.putBucketLifecycle(bucket, xml: xml) }
        }
    }

    func enableTraceLogging() throws(ExecError) {
        guard trace else { return }
        try retry.retrySync { () throws(ExecError) in try client.putBucketLogging(bucket, prefix: "bucket-log-") }
    }

    // MARK: load

    /// Downloads `key` to `path` through a temporary name; a key that is not an object but a "directory"
    /// (markers or objects under `key/`) is downloaded as a tree.
    public func load(key: String, to destination: Destination) throws(ExecError) {
        try enableTraceLogging()
        try ObjectReads.loadObjectOrTree(to: destination, stream: { (file) throws(ExecError) in try stream(key: key, into: file) },
                                         isDirectory: { () throws(ExecError) in try isDirectory(key: key) },
                                         loadTree: { () throws(ExecError) in try loadTree(prefix: key, to: destination) })
    }

    /// Streams the object into `sink`, resuming a dropped body with a Range request, and compares the
    /// CRC-64 of every byte delivered with the server's.
    public func stream(key: String, into sink: any ByteSink) throws(ExecError) {
        let checked = ChecksumSink(sink, CRC64())
        var serverCRC: String?
        // No HEAD when a response announces no size: the whole object's CRC-64 below catches a short body.
        try ResumableDownload.run(retry, into: checked, name: "oss://\(bucket)/\(key)", size: { () throws(ExecError) in nil }) {
            (part, range) throws(ExecError) in
            let r = try client.getObject(bucket: bucket, key: key, into: part, range: range)
            serverCRC = r.header("x-oss-hash-crc64ecma")
            return r
        }
        if let header = serverCRC, let theirs = UInt64(header), theirs != checked.checksum.value {
            throw ExecError(.internal, "GetObject oss://\(bucket)/\(key): CRC-64 mismatch (received \(checked.checksum.value), server has \(theirs))",
                            context: ["bucket": bucket, "key": key])
        }
    }

    public func peek(key: String, count: Int) throws(ExecError) -> [UInt8] {
        try ObjectReads.peek(count, retry: retry) { (sink, range) throws(ExecError) in
            _ = try client.getObject(bucket: bucket, key: key, into: sink, range: range)
        }
    }

    /// Argo's IsOssDirectory: an empty key is a directory; else any object or common prefix under `key/`.
    public func isDirectory(key: String) throws(ExecError) -> Bool {
        guard !key.isEmpty else { return true }
        let prefix = key.hasSuffix("/") ? key : key + "/"
        let page = try retry.retrySync { () throws(ExecError) in try client.listObjectsV1(bucket: bucket, prefix: prefix, maxKeys: 1) }
        return !page.objects.isEmpty || !page.commonPrefixes.isEmpty
    }

    /// Every object under `prefix/` (V1 listing with markers, as Argo): markers become directories, objects
    /// files, in parallel; keys that would leave `path` are refused.
    func loadTree(prefix: String, to destination: Destination) throws(ExecError) {
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        var keys: [String] = []
        var marker = ""
        repeat {
            let page = try retry.retrySync { () throws(ExecError) in try client.listObjectsV1(bucket: bucket, prefix: base, marker: marker) }
            keys += page.keys
            marker = page.next ?? ""
        } while !marker.isEmpty
        let plan = try ObjectTrees.downloadPlan(keys: keys, prefix: base, scheme: "oss", bucket: bucket)
        try ObjectTrees.download(plan, to: destination, width: directoryWidth, label: "argoexec.oss.tree-get") { [self] (key, sink) throws(ExecError) in
            try stream(key: key, into: sink)
        }
    }

    // MARK: list, delete

    /// Every key under `prefix` (ListObjectsV2 pages; the prefix as given, as Argo).
    public func list(prefix: String) throws(ExecError) -> [OSSClient.Object] {
        try enableTraceLogging()
        var objects: [OSSClient.Object] = []
        var token: String?
        repeat {
            let page = try retry.retrySync { () throws(ExecError) in try client.listObjectsV2(bucket: bucket, prefix: prefix, token: token) }
            objects += page.objects
            token = page.next
        } while token != nil
        return objects
    }

    /// Deletes the one object `key` (Argo's Delete; a missing key is not an error).
    /// Deletes `key`; a key ending in `/` deletes every object under it, as the S3 driver does (Argo's OSS driver
    /// deletes only the one object, which leaves a directory artifact's files behind: docs/differences.md).
    /// Argo's `ListObjects` (`workflow/artifacts/oss/oss.go`): every key starting with `key`, as it is.
    public func listObjects(key: String) throws(ExecError) -> [String] { try list(prefix: key).map(\.key) }

    public func delete(key: String) throws(ExecError) {
        try enableTraceLogging()
        let keys = key.hasSuffix("/") ? try list(prefix: key).map(\.key) : [key]
        for k in keys { try retry.retrySync { () throws(ExecError) in try client.deleteObject(bucket: bucket, key: k) } }
    }
}
