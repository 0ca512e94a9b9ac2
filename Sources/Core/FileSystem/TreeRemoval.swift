/// `rm -rf` relative to a directory descriptor: nothing is followed, no path is ever longer than one name
/// (so trees deeper than `PATH_MAX` go too), and directories an archive made unwritable are opened up first.
extension DirectoryHandle {
    /// Removes `name` and everything below it; a missing name is fine.
    public func removeTree(_ name: RawPath) throws(ExecError) {
        guard let info = try info(name) else { return }
        guard info.kind == .directory else { return try remove(name) }
        // Depth-first without recursion (a hostile tree may be thousands of levels deep): each frame is an
        // open directory, its name in the frame below, and the names still to remove in it.
        struct Frame {
            let dir: DirectoryHandle
            let name: RawPath
            var pending: [RawPath]
        }
        try? setMode(name, 0o700)
        let top = try openDirectory(name)
        var stack = [Frame(dir: top, name: name, pending: try top.names())]
        while let frame = stack.last {
            guard let next = frame.pending.last else {
                stack.removeLast()
                try (stack.last?.dir ?? self).remove(frame.name)
                continue
            }
            stack[stack.count - 1].pending.removeLast()
            guard let child = try frame.dir.info(next) else { continue }
            if child.kind == .directory {
                try? frame.dir.setMode(next, 0o700)
                let opened = try frame.dir.openDirectory(next)
                stack.append(Frame(dir: opened, name: next, pending: try opened.names()))
            } else {
                try frame.dir.remove(next)
            }
        }
    }
}
