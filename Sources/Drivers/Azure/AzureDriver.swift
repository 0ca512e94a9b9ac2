import Core
import Model
import Signing
import Transport

/// Azure Blob Storage artifact operations on one container (Argo's `workflow/artifacts/azure/azure.go`):
/// the same endpoint forms, credentials (account key, SAS token, `useSDKCreds`), directory rules (a blob
/// name is a directory when blobs exist under `name/`) and uploads without directory markers. Differences:
/// files above one block go up as parallel Put Block calls (Argo: one request up to 256 MiB), archives are
/// uploaded while they are packed, downloads stream, resume and check the blob's MD5, every request is
/// retried on its own (Argo leaves retries to the SDK), and a directory is listed as `name/` (Argo lists
/// `name`, which also takes in `name2/...`): docs/differences.md.
public struct AzureDriver: Sendable {
    public var client: AzureClient
    public var retry = Backoff.executorDefault
    public var concurrency: Int
    public var partSize: Int64
    /// Blobs uploaded, downloaded or deleted at once for a directory tree.
    public var directoryWidth = 16

    public init(location: AzureArtifact, secrets: any SecretResolver, environment: AzureEnvironment = AzureEnvironment(),
                partSizeMiB: Int? = nil, concurrency: Int = 4) throws(ExecError) {
        guard let endpointText = location.endpoint, !endpointText.isEmpty else {
            throw ExecError(.badRequest, "azure location needs an endpoint")
        }
        let endpoint = try AzureEndpoint(endpoint: endpointText, container: location.container ?? "")
        let credentials: AzureCredentialProvider
        if location.useSDKCreds == true {
            credentials = environment.defaultChain()
        } else {
            guard let selector = location.accountKeySecret, let name = selector.name, !name.isEmpty, !selector.key.isEmpty else {
                throw ExecError(.badRequest, "accountKey secret is required for Azure Blob Storage if useSDKCreds is false")
            }
            let key = try secrets.credential(selector)
            guard !key.isEmpty else { throw ExecError(.badRequest, "accountKey secret is required for Azure Blob Storage if useSDKCreds is false") }
            credentials = AzureSASToken.looksLikeSAS(key) ? AzureCredentialProvider(.sas(AzureSASToken(key)))
                : AzureCredentialProvider(.sharedKey(try AzureSharedKeySigner(account: try endpoint.accountName(), accountKey: key)))
        }
        client = AzureClient(.init(endpoint: endpoint, credentials: credentials))
        self.concurrency = concurrency
        partSize = Int64(min(max(partSizeMiB ?? 16, 1), 4000)) << 20
    }

    var container: String { client.container }

    // MARK: save

    /// Uploads a file, or a directory as Argo does: every regular file as `<key>/<relative path>` (Go's
    /// `path.Join`), no blobs for directories (an empty directory is not kept), symlinks skipped.
    public func save(_ source: LocalSource, key: String) throws(ExecError) {
        guard case .directory(let root, _) = source.node else {
            guard case .file(let file, _) = source.node else { return }
            return try saveFile(file, key: key)
        }
        let tree = try ObjectTrees.walk(root)
        try ParallelWork.run(count: tree.files.count, width: directoryWidth, label: "argoexec.azure.tree") { [self] (index) throws(ExecError) in
            try saveFile(try tree.open(tree.files[index]), key: PathRules.join(key, tree.files[index]))
        }
    }

    /// Uploads what `produce` writes (a tar.gz being packed) as blocks while it is produced; a failure
    /// commits nothing, so no blob appears.
    public func saveStream(key: String, _ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        let upload = StreamedUpload(target(key), basePartSize: Int(partSize), concurrency: concurrency)
        try upload.upload(produce)
    }

    /// Up to one block: Put Blob; larger: parallel Put Block calls read with pread, then Put Block List.
    func saveFile(_ file: FileDescriptor, key: String) throws(ExecError) {
        let fd = file.raw
        let size = try file.info().size
        let block = AzureBlockUpload.blockSize(for: size, configured: partSize)
        if size <= block {
            try retry.retrySync { () throws(ExecError) in try client.putBlob(key, body: .fileRange(fd: fd, offset: 0, length: size)) }
        } else {
            try MultipartUpload.fromFile(target(key), fd: fd, size: size, partSize: block, concurrency: concurrency)
        }
    }

    func target(_ key: String) -> AzureBlockUpload { AzureBlockUpload(client: client, blob: key, retry: retry) }

    // MARK: list, directories, delete

    /// Every blob under `prefix`, the prefix as given (Argo's ListObjects), following markers.
    public func list(prefix: String) throws(ExecError) -> [AzureClient.Blob] {
        var blobs: [AzureClient.Blob] = []
        var marker: String?
        repeat {
            let page = try retry.retrySync { () throws(ExecError) in try client.listBlobs(prefix: prefix, marker: marker) }
            blobs += page.blobs
            if let next = page.next, next == marker {
                throw ExecError(.internal, "ListBlobs \(AzureError.name(container, prefix)): the service answered the same marker twice")
            }
            marker = page.next
        } while marker != nil
        return blobs
    }

    /// Argo's ListObjects for a data template's `artifactPaths`: the names of every blob under `key` as given.
    public func listObjects(key: String) throws(ExecError) -> [String] { try list(prefix: key).map(\.name) }

    /// Argo's IsDirectory: an empty key is the container; otherwise any blob under `key/`.
    public func isDirectory(key: String) throws(ExecError) -> Bool {
        guard !key.isEmpty else { return true }
        let prefix = key.hasSuffix("/") ? key : key + "/"
        var marker: String?
        // A page may come back empty with a marker (the service stops at its time limit): follow a few.
        for _ in 0..<20 {
            let page = try retry.retrySync { () throws(ExecError) in try client.listBlobs(prefix: prefix, marker: marker, maxResults: 1) }
            if !page.blobs.isEmpty { return true }
            guard let next = page.next, next != marker else { return false }
            marker = next
        }
        return false
    }

    /// Argo's Delete: a directory (`key/` has blobs, or the key ends in `/`) loses every blob under it and
    /// then a blob named `key` itself (what an ADLS Gen2 account shows for the directory); otherwise the one
    /// blob. A blob already gone counts as deleted.
    public func delete(key: String) throws(ExecError) {
        // Argo would list and delete the whole container for an empty blob name; no artifact has one.
        guard !key.isEmpty else { throw ExecError(.badRequest, "azure: refusing to delete an empty blob name (the whole container \(container))") }
        if !key.hasSuffix("/"), try !isDirectory(key: key) { return try deleteBlob(key) }
        let prefix = key.hasSuffix("/") ? key : key + "/"
        let names = try list(prefix: prefix).map(\.name)
        try ParallelWork.run(count: names.count, width: directoryWidth, label: "argoexec.azure.delete") { [self] (index) throws(ExecError) in
            try deleteBlob(names[index])
        }
        if !key.hasSuffix("/") { try deleteBlob(key) }
    }

    func deleteBlob(_ name: String) throws(ExecError) {
        do {
            try retry.retrySync { () throws(ExecError) in try client.deleteBlob(name) }
        } catch where error.reason == "BlobNotFound" {
            return
        }
    }
}

/// The store factory adapts it through `KeyedStore` (Sources/Drivers/ArtifactStore.swift).
extension AzureDriver: KeyedArtifactDriver {}
