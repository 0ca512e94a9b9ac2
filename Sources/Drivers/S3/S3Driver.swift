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
    /// Server-side encryption headers for uploads (from `encryptionOptions`).
    public let encryptionHeaders: [(String, String)]
    /// `createBucketIfNotPresent`: make the bucket before the first save.
    public let createBucket: Bool

    public init(location: S3Artifact, secrets: any SecretResolver, ambient: AWSCredentials?, caFile: String? = nil,
                partSizeMiB: Int? = nil, concurrency: Int = 4) throws(ExecError) {
        guard let endpoint = location.endpoint, !endpoint.isEmpty, let bucket = location.bucket, !bucket.isEmpty else {
            throw ExecError(.badRequest, "s3 location needs an endpoint and a bucket")
        }
        let credentials: AWSCredentials
        if let access = location.accessKeySecret, !(access.name ?? "").isEmpty {
            guard let secret = location.secretKeySecret else {
                throw ExecError(.badRequest, "s3 accessKeySecret is set but secretKeySecret is not")
            }
            credentials = AWSCredentials(accessKeyID: try secrets.credential(access), secretAccessKey: try secrets.credential(secret),
                                         sessionToken: try location.sessionTokenSecret.map { (s) throws(ExecError) in try secrets.credential(s) })
        } else if let ambient {
            credentials = ambient
        } else {
            throw ExecError(.badRequest, "no S3 credentials: set accessKeySecret/secretKeySecret, or useSDKCreds with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        let region = (location.region ?? "").isEmpty ? "us-east-1" : location.region ?? "us-east-1"
        client = S3Client(.init(endpoint: endpoint, region: region, secure: !(location.insecure ?? false),
                                virtualHosted: location.addressingStyle == "virtual-hosted", credentials: credentials, caFile: caFile))
        self.bucket = bucket
        self.partSizeMiB = partSizeMiB
        self.concurrency = concurrency
        encryptionHeaders = try Self.encryption(location.encryptionOptions)
        createBucket = location.createBucketIfNotPresent != nil
    }

    /// SSE headers (artifacts.md §5.1): with `enableEncryption`, SSE-KMS when a key id is given (with the
    /// context as AWS documents it: base64 of the JSON), else SSE-S3 (AES256).
    static func encryption(_ options: S3EncryptionOptions?) throws(ExecError) -> [(String, String)] {
        guard let options, options.enableEncryption == true else { return [] }
        if options.serverSideCustomerKeySecret != nil {
            if !(options.kmsKeyId ?? "").isEmpty {
                throw ExecError(.badRequest, "s3 encryptionOptions: kmsKeyId and serverSideCustomerKeySecret cannot be used together")
            }
            throw ExecError(.notImplemented, "s3 SSE-C (serverSideCustomerKeySecret) is not implemented yet")
        }
        guard let kms = options.kmsKeyId, !kms.isEmpty else { return [("x-amz-server-side-encryption", "AES256")] }
        var headers = [("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", kms)]
        if let context = options.kmsEncryptionContext, !context.isEmpty {
            headers.append(("x-amz-server-side-encryption-context", Base64.encode(Array(context.utf8))))
        }
        return headers
    }

    /// Uploads a regular file, or every regular file of a directory to `key/<relative path>` (in parallel).
    public func save(_ path: String, key: String) throws(ExecError) {
        guard let st = try FileIO.lstatIfExists(path) else { throw ExecError.system("stat", path, ENOENT) }
        if createBucket { try retry.retrySync { () throws(ExecError) in try client.createBucket(bucket) } }
        guard st.st_mode & S_IFMT == S_IFDIR else { return try saveFile(path, key: key) }
        let files = try Self.regularFiles(below: path)
        try ParallelWork.run(count: files.count, width: directoryWidth, label: "argoexec.s3.tree") { [self] (index) throws(ExecError) in
            try saveFile(files[index].0, key: key + "/" + files[index].1)
        }
    }

    func saveFile(_ path: String, key: String) throws(ExecError) {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ExecError.system("stat", path, errno) }
        let size = Int64(st.st_size)
        let part = S3Multipart.partSize(for: size, configuredMiB: partSizeMiB)
        if size <= part {
            try retry.retrySync { () throws(ExecError) in
                try client.putObject(bucket: bucket, key: key, fd: fd, length: size, headers: encryptionHeaders)
            }
        } else {
            try S3Multipart(client: client, concurrency: concurrency, retry: retry)
                .upload(bucket: bucket, key: key, fd: fd, size: size, partSize: part, headers: encryptionHeaders)
        }
    }

    /// Downloads `key` to `path` through a temporary name, so a failed download leaves nothing at `path`.
    /// A connection dropped mid-body is resumed with `Range: bytes=<received>-` instead of starting over.
    public func load(key: String, to path: String) throws(ExecError) {
        try AtomicFile.write(path) { (file) throws(ExecError) in
            let sink = CountingSink(file)
            try retry.retrySync { () throws(ExecError) in
                let resumeAt = sink.count
                let status = try client.getObject(bucket: bucket, key: key, into: sink, range: resumeAt > 0 ? "bytes=\(resumeAt)-" : nil)
                if resumeAt > 0 && status != 206 {
                    throw ExecError(.internal, "GetObject s3://\(bucket)/\(key): the server ignored the Range of a resumed download")
                }
            }
        }
    }

    public func list(prefix: String) throws(ExecError) -> [S3Client.Object] {
        try retry.retrySync { () throws(ExecError) in try client.listObjects(bucket: bucket, prefix: prefix).objects }
    }

    /// Deletes `key`; a key ending in `/` deletes every object under it (Argo's GC rule).
    public func delete(key: String) throws(ExecError) {
        let keys = key.hasSuffix("/") ? try list(prefix: key).map(\.key) : [key]
        for k in keys { try retry.retrySync { () throws(ExecError) in try client.deleteObject(bucket: bucket, key: k) } }
    }

    /// Regular files below `root` (symlinks and special files skipped, as Argo's PutDirectory does).
    static func regularFiles(below root: String, relative: String = "") throws(ExecError) -> [(String, String)] {
        var out: [(String, String)] = []
        let dir = relative.isEmpty ? root : root + "/" + relative
        for name in try DirectoryListing.sortedNames(dir) {
            let rel = relative.isEmpty ? name : relative + "/" + name
            guard let st = try FileIO.lstatIfExists(root + "/" + rel) else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: out += try regularFiles(below: root, relative: rel)
            case S_IFREG: out.append((root + "/" + rel, rel))
            default: continue
            }
        }
        return out
    }
}

/// Counts what passed through to the underlying sink (the resume point of a download).
final class CountingSink: ByteSink {
    private let inner: any ByteSink
    private(set) var count: Int64 = 0

    init(_ inner: any ByteSink) { self.inner = inner }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        try inner.write(bytes)
        count += Int64(bytes.count)
    }

    func finish() throws(ExecError) { try inner.finish() }
}
