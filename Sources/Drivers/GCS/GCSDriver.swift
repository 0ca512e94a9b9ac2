import Core
import Digest
import Model
import Transport

/// Google Cloud Storage artifact operations on one bucket (Argo's `workflow/artifacts/gcs/gcs.go`), over the
/// JSON API. As Argo: keys are `filepath.Clean`ed; a directory is every object under `key/`; credentials are
/// the serviceAccountKeySecret (service_account only) or Application Default Credentials; retries follow
/// GCS's `defaultRetry` on googleapi's transient answers. Differences, on purpose (docs/artifacts.md#gcs):
/// objects are streamed (no temporary file for OpenStream or SaveStream), downloads resume with Range and
/// are checked against the object's CRC-32C, large files go up in a resumable session that survives dropped
/// chunks, each request is retried on its own, a directory load takes only `key/...` (Argo's bare prefix
/// also takes siblings such as `keyfoo`), IsDirectory is answered, deleting a missing object succeeds, and
/// a key ending in `/` deletes the prefix.
public struct GCSDriver: Sendable {
    public var client: GCSClient
    public let bucket: String
    /// Argo's GCS `defaultRetry`: 5 steps from 2 s, doubling, 10% jitter, capped at 10 minutes.
    public var retry = Backoff(steps: 5, duration: .seconds(2), factor: 2, jitter: 0.1, cap: .seconds(600))
    /// Files up to one chunk are one request; larger ones go in chunks of this size (a multiple of 256 KiB).
    public var chunkSize: Int64
    /// Kept for the common driver signature; a resumable session takes its chunks in order, so one object
    /// is one stream of requests (trees go `directoryWidth` objects at a time).
    public var concurrency: Int
    /// Objects uploaded or downloaded at once for a directory tree.
    public var directoryWidth = 16

    public init(location: GCSArtifact, secrets: any SecretResolver, environment: GCSEnvironment = GCSEnvironment(),
                partSizeMiB: Int? = nil, concurrency: Int = 4) throws(ExecError) {
        guard let bucket = location.bucket, !bucket.isEmpty else { throw ExecError(.badRequest, "gcs location needs a bucket") }
        let (root, anonymous) = try environment.service()
        let credentials: GCSCredentialProvider
        if let selector = location.serviceAccountKeySecret, selector.name?.isEmpty == false {
            // Google's client adds WithoutAuthentication for an emulator, which its option check refuses next
            // to Argo's WithCredentials: Argo fails the same way (cloud.google.com/go/storage http_client.go).
            guard !anonymous else {
                throw ExecError(.invalidConfig, "GCS storage.NewClient with credential: dialing: options.WithoutAuthentication is "
                    + "incompatible with any option that provides credentials (STORAGE_EMULATOR_HOST is set and so is serviceAccountKeySecret)")
            }
            credentials = try GCSCredentialProvider.serviceAccountKey(try secrets.secret(selector))
        } else {
            credentials = anonymous ? GCSCredentialProvider(.anonymous) : try environment.applicationDefaultCredentials()
        }
        client = GCSClient(GCSClient.Config(root: root, credentials: credentials))
        self.bucket = bucket
        self.concurrency = concurrency
        chunkSize = Self.chunkSize(mebibytes: partSizeMiB)
    }

    /// Google's default chunk is 16 MiB; a configured size is rounded up to GCS's 256 KiB granularity.
    static func chunkSize(mebibytes: Int?) -> Int64 {
        guard let mib = mebibytes, mib > 0 else { return 16 << 20 }
        return Int64(min(mib, 5 << 10)) << 20
    }

    var label: (String) -> String { { "gs://\(bucket)/\($0)" } }

    /// Argo's `filepath.Clean(key)`.
    static func clean(_ key: String) -> String { PathRules.clean(key) }

    // MARK: save

    /// A file as one object at `clean(key)`; a directory as `clean(key)/<relative path>` for every regular
    /// file below it, `directoryWidth` at a time (no directory markers: Argo writes none for GCS).
    public func save(_ source: LocalSource, key: String) throws(ExecError) {
        let name = Self.clean(key)
        switch source.node {
        case .file(let file, _):
            try saveFile(file, name: name)
        case .directory(let root, _):
            let tree = try ObjectTrees.walk(root)
            let prefix = name == "." ? "" : name + "/"
            try ParallelWork.run(count: tree.files.count, width: directoryWidth, label: "argoexec.gcs.tree") { [self] (index) throws(ExecError) in
                try saveFile(try tree.open(tree.files[index]), name: prefix + tree.files[index])
            }
        }
    }

    /// Uploads what `produce` writes while it is produced (one resumable session, one chunk in memory).
    public func saveStream(key: String, _ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        let upload = GCSStreamedUpload(client: client, bucket: bucket, name: Self.clean(key), retry: retry,
                                       chunkSize: Int(max(chunkSize, GCSResumableUpload.quantum)))
        try upload.run(produce)
    }

    func saveFile(_ file: FileDescriptor, name: String) throws(ExecError) {
        let fd = file.raw
        let size = try file.info().size
        let type = try GCSContentType.sniff(fd: fd, size: size)
        if size <= chunkSize {
            return try retry.retrySync { () throws(ExecError) in
                try client.insert(bucket: bucket, name: name, body: .fileRange(fd: fd, offset: 0, length: size), contentType: type)
            }
        }
        var upload = try GCSResumableUpload(client: client, bucket: bucket, name: name, contentType: type, retry: retry)
        do {
            let chunk = max(chunkSize / GCSResumableUpload.quantum, 1) * GCSResumableUpload.quantum
            while upload.object == nil {
                let end = min(upload.committed + chunk, size)
                try upload.send(upTo: end, total: end == size ? size : nil, floor: 0) { (offset, length) throws(ExecError) in
                    .fileRange(fd: fd, offset: offset, length: length)
                }
            }
            try GCSContentType.checkUploaded(upload.object, size: size, crc32c: nil, what: label(name))
        } catch {
            upload.cancel()
            throw error
        }
    }
}

// Here rather than beside S3's and OSS's in ArtifactStore.swift, so this folder builds on its own; the
// store factory's `KeyedStore<GCSDriver>` uses it.
extension GCSDriver: KeyedArtifactDriver {}
