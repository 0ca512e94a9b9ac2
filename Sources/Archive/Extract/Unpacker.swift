import Core
import ModelBase

/// Unpacks input artifacts the way Argo's executor does (docs/archives.md, "Unpacking"): gzip-tar is
/// auto-detected (zip only when declared), extraction goes to `<target>.tmpdir`, a single top-level entry
/// becomes the target, otherwise the tmpdir itself does. Before anything is moved, every extracted link is
/// resolved where it will finally be and must stay inside; after the move, directory modes are applied
/// (so a read-only directory never blocks the move). On any failure nothing is left: not the tmpdir, not
/// a half-written target.
public enum Unpacker {
    public enum Format: Sendable {
        /// No `archive` on the artifact: tar.gz when it opens as gzip and holds a tar header, else a file.
        case auto
        case tarGz
        case zip
        case none
    }

    public typealias Limits = SafeExtractorLimits

    /// Extracts the archive at `archive` onto `target`; returns the names of
    /// the entries that were skipped (hard links, devices, FIFOs).
    @discardableResult
    public static func unpack(archive: String, to target: Destination, format: Format, limits: Limits = Limits()) throws(ExecError) -> [String] {
        switch format {
        case .none:
            throw ExecError(.badRequest, "archive strategy none: nothing to unpack")
        case .zip:
            let file = try FileDescriptor.openForReading(archive)
            return try extractZip(file, to: target, limits: limits)
        case .auto:
            guard try Detection.isTarGz(archive) else { throw ExecError(.badRequest, "\(archive) is not a gzip-compressed tar archive") }
        case .tarGz:
            break
        }
        let file = try FileDescriptor.openForReading(archive)
        return try extractTarGz(fd: file.raw, label: archive, to: target, limits: limits)
    }

    /// Streams a tar.gz from `fd` (file, pipe or socket; not owned) onto `target`.
    @discardableResult
    public static func extractTarGz(fd: Int32, label: String, to target: Destination, limits: Limits = Limits()) throws(ExecError) -> [String] {
        try place(target, limits: limits) { (extractor) throws(ExecError) in
            let gzip = try GzipReader(fd: fd, label: label)
            // `maxBytes` bounds everything decompressed (skipped entries' data, what follows the archive's
            // end), not only what is written: a bomb hidden in a skipped entry is stopped too.
            let source = BoundedSource(gzip, limit: limits.maxBytes)
            let tar = TarReader(source: source, label: label)
            while let entry = try tar.next() { try extractor.extract(entry, from: tar) }
            // Read to the end: the gzip trailer is checked and trailing bytes count against the limit.
            var scratch = [UInt8](repeating: 0, count: 64 * 1024)
            while try scratch.withMutableBytes({ (b) throws(ExecError) -> Int in try source.read(into: b) }) > 0 {}
        }
    }

    /// Extracts a zip (an open file: zip needs random access) onto `target`.
    @discardableResult
    public static func extractZip(_ file: FileDescriptor, to target: Destination, limits: Limits = Limits()) throws(ExecError) -> [String] {
        let reader = try ZipReader(file)
        return try place(target, limits: limits) { (extractor) throws(ExecError) in
            for item in reader.items {
                try reader.open(item)
                try extractor.extract(item.entry, from: reader)
            }
        }
    }

    /// Runs `fill` on a fresh `<target>.tmpdir`, checks the links, moves the result onto `target` and
    /// applies directory modes; on failure removes everything it made.
    private static func place(_ target: Destination, limits: Limits, _ fill: (SafeExtractor) throws(ExecError) -> Void) throws(ExecError) -> [String] {
        // An existing target is replaced as rename(2) replaces it, which is what Argo's `os.Rename` does: a
        // file, or an empty directory (a reused volume); a non-empty directory stays and is an error.
        let tmpdir = target.sibling(suffix: ".tmpdir")
        try tmpdir.removeTree()
        let registration = TemporaryNames.register(target.parent, tmpdir.name)  // removed if we are interrupted
        defer { TemporaryNames.release(registration, removing: false) }
        guard try target.parent.makeDirectory(tmpdir.name, mode: 0o755) else {
            throw ExecError(.badRequest, "\(tmpdir.label) appeared while it was being replaced", context: ["path": tmpdir.label])
        }
        var moved = false
        do {
            let root = try target.parent.openDirectory(tmpdir.name)
            let extractor = SafeExtractor(root: root, limits: limits)
            try fill(extractor)
            let names = try root.names()
            let unwrapped = names.count == 1 ? names[0] : nil
            try checkLinks(extractor.links, root: root, unwrapped: unwrapped)
            if let only = unwrapped {
                try root.rename(only, to: target.parent, target.name)
                moved = true
                try target.parent.remove(tmpdir.name)
            } else {
                try target.parent.rename(tmpdir.name, to: target.parent, target.name)
                moved = true
            }
            try applyDirectoryModes(extractor.directoryModes, target: target, unwrapped: unwrapped)
            return extractor.skippedNames
        } catch {
            try? tmpdir.removeTree()
            if moved { try? target.removeTree() }
            throw error
        }
    }

    /// Every link must resolve inside the tree it will finally belong to (the single top-level entry when
    /// that is unwrapped), through any other links, with dangling rests taken lexically. A single top-level
    /// entry that is itself a link would become a link in the target's parent: refused.
    private static func checkLinks(_ links: [SafeExtractor.Link], root: DirectoryHandle, unwrapped: RawPath?) throws(ExecError) {
        guard !links.isEmpty else { return }
        var anchor = root
        var strip = 0
        if let only = unwrapped {
            if try root.info(only)?.kind == .symlink, let link = links.last(where: { $0.path == only }) {
                throw illegalLink(link, "the archive's only entry is a link")
            }
            guard try root.info(only)?.kind == .directory else { return }
            anchor = try root.openDirectory(only)
            strip = 1
        }
        for link in links {
            let parts = link.path.components.dropFirst(strip)
            guard try anchor.staysInside(RawPath.joined(Array(parts))) else { throw illegalLink(link, "it resolves outside the artifact") }
        }
    }

    private static func illegalLink(_ link: SafeExtractor.Link, _ why: String) -> ExecError {
        ExecError(.badRequest, "illegal symlink target: \(link.entry.name) -> \(link.entry.linkTarget) (\(why))",
                  context: ["entry": link.entry.name.description])
    }

    /// Directory modes, deepest first (a directory made unreadable must not block its children), relative
    /// to the target in its final place.
    private static func applyDirectoryModes(_ modes: [(path: RawPath, mode: UInt32)], target: Destination, unwrapped: RawPath?) throws(ExecError) {
        guard !modes.isEmpty else { return }
        let strip = unwrapped == nil ? 0 : 1
        let top = try target.parent.openDirectory(target.name)
        // The last entry for a directory wins, as with tar; then deeper first.
        var last: [RawPath: UInt32] = [:]
        for (path, mode) in modes { last[path] = mode }
        let ordered = last.sorted { a, b in
            let (da, db) = (a.key.components.count, b.key.components.count)
            return da != db ? da > db : a.key < b.key
        }
        for (path, mode) in ordered {
            let parts = Array(path.components.dropFirst(strip))
            if parts.isEmpty {
                try target.parent.setMode(target.name, mode)
                continue
            }
            let (parent, leaf) = try top.walkToParent(of: RawPath.joined(parts), symlinks: .refuse)
            try parent.setMode(leaf, mode)
        }
    }
}

/// A source that fails once more than `limit` bytes came through it.
final class BoundedSource: ByteSource {
    private let inner: any ByteSource
    private let limit: Int64?
    private var count: Int64 = 0

    init(_ inner: any ByteSource, limit: Int64?) {
        self.inner = inner
        self.limit = limit
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        let n = try inner.read(into: buffer)
        count += Int64(n)
        if let limit, count > limit { throw ExecError(.badRequest, "archive expands to more than \(limit) bytes") }
        return n
    }
}

/// Limits on what an archive may expand to (a decompression-bomb guard). No limit by default: artifacts
/// may legitimately be huge, and running out of disk is reported as a normal write error.
public struct SafeExtractorLimits: Sendable {
    public var maxBytes: Int64?
    public var maxEntries: Int?

    public init(maxBytes: Int64? = nil, maxEntries: Int? = nil) {
        self.maxBytes = maxBytes
        self.maxEntries = maxEntries
    }
}

/// Path forms for paths this process trusts (the command line, its own staging, tests).
extension Unpacker {
    @discardableResult
    public static func unpack(archive: String, to target: String, format: Format, limits: Limits = Limits()) throws(ExecError) -> [String] {
        try unpack(archive: archive, to: try Destination.path(target, createParents: 0o755), format: format, limits: limits)
    }

    @discardableResult
    public static func extractTarGz(fd: Int32, label: String, to target: String, limits: Limits = Limits()) throws(ExecError) -> [String] {
        try extractTarGz(fd: fd, label: label, to: try Destination.path(target, createParents: 0o755), limits: limits)
    }
}
