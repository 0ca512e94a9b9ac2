import Core
import Model
import Signing

#if canImport(Glibc)
import Glibc
#endif

/// S3 artifact operations on one location (issue 4, first slice): save a file (single PUT up to the part
/// size, multipart above) or a directory tree (one object per file), load an object to a path, list a
/// prefix, delete a key or a prefix. Credentials: static keys from secrets (+ session token), or the
/// ambient credentials the CLI read from the standard AWS variables for `useSDKCreds`.
public struct S3Driver: Sendable {
    public var client: S3Client
    public let bucket: String
    public var partSizeMiB: Int?
    public var concurrency: Int
    /// Applied to every request on its own (a part, a GET resumed from where it stopped), never to a whole
    /// artifact: Argo's executor backoff (5 attempts, 1 s, x1.6, jitter 0.5), transient errors only.
    public var retry = Backoff.executorDefault
    /// Objects uploaded at once when saving a directory tree (`archive: none`).
    public var directoryWidth = 16
    /// Server-side encryption (`encryptionOptions`).
    public let encryption: S3Encryption
    /// `createBucketIfNotPresent`: make the bucket before the first save.
    public let createBucket: Bool

    /// `environment` is what the CLI read for `useSDKCreds`, `roleARN` and the no-credentials chain;
    /// `caFile` a CA bundle path (the `caSecret` PEM replaces it when set).
    public init(location: S3Artifact, secrets: any SecretResolver, environment: AWSEnvironment = AWSEnvironment(),
                caFile: String? = nil, partSizeMiB: Int? = nil, concurrency: Int = 4) throws(ExecError) {
        guard let endpoint = location.endpoint, !endpoint.isEmpty, let bucket = location.bucket, !bucket.isEmpty else {
            throw ExecError(.badRequest, "s3 location needs an endpoint and a bucket")
        }
        let secure = !(location.insecure ?? false)
        let credentials = try Self.credentials(location, secrets: secrets, environment: environment, caFile: caFile)
        var config = S3Client.Config(endpoint: endpoint, region: location.region ?? "", secure: secure,
                                     addressingStyle: S3Addressing.Style(location.addressingStyle), credentials: credentials, caFile: caFile)
        if let caSecret = location.caSecret, !(caSecret.name ?? "").isEmpty, secure {
            config.caPEM = try secrets.secret(caSecret)
        }
        if config.region.isEmpty { Self.resolveRegion(&config, bucket: bucket) }
        client = S3Client(config)
        self.bucket = bucket
        self.partSizeMiB = partSizeMiB
        self.concurrency = concurrency
        encryption = try S3Encryption(location.encryptionOptions, secure: secure, secrets: secrets)
        createBucket = location.createBucketIfNotPresent != nil
    }

    /// Argo's precedence: static keys from secrets, then `roleARN` (AssumeRole over the default chain), then
    /// `useSDKCreds` (the default chain), else minio's IAM chain (web identity, container, instance metadata).
    static func credentials(_ location: S3Artifact, secrets: any SecretResolver, environment: AWSEnvironment,
                            caFile: String?) throws(ExecError) -> AWSCredentialProvider {
        if let access = location.accessKeySecret, !(access.name ?? "").isEmpty {
            guard let secret = location.secretKeySecret else {
                throw ExecError(.badRequest, "s3 accessKeySecret is set but secretKeySecret is not")
            }
            return AWSCredentialProvider(fixed: AWSCredentials(
                accessKeyID: try secrets.credential(access), secretAccessKey: try secrets.credential(secret),
                sessionToken: try location.sessionTokenSecret.map { (s) throws(ExecError) in try secrets.credential(s) }))
        }
        if let role = location.roleARN, !role.isEmpty {
            return AWSCredentialProvider(.assumeRole(roleARN: role, sessionName: environment.sessionName,
                                                     base: try environment.defaultChain(caFile: nil), sts: environment.sts(caFile: nil)))
        }
        return try environment.defaultChain(environmentKeys: location.useSDKCreds == true, caFile: nil)
    }

    /// The region of a location without one, as minio-go's client without a region finds it (`privateNew`,
    /// `getBucketLocation`): the region the endpoint's name carries (`s3.eu-west-2.amazonaws.com`), else the
    /// bucket's location, asked once per process and bucket (`BucketRegionCache`) and then followed by every
    /// request, corrected by a region-mismatch answer.
    static func resolveRegion(_ config: inout S3Client.Config, bucket: String) {
        if let named = config.addressing.endpointRegion {
            config.region = named
        } else {
            config.region = S3Client(config).lookUpRegion(bucket)
            config.regionFromLookup = true
        }
    }

    /// The region an AWS endpoint's name carries (minio-go's `GetRegionFromURL`), nil for any other host.
    static func regionFromHostname(_ endpoint: String) -> String? {
        S3Addressing(endpoint: endpoint, secure: true, style: .auto).endpointRegion
    }

    /// Uploads a regular file, or every regular file of a directory to `key/<relative path>` (in parallel).
    public func save(_ source: LocalSource, key: String) throws(ExecError) {
        if createBucket { try retry.retrySync { () throws(ExecError) in try client.createBucket(bucket) } }
        switch source.node {
        case .file(let file, _):
            try saveFile(file, key: key)
        case .directory(let root, _):
            let tree = try ObjectTrees.walk(root)
            try ParallelWork.run(count: tree.files.count, width: directoryWidth, label: "argoexec.s3.tree") { [self] (index) throws(ExecError) in
                try saveFile(try tree.open(tree.files[index]), key: key + "/" + tree.files[index])
            }
        }
    }

    /// Uploads what `produce` writes (a tar.gz being packed) without a temporary file: parts go up while
    /// the producer runs. A producer or upload failure aborts the upload, leaving no object.
    public func saveStream(key: String, _ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        if createBucket { try retry.retrySync { () throws(ExecError) in try client.createBucket(bucket) } }
        let multipart = S3Multipart(client: client, concurrency: concurrency, retry: retry)
        let upload = StreamedUpload(multipart.target(bucket: bucket, key: key, headers: try encryption.forUpload(bucket: bucket, key: key),
                                                     partHeaders: try encryption.forRead(bucket: bucket, key: key)),
                                    basePartSize: max(partSizeMiB.map { $0 << 20 } ?? 0, Int(S3Multipart.minimumPartSize)),
                                    concurrency: concurrency)
        try upload.upload(produce)
    }

    func saveFile(_ file: FileDescriptor, key: String) throws(ExecError) {
        let fd = file.raw
        let size = try file.info().size
        let part = S3Multipart.partSize(for: size, configuredMiB: partSizeMiB)
        let headers = try encryption.forUpload(bucket: bucket, key: key)
        if size <= part {
            try retry.retrySync { () throws(ExecError) in
                try client.putObject(bucket: bucket, key: key, fd: fd, length: size, headers: headers)
            }
        } else {
            try S3Multipart(client: client, concurrency: concurrency, retry: retry)
                .upload(bucket: bucket, key: key, fd: fd, size: size, partSize: part, headers: headers,
                        partHeaders: try encryption.forRead(bucket: bucket, key: key))
        }
    }

    /// Downloads `key` to `path` through a temporary name, so a failed download leaves nothing at `path`.
    /// A key that is not an object but a prefix (`archive: none` directory) is downloaded as a tree.
    public func load(key: String, to destination: Destination) throws(ExecError) {
        try ObjectReads.loadObjectOrTree(to: destination, stream: { (file) throws(ExecError) in try stream(key: key, into: file) },
                                         isDirectory: { () throws(ExecError) in try isDirectory(key: key) },
                                         loadTree: { () throws(ExecError) in try loadTree(prefix: key, to: destination) })
    }

    /// Streams the object into `sink` (a file, a pipe into the unpacker). A connection dropped mid-body is
    /// resumed with `Range: bytes=<received>-` instead of starting over, so the sink sees every byte once.
    public func stream(key: String, into sink: any ByteSink) throws(ExecError) {
        let headers = try encryption.forRead(bucket: bucket, key: key)
        try ResumableDownload.run(retry, into: sink, name: "s3://\(bucket)/\(key)",
                                  size: { () throws(ExecError) in try client.headObject(bucket: bucket, key: key, headers: headers) }) {
            (part, range) throws(ExecError) in
            try client.getObject(bucket: bucket, key: key, into: part, range: range, headers: headers)
        }
    }

    /// The first `count` bytes of the object (format sniffing before an unpack).
    public func peek(key: String, count: Int) throws(ExecError) -> [UInt8] {
        let headers = try encryption.forRead(bucket: bucket, key: key)
        return try ObjectReads.peek(count, retry: retry) { (sink, range) throws(ExecError) in
            try client.getObject(bucket: bucket, key: key, into: sink, range: range, headers: headers)
        }
    }

    /// Argo's IsDirectory: true when objects exist under `key/`.
    public func isDirectory(key: String) throws(ExecError) -> Bool {
        let prefix = key.hasSuffix("/") ? key : key + "/"
        return try retry.retrySync { () throws(ExecError) in
            !(try client.listObjects(bucket: bucket, prefix: prefix, pageSize: 1, firstPageOnly: true).objects.isEmpty)
        }
    }

    /// Every object under `prefix/` to `path/<relative key>`, parallel like uploads; relative keys that
    /// would leave `path` (`..`, absolute) are refused.
    func loadTree(prefix: String, to destination: Destination) throws(ExecError) {
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        var plan = try ObjectTrees.downloadPlan(keys: try list(prefix: base).map(\.key), prefix: base, scheme: "s3", bucket: bucket)
        plan.directories = []  // S3 trees have no directory markers: directories come from the files
        try ObjectTrees.download(plan, to: destination, width: directoryWidth, label: "argoexec.s3.tree-get") { [self] (key, sink) throws(ExecError) in
            try stream(key: key, into: sink)
        }
    }

    public func list(prefix: String) throws(ExecError) -> [S3Client.Object] {
        try retry.retrySync { () throws(ExecError) in try client.listObjects(bucket: bucket, prefix: prefix).objects }
    }

    /// Argo's `ListObjects` (`workflow/artifacts/s3/s3.go` `listObjects`, `ListDirectory`): every key below `key/`,
    /// recursively, directory markers left out; none there is `NotFound` unless `key` itself is an object (then
    /// the list is empty).
    public func listObjects(key: String) throws(ExecError) -> [String] {
        let keys = try list(prefix: key.isEmpty ? "" : PathRules.clean(key) + "/").map(\.key).filter { !$0.hasSuffix("/") }
        if keys.isEmpty {
            do {
                _ = try retry.retrySync { () throws(ExecError) in try client.headObject(bucket: bucket, key: key) }
            } catch where error.code == .notFound {
                throw ExecError(.notFound, "no key found of name \(key)")
            }
        }
        return keys
    }

    /// Deletes `key`; a key ending in `/` deletes every object under it (Argo's GC rule).
    public func delete(key: String) throws(ExecError) {
        let keys = key.hasSuffix("/") ? try list(prefix: key).map(\.key) : [key]
        for k in keys { try retry.retrySync { () throws(ExecError) in try client.deleteObject(bucket: bucket, key: k) } }
    }}
