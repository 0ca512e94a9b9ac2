import Core

/// The volume repository (docs/artifacts.md, "The volume repository"): artifacts as files under a mounted directory (a
/// PVC, NFS, a hostPath; the pod simulator's default, no server needed). Writes go to a temporary name in
/// the target directory, are fsynced and renamed into place (readers see the old or the new object, never
/// a part); directories are copied to a temporary tree and swapped in. Nothing is read or written outside
/// the root.
public struct VolumeStore: ArtifactStore {
    let location: VolumeKey
    public var fileMode: UInt32

    public init(root: String, key: String, fileMode: UInt32 = 0o644) throws(ExecError) {
        location = try VolumeKey(root: root, key: key)
        self.fileMode = fileMode
    }

    public func load(to destination: Destination) throws(ExecError) {
        let source = try location.destination(create: false)
        guard let info = try source.info() else { throw ExecError(.notFound, "\(location.path): no such file or directory") }
        switch info.kind {
        case .regular:
            let file = try source.parent.openFile(source.name)
            try destination.writeFile(mode: info.permissions) { (sink) throws(ExecError) in try file.copy(into: sink) }
        case .directory:
            let dir = try source.parent.openDirectory(source.name)
            // Links in the repository are not materialised on load.
            try destination.writeTree { (root, _) throws(ExecError) in
                try VolumeCopy.tree(from: dir, into: root, fileMode: nil, links: false, durable: false)
            }
        default:
            throw ExecError(.badRequest, "\(location.path) is neither a file nor a directory")
        }
    }

    public func stream(into sink: any ByteSink) throws(ExecError) {
        try openFile().copy(into: sink)
    }

    /// A directory key has no bytes to peek: NotFound, so callers fall back to `load` (the tree).
    public func peek(_ count: Int) throws(ExecError) -> [UInt8] {
        let file = try openFile()
        var buffer = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try file.read(into: UnsafeMutableRawBufferPointer(rebasing: b[got...])) }
            if n == 0 { break }
            got += n
        }
        return Array(buffer.prefix(got))
    }

    public func save(_ source: LocalSource) throws(ExecError) {
        switch source.node {
        case .file(let file, _):
            try saveStream { (sink) throws(ExecError) in try file.copy(into: sink) }
        case .directory(let dir, _):
            // The copy is built under a registered temporary name (removed on failure or interrupt), then
            // swapped in.
            let target = try location.destination(create: true)
            let (temp, copy, registration) = try target.parent.makeTemporaryDirectory(for: target.name)
            defer { TemporaryNames.release(registration, removing: true) }
            try VolumeCopy.tree(from: dir, into: copy, fileMode: fileMode, links: true, durable: true)
            try VolumeCopy.swap(target.parent, temp: temp, final: target.name)
        }
    }

    /// The file or tree at the key; a missing key is success.
    public func delete() throws(ExecError) {
        let target: Destination
        do {
            target = try location.destination(create: false)
        } catch where error.code == .notFound {
            return
        }
        try target.removeTree()
    }

    /// A data template's listing, as the S3 driver lists (docs/artifacts.md, "The volume repository"): every file
    /// key below `key/`; none there is NotFound unless `key` itself is a file (then the list is empty).
    public func listObjects() throws(ExecError) -> [String] {
        let repository = VolumeRepository(root: location.root)
        let keys = try repository.list(prefix: location.key + "/").map(\.key)
        if keys.isEmpty, !(try repository.list(prefix: location.key).contains { $0.key == location.key }) {
            throw ExecError(.notFound, "no key found of name \(location.key)")
        }
        return keys
    }

    public func saveStream(_ produce: (any ByteSink) throws(ExecError) -> Void) throws(ExecError) {
        let target = try location.destination(create: true)
        try target.writeFile(mode: fileMode, durable: true) { (sink) throws(ExecError) in
            try produce(sink)
            try sink.descriptor?.setMode(fileMode)
        }
        target.parent.sync()
    }

    private func openFile() throws(ExecError) -> FileDescriptor {
        let source = try location.destination(create: false)
        guard let info = try source.info() else { throw ExecError(.notFound, "\(location.path): no such file or directory") }
        guard info.kind == .regular else {
            if info.kind == .symlink { throw ExecError(.badRequest, "\(location.path) is a symlink (not followed)") }
            throw ExecError(.notFound, "\(location.path) is not a regular file")
        }
        return try source.parent.openFile(source.name)
    }
}
