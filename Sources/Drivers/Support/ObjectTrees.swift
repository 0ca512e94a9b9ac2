import Core
import Model
import Transport

/// The two halves of "a directory as many objects" that object stores share (S3, OSS): walking a local
/// tree for upload, and mapping listed keys back onto a download directory without ever leaving it.
enum ObjectTrees {
    /// A local directory's regular files (relative paths, which become keys) and its directories (the
    /// root as ""), in walk order; symlinks and special files are skipped, as Argo's uploads skip them.
    struct Local: Sendable {
        let root: DirectoryHandle
        var files: [String] = []
        var directories: [String] = [""]

        /// Opens one of `files` again, without following anything (it may have changed since the walk).
        func open(_ relative: String) throws(ExecError) -> FileDescriptor {
            guard case .file(let file) = try root.resolve(RawPath(relative), symlinks: .refuse) else {
                throw ExecError(.badRequest, "\(root.label)/\(relative) is not a regular file")
            }
            return file
        }
    }

    static func walk(_ root: DirectoryHandle) throws(ExecError) -> Local {
        var tree = Local(root: root)
        try TreeWalk.walk(root) { (node) throws(ExecError) -> Bool in
            guard node.info.kind == .regular || node.info.kind == .directory else { return false }
            guard let key = node.relative.string else {
                throw ExecError(.badRequest, "\(root.label)/\(node.relative): the name is not UTF-8, so it cannot be an object key")
            }
            if node.info.kind == .directory { tree.directories.append(key) } else { tree.files.append(key) }
            return true
        }
        return tree
    }

    /// Where each listed key under `prefix/` lands below the download directory: files (key, relative
    /// path) and directories (keys ending in `/`, the markers OSS uploads write; "" for the root). A key
    /// whose remainder would leave the directory (`..`, `.`) is refused, naming the key.
    static func downloadPlan(keys: [String], prefix: String, scheme: String,
                             bucket: String) throws(ExecError) -> (files: [(key: String, path: String)], directories: [String]) {
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        var files: [(key: String, path: String)] = []
        var directories: [String] = []
        for key in keys where key.hasPrefix(base) {
            let relative = key.dropFirst(base.count)
            let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
            guard !parts.contains(where: { $0 == ".." || $0 == "." }), !relative.utf8.contains(0) else {
                throw ExecError(.badRequest, "\(scheme)://\(bucket)/\(key): key would leave the download directory")
            }
            let local = parts.joined(separator: "/")
            if relative.hasSuffix("/") || relative.isEmpty {
                directories.append(local)
            } else {
                files.append((key, local))
            }
        }
        return (files, directories)
    }

    /// Downloads a planned tree onto `destination` (through a temporary tree, so a failed download leaves
    /// nothing), `width` files at a time; `get(key, sink)` streams one object.
    static func download(_ plan: (files: [(key: String, path: String)], directories: [String]), to destination: Destination,
                         width: Int, label: String,
                         _ get: @escaping @Sendable (String, any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        try destination.writeTree { (root, _) throws(ExecError) in
            // Every directory once (markers and the files' parents), before the parallel downloads.
            var directories = Set(plan.directories.filter { !$0.isEmpty })
            for (_, path) in plan.files { directories.insert(PathRules.dir(path)) }
            for directory in directories.sorted() where directory != "." { try root.makeDirectories(RawPath(directory)) }
            // Each job resolves its file's directory itself: holding one open directory per file would run
            // out of descriptors on large trees.
            let jobs = plan.files
            try ParallelWork.run(count: jobs.count, width: width, label: label) { (index) throws(ExecError) in
                let (key, path) = jobs[index]
                let (parent, name) = try root.walkToParent(of: RawPath(path), symlinks: .refuse)
                try Destination(parent: parent, name: name, label: key).writeFile { (file) throws(ExecError) in try get(key, file) }
            }
        }
    }
}

/// A GET that survives a connection dropped mid-body: it is resumed with `Range: bytes=<received>-`
/// instead of starting over, so the sink sees every byte exactly once (S3 and OSS downloads).
enum ResumableDownload {
    /// `get(sink, range)` performs one GET (range nil for the first); `size()` asks the object's size (a
    /// HEAD) when a response announced none. Every answer is checked against the size the server announced
    /// (Content-Length of a 200, the total of a 206's Content-Range, else the HEAD), as minio-go checks it:
    /// a body that ends early, even a 200 without Content-Length closed halfway, is resumed, never taken as
    /// the whole object.
    static func run(_ retry: Backoff, into sink: any ByteSink, name: String, size: () throws(ExecError) -> Int64?,
                    _ get: (any ByteSink, String?) throws(ExecError) -> HTTPResponse) throws(ExecError) {
        let counting = CountingSink(sink)
        var known: Int64?
        try retry.retrySync { () throws(ExecError) in
            let resumeAt = counting.count
            let response = try get(counting, resumeAt > 0 ? "bytes=\(resumeAt)-" : nil)
            if resumeAt > 0 && response.status != 206 {
                throw ExecError(.internal, "GET \(name): the server ignored the Range of a resumed download")
            }
            if known == nil { known = try announcedSize(response, name: name) }
            if known == nil { known = try size() }
            guard let total = known else { return }
            if counting.count < total {
                throw ExecError(.internal, "GET \(name): the body ended after \(counting.count) of \(total) bytes", transient: true)
            }
            if counting.count > total {
                throw ExecError(.internal, "GET \(name): received \(counting.count) bytes of an object of \(total)")
            }
        }
    }

    /// The object's whole size as a response announces it: a 200's Content-Length, a 206's
    /// `Content-Range: bytes a-b/total` (nil for `*` or when absent).
    static func announcedSize(_ response: HTTPResponse, name: String) throws(ExecError) -> Int64? {
        if response.status == 206 {
            guard let range = response.header("content-range"), let slash = range.lastIndex(of: "/") else { return nil }
            return Int64(range[range.index(after: slash)...])
        }
        return try response.contentLength("GET \(name)")
    }
}

/// The read paths S3 and OSS share around their own GET.
enum ObjectReads {
    /// Argo's load: the object through a temporary name (a failed download leaves nothing at `path`); its
    /// NotFound stands unless a listing shows a tree (a failed listing, say for lack of list permission,
    /// keeps the NotFound: it is the error that names the problem), which is then downloaded.
    static func loadObjectOrTree(to destination: Destination, stream: (any ByteSink) throws(ExecError) -> Void,
                                 isDirectory: () throws(ExecError) -> Bool, loadTree: () throws(ExecError) -> Void) throws(ExecError) {
        do {
            try destination.writeFile { (file) throws(ExecError) in try stream(file) }
        } catch where error.code == .notFound {
            guard (try? isDirectory()) == true else { throw error }
            try loadTree()
        }
    }

    /// The first `count` bytes through a ranged GET (`get(sink, range)`), retried; an empty object has no
    /// first byte to range over (416) and peeks as empty.
    static func peek(_ count: Int, retry: Backoff, _ get: (any ByteSink, String) throws(ExecError) -> Void) throws(ExecError) -> [UInt8] {
        let sink = MemorySink()
        do {
            try retry.retrySync { () throws(ExecError) in
                sink.reset()
                try get(sink, "bytes=0-\(max(count, 1) - 1)")
            }
        } catch where error.status == 416 {
            return []
        }
        return Array(sink.bytes.prefix(count))
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
