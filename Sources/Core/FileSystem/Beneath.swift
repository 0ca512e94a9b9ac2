#if canImport(Glibc)
import Glibc
#endif

/// The one anchored walker (docs/security.md): resolves a relative path below a directory descriptor one
/// element at a time, so no name, link or concurrent rename can lead outside it.
/// - `.refuse`: any symlink on the way is an error (archive extraction, the volume repository, files in
///   `/var/run/argo` that the main container could have replaced).
/// - `.followInside`: links are followed like the kernel does, but `..` and link targets are resolved by
///   this walker against the anchor, never above it, and absolute targets are refused (files main wrote
///   in a user volume: a link inside the volume may point inside the volume, never outside it).
public enum SymlinkPolicy: Sendable {
    case refuse
    case followInside
}

/// What a path resolved to.
public enum ResolvedNode {
    case directory(DirectoryHandle)
    case file(FileDescriptor)
}

extension DirectoryHandle {
    /// The directory holding the last element of `path` and that element (never `.` or `..`), for
    /// creating, replacing or removing it. `create` makes missing directories on the way with that mode.
    public func walkToParent(of path: RawPath, symlinks: SymlinkPolicy, create: UInt32? = nil) throws(ExecError) -> (DirectoryHandle, RawPath) {
        var walk = try AnchoredWalk(anchor: self, path: path, symlinks: symlinks, create: create)
        return try walk.parent()
    }

    /// Opens what `path` names below this directory: a directory, or a regular file for reading (a FIFO,
    /// device or socket is refused without blocking). The last element is followed too when it is a link
    /// and the policy allows it.
    public func resolve(_ path: RawPath, symlinks: SymlinkPolicy) throws(ExecError) -> ResolvedNode {
        var walk = try AnchoredWalk(anchor: self, path: path, symlinks: symlinks, create: nil)
        return try walk.node()
    }

    /// True when `path` (dangling links allowed) resolves inside this directory: where the walk meets a
    /// missing name, the rest is taken lexically; any other failure counts as outside. Used to check every
    /// extracted link in its final place.
    public func staysInside(_ path: RawPath) throws(ExecError) -> Bool {
        var walk = try AnchoredWalk(anchor: self, path: path, symlinks: .followInside, create: nil)
        do {
            _ = try walk.node(lexicalWhenMissing: true)
        } catch {
            // Fail closed: only a walk that ends (at a missing name, taken lexically) proves the link stays
            // inside. A loop, a file in the middle, running out of descriptors: refused.
            return false
        }
        return true
    }
}

/// The state of one anchored resolution: the directory reached (open), the identities of the directories
/// from the anchor down to it, and the elements still to walk (a link's target is pushed in front of what
/// follows it). One descriptor is held however deep the path: `..` re-opens the parent and checks it is the
/// directory the walk came from, so a directory renamed away mid-walk is an error, never a detour.
struct AnchoredWalk {
    private let anchor: DirectoryHandle
    private var top: DirectoryHandle
    private var stack: [FileIdentity]
    private var pending: [RawPath]  // reversed: the next element is last
    private let symlinks: SymlinkPolicy
    private let create: UInt32?
    private let original: RawPath
    private var linksFollowed = 0

    init(anchor: DirectoryHandle, path: RawPath, symlinks: SymlinkPolicy, create: UInt32?) throws(ExecError) {
        self.anchor = anchor
        top = anchor
        stack = [try anchor.identity()]
        pending = path.components.reversed()
        self.symlinks = symlinks
        self.create = create
        original = path
    }

    private func escape(_ why: String) -> ExecError {
        ExecError(.badRequest, "\(anchor.childLabel(original)): \(why)", context: ["path": anchor.childLabel(original)])
    }

    mutating func parent() throws(ExecError) -> (DirectoryHandle, RawPath) {
        while let element = pending.popLast() {
            if element.isDot { continue }
            if element.isDotDot { try up(); continue }
            if pending.isEmpty { return (top, element) }
            try step(element, lexicalWhenMissing: false)
        }
        throw ExecError(.badRequest, "\(anchor.childLabel(original)): not a file name", context: ["path": anchor.childLabel(original)])
    }

    mutating func node(lexicalWhenMissing: Bool = false) throws(ExecError) -> ResolvedNode {
        while let element = pending.popLast() {
            if element.isDot { continue }
            if element.isDotDot { try up(); continue }
            if let file = try step(element, lexicalWhenMissing: lexicalWhenMissing) { return .file(file) }
        }
        return .directory(top)
    }

    private mutating func up() throws(ExecError) {
        guard stack.count > 1 else { throw escape("leaves its directory (\"..\" above it)") }
        stack.removeLast()
        top = stack.count == 1 ? anchor : try top.parentDirectory(expecting: stack[stack.count - 1])
    }

    private mutating func enter(_ element: RawPath) throws(ExecError) {
        let child = try top.openDirectory(element)
        stack.append(try child.identity())
        top = child
    }

    /// Walks one element: into a directory, through a link (per policy), or onto a file when it is the
    /// last element (returned open).
    @discardableResult
    private mutating func step(_ element: RawPath, lexicalWhenMissing: Bool) throws(ExecError) -> FileDescriptor? {
        guard let info = try top.info(element) else {
            if let create {
                try top.makeDirectory(element, mode: create)
                try enter(element)
                return nil
            }
            if lexicalWhenMissing { try finishLexically(); return nil }
            throw ExecError.system("open", top.childLabel(element), ENOENT)
        }
        switch info.kind {
        case .directory:
            do {
                try enter(element)
            } catch where error.code == .badRequest {
                throw refusal(element, "a symlink or not a directory, not followed")  // swapped since the lstat
            }
            return nil
        case .symlink:
            guard symlinks == .followInside else { throw refusal(element, "a symlink, not followed") }
            linksFollowed += 1
            guard linksFollowed <= 40 else { throw ExecError(.badRequest, "\(anchor.childLabel(original)): too many levels of symbolic links") }
            let target = try top.readLink(element)
            guard !target.isAbsolute else { throw escape("link \(top.childLabel(element)) -> \(target) is absolute") }
            pending.append(contentsOf: target.components.reversed())
            return nil
        default:
            guard pending.isEmpty else { throw refusal(element, "not a directory") }
            return try top.openFile(element)
        }
    }

    /// `<path>: <why>` (the path names the element; the cause says what was wrong with it).
    private func refusal(_ element: RawPath, _ why: String) -> ExecError {
        let label = top.childLabel(element)
        return ExecError(.badRequest, label, cause: WalkRefusal(element: element, reason: why), context: ["path": label])
    }

    /// The rest of a path below a missing name, lexically: it may not climb above the anchor.
    private mutating func finishLexically() throws(ExecError) {
        var depth = stack.count + 1  // the anchor is level 1, the missing element one below the top
        while let element = pending.popLast() {
            if element.isDot { continue }
            if element.isDotDot {
                depth -= 1
                guard depth >= 1 else { throw escape("leaves its directory (\"..\" above it)") }
            } else {
                depth += 1
            }
        }
    }
}

extension DirectoryHandle {
    /// `mkdir -p` of `path` below this directory (`mode`, through the umask), refusing links on the way.
    public func makeDirectories(_ path: RawPath, mode: UInt32 = 0o755) throws(ExecError) {
        let (parent, leaf) = try walkToParent(of: path, symlinks: .refuse, create: mode)
        try parent.makeDirectory(leaf, mode: mode)
    }
}

/// Why the anchored walker refused an element (the cause of its error): a link it may not follow, or a
/// file where a directory was needed. Lets a caller word the error for its own input (an archive entry).
public struct WalkRefusal: Error, Sendable, CustomStringConvertible {
    public let element: RawPath
    public let reason: String
    public var description: String { reason }
}
