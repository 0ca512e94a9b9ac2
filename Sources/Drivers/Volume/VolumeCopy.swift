import Core

/// Tree copies for the volume repository, descriptor to descriptor: nothing is followed on either side,
/// files stream in 256 KiB chunks (`FileDescriptor.copy`).
enum VolumeCopy {
    /// Copies the tree below `source` into `target`: directories, regular files (written with
    /// `fileMode` when given, else their own permission bits; fsynced when `durable`) and, with
    /// `links`, symlinks as symlinks. Nothing is followed.
    static func tree(from source: DirectoryHandle, into target: DirectoryHandle, fileMode: UInt32?, links: Bool, durable: Bool) throws(ExecError) {
        try TreeWalk.walk(source) { (node) throws(ExecError) -> Bool in
            let (parent, _) = try target.walkToParent(of: node.relative, symlinks: .refuse)
            switch node.info.kind {
            case .directory:
                try parent.makeDirectory(node.name, mode: 0o755)
                return true
            case .regular:
                let input = try node.parent.openFile(node.name)
                let output = try parent.createFile(node.name, mode: fileMode ?? node.info.permissions)
                try input.copy(into: output.sink)
                if durable { try output.sync() }
            case .symlink where links:
                try parent.makeSymlink(node.name, target: try node.parent.readLink(node.name))
            default:
                break
            }
            return false
        }
        if durable { target.sync() }
    }

    /// Puts the new tree `temp` in place of `final` in `parent` (moving an old one aside first, then
    /// removing it).
    static func swap(_ parent: DirectoryHandle, temp: RawPath, final: RawPath) throws(ExecError) {
        let trash = RawPath(bytes: [UInt8(ascii: ".")] + final.bytes + Array(".argo-\(UInt32.random(in: 0...UInt32.max)).trash".utf8))
        let hadOld = try parent.info(final) != nil
        if hadOld { try parent.rename(final, to: parent, trash) }
        try parent.rename(temp, to: parent, final)
        parent.sync()
        if hadOld { try? parent.removeTree(trash) }
    }
}
