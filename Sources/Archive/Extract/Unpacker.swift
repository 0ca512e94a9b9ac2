import Core
import Model

#if canImport(Glibc)
import Glibc
#endif

/// Unpacks input artifacts the way Argo's executor does (executor.md §4.3 steps 8-10): gzip-tar is
/// auto-detected (zip only when declared), extraction goes to `<target>.tmpdir`, a single top-level entry
/// is renamed onto the target, otherwise the tmpdir itself becomes the target. On any failure the tmpdir is
/// removed and nothing exists at the target: there is never a half-written artifact.
public enum Unpacker {
    public enum Format: Sendable {
        /// No `archive` on the artifact: tar.gz when it opens as gzip and holds a tar header, else a file.
        case auto
        case tarGz
        case zip
        case none
    }

    public typealias Limits = SafeExtractorLimits

    /// Argo's `isTarball`: true only when `path` opens as gzip and a first tar header can be read. A plain
    /// tar, a plain gzip, a zip, an empty file or a directory are all "no"; a missing path is an error.
    public static func isTarGz(_ path: String) throws(ExecError) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ExecError.system("stat", path, errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { return false }
        let fd = try FileIO.open(path, O_RDONLY)
        defer { close(fd) }
        guard let reader = try? ArchiveReader(tarGzFrom: fd, label: path) else { return false }
        return (try? reader.next()) != nil
    }

    /// `isTarGz` for the first bytes of a stream (a peeked object prefix, at most 60 KiB): gzip whose
    /// decompressed start is a tar header. Lets a download stream into the unpacker without a copy.
    public static func isTarGzPrefix(_ prefix: [UInt8]) -> Bool {
        guard prefix.starts(with: [0x1F, 0x8B]) else { return false }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        defer { close(fds[0]) }
        let bytes = prefix.prefix(60 * 1024)
        let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        guard written == bytes.count, let reader = try? ArchiveReader(tarGzFrom: fds[0], label: "prefix") else { return false }
        return (try? reader.next()) != nil
    }

    /// Extracts the archive at `archive` onto `target` (which must not exist yet).
    /// Returns the names of entries that were skipped (hard links, devices, FIFOs).
    @discardableResult
    public static func unpack(archive: String, to target: String, format: Format, limits: Limits = Limits()) throws(ExecError) -> [String] {
        switch format {
        case .none:
            throw ExecError(.badRequest, "archive strategy none: nothing to unpack")
        case .zip:
            return try extractZip(archive, to: target, limits: limits)
        case .auto:
            guard try isTarGz(archive) else { throw ExecError(.badRequest, "\(archive) is not a gzip-compressed tar archive") }
        case .tarGz:
            break
        }
        let fd = try FileIO.open(archive, O_RDONLY)
        defer { close(fd) }
        return try extractTarGz(fd: fd, label: archive, to: target, limits: limits)
    }

    /// Streams a tar.gz from `fd` (file, pipe or socket) onto `target` with the tmpdir-and-rename rule.
    @discardableResult
    public static func extractTarGz(fd: Int32, label: String, to target: String, limits: Limits = Limits()) throws(ExecError) -> [String] {
        try withTmpdir(target) { (dir) throws(ExecError) -> [String] in try extract(fd: fd, label: label, into: dir, limits: limits) }
    }

    /// Runs `body` on a fresh `<target>.tmpdir`, then moves the result onto `target`; on failure removes
    /// the tmpdir so nothing is left behind.
    private static func withTmpdir(_ target: String, _ body: (String) throws(ExecError) -> [String]) throws(ExecError) -> [String] {
        if try FileIO.lstatIfExists(target) != nil {
            throw ExecError(.badRequest, "\(target) already exists", context: ["path": target])
        }
        let tmpdir = target + ".tmpdir"
        try FileTree.removeTree(tmpdir)
        guard mkdir(tmpdir, 0o777) == 0 else { throw ExecError.system("mkdir", tmpdir, errno) }
        do {
            let skipped = try body(tmpdir)
            try moveIntoPlace(tmpdir: tmpdir, target: target)
            return skipped
        } catch {
            try? FileTree.removeTree(tmpdir)
            throw error
        }
    }

    /// Extracts a zip file onto `target` with the same tmpdir-and-rename rule.
    static func extractZip(_ archive: String, to target: String, limits: Limits) throws(ExecError) -> [String] {
        let reader = try ZipReader(path: archive)
        return try withTmpdir(target) { (dir) throws(ExecError) -> [String] in
            let extractor = try SafeExtractor(rootPath: dir, limits: limits)
            for item in reader.items {
                try reader.open(item)
                try extractor.extract(item.entry, from: reader)
            }
            try extractor.finish()
            return extractor.skipped
        }
    }

    private static func extract(fd: Int32, label: String, into dir: String, limits: Limits) throws(ExecError) -> [String] {
        let reader = try ArchiveReader(tarGzFrom: fd, label: label)
        let extractor = try SafeExtractor(rootPath: dir, limits: limits)
        while let entry = try reader.next() { try extractor.extract(entry, from: reader) }
        try extractor.finish()
        return extractor.skipped
    }

    /// One top-level entry → it becomes the target; otherwise the tmpdir does.
    private static func moveIntoPlace(tmpdir: String, target: String) throws(ExecError) {
        let names = try FileTree.sortedNames(tmpdir)
        if names.count == 1 {
            let only = tmpdir + "/" + names[0]
            guard rename(only, target) == 0 else { throw ExecError.system("rename", target, errno) }
            guard rmdir(tmpdir) == 0 else { throw ExecError.system("remove", tmpdir, errno) }
        } else {
            guard rename(tmpdir, target) == 0 else { throw ExecError.system("rename", target, errno) }
        }
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
