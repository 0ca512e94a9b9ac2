/// One entry met by `TreeWalk`: where it is (its directory, open) and what it is (`lstat`, not followed).
public struct TreeNode {
    /// The directory holding the entry: open it, read its link, chmod it through this. Valid during the
    /// visit; a visitor that needs the entry later keeps `relative` and resolves it again.
    public let parent: DirectoryHandle
    public let name: RawPath
    /// The path below the walked directory (`a/b/c`).
    public let relative: RawPath
    public let info: FileInfo
}

/// The one tree walker: Go's `filepath.Walk` order (each directory's names in byte order, a directory
/// before what it holds), descriptor-relative (links are reported, never followed; a directory swapped
/// for a link while walking is an error, not a detour), iterative (no stack depth), and holding one open
/// directory however deep the tree: the walk climbs back through `..`, checked to be the directory it
/// came down from.
public enum TreeWalk {
    /// Visits everything below `root` (not `root` itself). `visit` returns false to skip a directory's
    /// contents.
    public static func walk(_ root: DirectoryHandle, visit: (TreeNode) throws(ExecError) -> Bool) throws(ExecError) {
        struct Frame {
            let identity: FileIdentity
            let relative: RawPath
            var pending: [RawPath]  // reversed: the next name is last
        }
        var current = root
        var stack = [Frame(identity: try root.identity(), relative: .empty, pending: try root.names().reversed())]
        while let frame = stack.last {
            guard let name = frame.pending.last else {
                stack.removeLast()
                if let up = stack.last {
                    current = stack.count == 1 ? root : try current.parentDirectory(expecting: up.identity)
                }
                continue
            }
            stack[stack.count - 1].pending.removeLast()
            // A name listed a moment ago and gone now fails the walk, as Go's `lstat` error fails Argo's.
            guard let info = try current.info(name) else {
                throw ExecError(.notFound, "lstat \(current.childLabel(name)): no such file or directory")
            }
            let node = TreeNode(parent: current, name: name, relative: frame.relative.appending(name), info: info)
            guard try visit(node), info.kind == .directory else { continue }
            let child = try current.openDirectory(name)
            stack.append(Frame(identity: try child.identity(), relative: node.relative, pending: try child.names().reversed()))
            current = child
        }
    }
}
