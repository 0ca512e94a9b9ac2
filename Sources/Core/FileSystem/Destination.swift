import ModelBase

#if canImport(Glibc)
import Glibc
#endif

/// Where a download or an extraction lands: one name inside an open directory. The directory is resolved
/// once (below its place, for paths in a user volume), so nothing written afterwards can be redirected
/// by a link planted on the way. Files and trees appear complete or not at all: they are written under a
/// temporary name next to the target and renamed into place (docs/security.md, "Nothing half-written").
public struct Destination: Sendable {
    public let parent: DirectoryHandle
    public let name: RawPath
    /// The path the messages name.
    public let label: String

    public init(parent: DirectoryHandle, name: RawPath, label: String) {
        self.parent = parent
        self.name = name
        self.label = label
    }

    /// A path this process trusts (its own staging, the command line); with `createParents` missing
    /// directories above it are made with that mode.
    public static func path(_ path: String, createParents: UInt32? = nil) throws(ExecError) -> Destination {
        let clean = PathRules.trimmingTrailingSlashes(path)
        let dir = PathRules.dir(clean)
        if let mode = createParents { try Directories.makeAll(dir, mode: mode_t(mode)) }
        let name = RawPath(PathRules.base(clean))
        guard !name.isDot, !name.isDotDot, clean != "/" else {
            throw ExecError(.badRequest, "\(path) cannot be a destination", context: ["path": path])
        }
        return Destination(parent: try DirectoryHandle.open(dir), name: name, label: clean)
    }

    /// `relative` below the directory `anchor` (which is trusted), its directories resolved with
    /// `symlinks` and created with `createParents`.
    public static func beneath(_ anchor: String, _ relative: String, symlinks: SymlinkPolicy,
                               createParents: UInt32? = nil) throws(ExecError) -> Destination {
        let root = try DirectoryHandle.open(anchor)
        let (parent, name) = try root.walkToParent(of: RawPath(relative), symlinks: symlinks, create: createParents)
        return Destination(parent: parent, name: name, label: PathRules.join(anchor, relative))
    }

    /// The destination's sibling `name + suffix` (`<target>.tmpdir`, `<target>.tmp`).
    public func sibling(suffix: String) -> Destination {
        Destination(parent: parent, name: RawPath(bytes: name.bytes + Array(suffix.utf8)), label: label + suffix)
    }

    /// A child of the destination once it is a directory.
    public func child(_ name: RawPath) throws(ExecError) -> Destination {
        Destination(parent: try parent.openDirectory(self.name), name: name, label: label + "/" + name.description)
    }

    public func info() throws(ExecError) -> FileInfo? { try parent.info(name) }

    public func removeTree() throws(ExecError) { try parent.removeTree(name) }

    /// Writes the file through a temporary sibling (`.argoexec-<pid>-<n>.tmp`) and renames it over the target when `body`
    /// succeeded (fsynced first when `durable`); on failure, or if the process is interrupted (`TemporaryNames`),
    /// the temporary file is removed. Not durable by default: a download into a pod's scratch space dies with the
    /// pod, and an fsync there only makes the process do the flush the kernel would (issue 22: the S3 download's
    /// CPU); what must survive a crash (the volume repository's objects) asks for it (docs/artifacts.md).
    public func writeFile(mode: UInt32 = 0o644, durable: Bool = false, _ body: (FileDescriptorSink) throws(ExecError) -> Void) throws(ExecError) {
        let temp = TemporaryNames.make(for: name)
        let registration = TemporaryNames.register(parent, temp)  // before it exists: no window unregistered
        defer { TemporaryNames.release(registration, removing: true) }
        let file = try parent.createFile(temp, mode: mode, exclusive: true)
        try body(FileDescriptorSink(descriptor: file))
        if durable { try file.sync() }
        try parent.rename(temp, to: parent, name)
    }

    /// Builds a directory tree under a temporary name and renames it onto the target (which must not be a
    /// non-empty directory); on failure, or interruption, the partial tree is removed.
    public func writeTree(_ body: (DirectoryHandle, Destination) throws(ExecError) -> Void) throws(ExecError) {
        let (temp, dir, registration) = try parent.makeTemporaryDirectory(for: name)
        defer { TemporaryNames.release(registration, removing: true) }
        try body(dir, Destination(parent: parent, name: temp, label: label))
        try parent.rename(temp, to: parent, name)
    }
}

extension DirectoryHandle {
    /// A new temporary directory next to `name` (hidden, random, registered before it is made, made here
    /// or not at all: a directory someone planted under the same name is never reused). The caller
    /// releases the registration.
    public func makeTemporaryDirectory(for name: RawPath, mode: UInt32 = 0o755) throws(ExecError) -> (RawPath, DirectoryHandle, Int) {
        let temp = TemporaryNames.make(for: name, suffix: "tmpdir")
        let registration = TemporaryNames.register(self, temp)
        do throws(ExecError) {
            guard try makeDirectory(temp, mode: mode) else {
                throw ExecError(.badRequest, "\(childLabel(temp)) already exists", context: ["path": childLabel(temp)])
            }
            return (temp, try openDirectory(temp), registration)
        } catch {
            TemporaryNames.release(registration, removing: false)
            throw error
        }
    }
}
