import Core

#if canImport(Glibc)
import Glibc
#endif

/// The two halves of "a directory as many objects" that object stores share (S3, OSS): walking a local
/// tree for upload, and mapping listed keys back onto a download directory without ever leaving it.
enum ObjectTrees {
    /// A local directory's regular files (`path`, relative path) and its directories (relative paths, the
    /// root as ""), sorted; symlinks and special files are skipped, as Argo's uploads do.
    struct Local {
        var files: [(path: String, relative: String)] = []
        var directories: [String] = [""]
    }

    static func walk(_ root: String) throws(ExecError) -> Local {
        var tree = Local()
        try walk(root, relative: "", into: &tree)
        return tree
    }

    private static func walk(_ root: String, relative: String, into tree: inout Local) throws(ExecError) {
        let dir = relative.isEmpty ? root : root + "/" + relative
        for name in try DirectoryListing.sortedNames(dir) {
            let rel = relative.isEmpty ? name : relative + "/" + name
            guard let st = try FileIO.lstatIfExists(root + "/" + rel) else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                tree.directories.append(rel)
                try walk(root, relative: rel, into: &tree)
            case S_IFREG: tree.files.append((root + "/" + rel, rel))
            default: continue
            }
        }
    }

    /// Where each listed key under `prefix/` lands below `path`: files (key, local path) and directories
    /// (keys ending in `/`, the markers OSS uploads write). A key whose remainder would leave `path`
    /// (`..`, `.`) is refused, naming the key.
    static func downloadPlan(keys: [String], prefix: String, into path: String, scheme: String,
                             bucket: String) throws(ExecError) -> (files: [(key: String, path: String)], directories: [String]) {
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        var files: [(key: String, path: String)] = []
        var directories: [String] = []
        for key in keys where key.hasPrefix(base) {
            let relative = key.dropFirst(base.count)
            let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
            guard !parts.contains(where: { $0 == ".." || $0 == "." }) else {
                throw ExecError(.badRequest, "\(scheme)://\(bucket)/\(key): key would leave the download directory")
            }
            let local = ([path] + parts.map(String.init)).joined(separator: "/")
            if relative.hasSuffix("/") || relative.isEmpty {
                directories.append(local)
            } else {
                files.append((key, local))
            }
        }
        return (files, directories)
    }
}

/// A GET that survives a connection dropped mid-body: it is resumed with `Range: bytes=<received>-`
/// instead of starting over, so the sink sees every byte exactly once (S3 and OSS downloads).
enum ResumableDownload {
    /// `get(sink, range)` performs one GET (range nil for the first) and returns the HTTP status.
    static func run(_ retry: Backoff, into sink: any ByteSink, name: String,
                    _ get: (any ByteSink, String?) throws(ExecError) -> Int) throws(ExecError) {
        let counting = CountingSink(sink)
        try retry.retrySync { () throws(ExecError) in
            let resumeAt = counting.count
            let status = try get(counting, resumeAt > 0 ? "bytes=\(resumeAt)-" : nil)
            if resumeAt > 0 && status != 206 {
                throw ExecError(.internal, "GET \(name): the server ignored the Range of a resumed download")
            }
        }
    }
}

/// The read paths S3 and OSS share around their own GET.
enum ObjectReads {
    /// Argo's load: the object through a temporary name (a failed download leaves nothing at `path`); its
    /// NotFound stands unless a listing shows a tree (a failed listing, say for lack of list permission,
    /// keeps the NotFound: it is the error that names the problem), which is then downloaded.
    static func loadObjectOrTree(to path: String, stream: (any ByteSink) throws(ExecError) -> Void,
                                 isDirectory: () throws(ExecError) -> Bool, loadTree: () throws(ExecError) -> Void) throws(ExecError) {
        do {
            try AtomicFile.write(path) { (file) throws(ExecError) in try stream(file) }
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
        } catch where error.context["status"] == "416" {
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
