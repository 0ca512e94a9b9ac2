/// `rm -rf` relative to a directory descriptor: nothing is followed, no path is ever longer than one name
/// (so trees deeper than `PATH_MAX` go too), one directory is open at a time however deep the tree (the
/// walk climbs back through `..`, checked), and directories an archive made unwritable are opened up first.
extension DirectoryHandle {
    /// Removes `name` and everything below it; a missing name is fine. `openingUp: false` leaves modes alone
    /// (Go's `os.RemoveAll`: a directory that cannot be read stops the removal with an error instead of being
    /// chmodded first), for trees that are not ours to change.
    public func removeTree(_ name: RawPath, openingUp: Bool = true) throws(ExecError) {
        guard let info = try info(name) else { return }
        guard info.kind == .directory else { return try remove(name) }
        guard !name.isDot, !name.isDotDot else { throw ExecError(.badRequest, "refusing to remove \"\(name)\"") }
        struct Frame {
            let name: RawPath
            let identity: FileIdentity
            var pending: [RawPath]
        }
        if openingUp { try? setMode(name, 0o700) }
        var current = try openDirectory(name)
        var stack = [Frame(name: name, identity: try current.identity(), pending: try current.names())]
        while let frame = stack.last {
            guard let next = frame.pending.last else {
                stack.removeLast()
                var parent = self
                if let up = stack.last { parent = try current.parentDirectory(expecting: up.identity) }
                try parent.remove(frame.name)
                current = parent
                continue
            }
            stack[stack.count - 1].pending.removeLast()
            guard let child = try current.info(next) else { continue }
            if child.kind == .directory {
                if openingUp { try? current.setMode(next, 0o700) }
                let opened = try current.openDirectory(next)
                stack.append(Frame(name: next, identity: try opened.identity(), pending: try opened.names()))
                current = opened
            } else {
                try current.remove(next)
            }
        }
    }
}
