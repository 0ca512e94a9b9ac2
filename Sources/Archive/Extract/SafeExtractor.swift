import Core
import ModelBase

/// Writes archive entries below one directory and nowhere else (docs/security.md, "Unpacking"). Every
/// entry's directory is reached from the root's descriptor by the one anchored walker, which refuses
/// links, so no entry can write through a link that an earlier entry planted. Names are bytes; the entry
/// is named in every error:
/// - a name holding NUL, an absolute name and a name whose `..` climbs out are rejected
///   (`illegal file path: <name>`);
/// - a name that passes through a symlink or a file is rejected;
/// - a symlink whose target is absolute or, taken lexically from its directory, leaves the root is
///   rejected at once (`illegal symlink target: <name> -> <link>`); every link is checked again where
///   it finally lands, resolved through other links (`Unpacker`);
/// - hard links, devices, FIFOs and sockets are skipped (as Argo does) and reported to the caller;
/// - files get their permission bits only (no setuid, setgid or sticky) through the process umask, as
///   Argo's files are created; directory modes likewise, recorded and applied once the tree is in its
///   final place.
final class SafeExtractor {
    typealias Limits = SafeExtractorLimits

    struct Link {
        let path: RawPath
        let entry: ArchiveEntry
    }

    private let root: DirectoryHandle
    private let limits: Limits
    private var bytes: Int64 = 0
    private var entries = 0
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    /// The first `maxSkippedNames` skipped entries (names cut to 256 bytes), then a count of the rest:
    /// a hostile archive of a million skipped entries with 1 MiB names must not become a list in memory.
    private(set) var skipped: [String] = []
    private var skippedMore = 0
    static let maxSkippedNames = 100
    /// Longer names are refused: 16 times `PATH_MAX`, more than Argo's executor can create at all.
    static let maxNameBytes = 65_536
    /// The directory of the previous entry, reused while entries stay in it (or go one level into the
    /// directory just made), so tar's usual order costs one walk per directory, not per entry.
    private var lastParent: (path: [RawPath], handle: DirectoryHandle)?
    /// Directories made, with the permission bits to give them at the end (in creation order).
    private(set) var directoryModes: [(path: RawPath, mode: UInt32)] = []
    /// Every symlink made, for the final-place check.
    private(set) var links: [Link] = []

    init(root: DirectoryHandle, limits: Limits) {
        self.root = root
        self.limits = limits
    }

    func extract(_ entry: ArchiveEntry, from reader: any EntryDataSource) throws(ExecError) {
        entries += 1
        try TemporaryNames.checkNotAborted()
        if let max = limits.maxEntries, entries > max {
            throw ExecError(.badRequest, "archive has more than \(max) entries")
        }
        switch entry.kind {
        case .hardlink, .other:
            // Skipped, as Argo skips them; their names are checked the way Argo checks every name, absolute
            // ones joined below the target (GNU tar names PAX global headers `/tmp/GlobalHead.<pid>.<n>`).
            let relative = RawPath(bytes: entry.name.bytes.drop { $0 == UInt8(ascii: "/") })
            guard !entry.name.containsNUL, entry.name.bytes.count <= Self.maxNameBytes, Self.components(relative) != nil else {
                throw illegal(entry.name)
            }
            if skipped.count < Self.maxSkippedNames {
                skipped.append(RawPath(bytes: entry.name.bytes.prefix(256)).description)
            } else {
                skippedMore += 1
            }
            return
        default: break
        }
        guard !entry.name.containsNUL, entry.name.bytes.count <= Self.maxNameBytes, let parts = Self.components(entry.name) else {
            throw illegal(entry.name)
        }
        if parts.isEmpty {
            // `./` or `a/..`: the root itself. Argo fails on it; GNU tar writes `./` first. A directory entry
            // for the root is harmless, anything else is not.
            if case .directory = entry.kind { return }
            throw illegal(entry.name)
        }
        let relative = RawPath.joined(parts)
        let parent: DirectoryHandle, leaf: RawPath = parts[parts.count - 1]
        do {
            parent = try parentDirectory(Array(parts.dropLast()), relative)
        } catch where error.cause is WalkRefusal {
            let element = (error.cause as? WalkRefusal)?.element ?? .empty
            throw ExecError(.badRequest, "illegal file path: \(entry.name): \(element) is a symlink or not a directory",
                            context: ["entry": entry.name.description])
        }
        switch entry.kind {
        case .directory:
            try parent.makeDirectory(leaf, mode: 0o700)
            directoryModes.append((relative, entry.mode & 0o777 & ~FileCreationMask.value))
        case .regular:
            try replaceable(parent, leaf, entry: entry.name)
            try writeFile(parent, leaf, entry, reader)
        case .symlink:
            guard !entry.linkTarget.containsNUL,
                  Self.symlinkStaysInside(target: entry.linkTarget, linkDirectory: Array(parts.dropLast())) else {
                throw ExecError(.badRequest, "illegal symlink target: \(entry.name) -> \(entry.linkTarget)",
                                context: ["entry": entry.name.description])
            }
            try replaceable(parent, leaf, entry: entry.name)
            try parent.makeSymlink(leaf, target: entry.linkTarget)
            links.append(Link(path: relative, entry: entry))
        case .hardlink, .other:
            break
        }
    }

    /// The directory holding an entry: the previous entry's when it is the same, or one level below it;
    /// otherwise walked from the root (links refused, missing directories made).
    private func parentDirectory(_ path: [RawPath], _ relative: RawPath) throws(ExecError) -> DirectoryHandle {
        if let last = lastParent {
            if last.path == path { return last.handle }
            if path.count == last.path.count + 1, Array(path.dropLast()) == last.path, let name = path.last,
               try last.handle.info(name)?.kind == .directory {
                let handle = try last.handle.openDirectory(name)
                lastParent = (path, handle)
                return handle
            }
        }
        let (parent, _) = try root.walkToParent(of: relative, symlinks: .refuse, create: 0o755)
        lastParent = (path, parent)
        return parent
    }

    /// The skipped entries' names, with a last line counting those left out.
    var skippedNames: [String] { skipped + (skippedMore > 0 ? ["(and \(skippedMore) more)"] : []) }

    /// Path components after dropping `.` and empty ones and resolving `..`; nil if the name is absolute
    /// or climbs above the root.
    static func components(_ name: RawPath) -> [RawPath]? {
        if name.isAbsolute { return nil }
        var out: [RawPath] = []
        for part in name.components {
            if part.isDot { continue }
            if part.isDotDot {
                if out.isEmpty { return nil }
                out.removeLast()
                continue
            }
            out.append(part)
        }
        return out
    }

    /// A link `dir/name -> target` passes the first check when `dir + target`, resolved lexically, never
    /// leaves the root. Absolute and empty targets are refused.
    static func symlinkStaysInside(target: RawPath, linkDirectory: [RawPath]) -> Bool {
        guard !target.isEmpty, !target.isAbsolute else { return false }
        return components(RawPath.joined(linkDirectory + [target])) != nil
    }

    /// Removes an earlier non-directory entry of the same name (a later entry wins, as with tar).
    private func replaceable(_ parent: DirectoryHandle, _ leaf: RawPath, entry: RawPath) throws(ExecError) {
        guard let info = try parent.info(leaf) else { return }
        guard info.kind != .directory else {
            throw ExecError(.badRequest, "illegal file path: \(entry): would replace a directory", context: ["entry": entry.description])
        }
        try parent.remove(leaf)
    }

    private func writeFile(_ parent: DirectoryHandle, _ leaf: RawPath, _ entry: ArchiveEntry, _ reader: any EntryDataSource) throws(ExecError) {
        let file = try parent.createFile(leaf, mode: 0o600, exclusive: true)
        while true {
            try TemporaryNames.checkNotAborted()
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try reader.read(into: b) }
            if n == 0 { break }
            bytes += Int64(n)
            if let max = limits.maxBytes, bytes > max {
                throw ExecError(.badRequest, "archive expands to more than \(max) bytes (at \(entry.name))", context: ["entry": entry.name.description])
            }
            try buffer.withBytes { (b) throws(ExecError) in try file.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
        }
        // Permission bits through the umask, as Go's OpenFile creates Argo's files.
        try file.setMode(entry.mode & 0o777 & ~FileCreationMask.value)
        if let mtime = entry.mtime { try file.setTimes(mtime) }
    }

    private func illegal(_ name: RawPath) -> ExecError {
        let why = name.containsNUL ? " (the name contains a NUL byte)"
            : name.bytes.count > Self.maxNameBytes ? " (the name is longer than \(Self.maxNameBytes) bytes)" : ""
        let shown = RawPath(bytes: name.bytes.prefix(1024))
        return ExecError(.badRequest, "illegal file path: \(shown)\(why)", context: ["entry": shown.description])
    }
}
