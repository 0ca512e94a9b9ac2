import ModelBase

/// The per-container files under `/var/run/argo/ctr/<name>/` through which containers coordinate
/// (Argo's `workflow/controller/workflowpod.go`, `cmd/argoexec/commands/emissary.go`): exit codes, signal requests, debug pauses.
public struct ContainerFiles: Sendable {
    public let paths: PodPaths

    public init(paths: PodPaths) { self.paths = paths }

    /// `mkdir -p ctr/<name>` with mode 0777 (other containers, other UIDs write here). Below
    /// `/var/run/argo`, which main can write too, no link is followed (docs/security.md). Modes are set
    /// explicitly rather than through `umask(0)`, which would change the umask of every thread at once.
    public func prepare(_ name: String) throws(ExecError) {
        try Directories.makeAll(paths.varRunArgo, mode: 0o777)
        let root = try DirectoryHandle.open(paths.varRunArgo)
        for path in ["ctr", "ctr/" + name] {
            let (parent, leaf) = try root.walkToParent(of: RawPath(path), symlinks: .refuse)
            if try parent.makeDirectory(leaf, mode: 0o777) { try? parent.setMode(leaf, 0o777) }
        }
    }

    /// The exit code once the file exists and parses (partially written content reads as nil).
    public func exitCode(_ name: String) -> Int? {
        // Below /var/run/argo, which main can write too: no link followed, a FIFO or directory refused.
        let source = try? LocalSource.open("ctr/\(name)/exitcode", beneath: paths.varRunArgo, symlinks: .refuse)
        guard case .file(let file, _)? = source?.node, let bytes = try? FileIO.readAll(file, limit: 64) else { return nil }
        return Int(String(decoding: bytes, as: UTF8.self).trimmingSpaces())
    }

    public func hasExited(_ name: String) -> Bool { (try? FileIO.lstatIfExists(paths.exitCode(name))) != nil }

    public func writeExitCode(_ name: String, _ code: Int32) throws(ExecError) {
        try writeSmall(name, "exitcode", String(code), mode: 0o644)
    }

    /// Asks the emissary of `name` to send `signal` to its child (the file is deleted once delivered).
    public func requestSignal(_ name: String, _ signal: Int32) throws(ExecError) {
        try prepare(name)
        try writeSmall(name, "signal", String(signal), mode: 0o666)
    }

    /// Blocks until every container in `names` has an exit code file, or `timeout` passes (false).
    public func waitForExit(_ names: [String], timeout: Duration?, stop: () -> Bool = { false }) -> Bool {
        let deadline = timeout.map { UTCTime.now().adding($0) }
        for name in names {
            try? prepare(name)
            let watch = DirectoryWatch(paths.containerDir(name))
            while !hasExited(name) {
                if stop() { return false }
                var wait: Int32 = 1000
                if let deadline {
                    let left = UTCTime.now().seconds(until: deadline)
                    if left <= 0 { return false }
                    wait = Int32(min(1000, left * 1000 + 1))
                }
                watch.wait(timeoutMs: wait)
            }
        }
        return true
    }

    /// Blocks until `path` exists (debug pauses: the user creates `before` / `after`).
    public func waitForFile(_ path: String) -> Bool {
        let watch = DirectoryWatch(PathRules.dir(path), pollMs: 200)
        while (try? FileIO.lstatIfExists(path)) == nil { watch.wait(timeoutMs: 1000) }
        return true
    }

    /// Argo's `Kill` (`workflow/executor/emissary/emissary.go`): SIGTERM through the signal files, wait up
    /// to the grace period for the exit codes, then SIGKILL and up to 10 s more.
    public func kill(_ names: [String], grace: Duration) {
        for name in names { try? requestSignal(name, Signals.terminate) }
        if waitForExit(names, timeout: grace) { return }
        for name in names where !hasExited(name) { try? requestSignal(name, Signals.kill) }
        _ = waitForExit(names, timeout: .seconds(10))
    }

    /// `ctr/<name>/<file>`, written below `/var/run/argo` with no link followed, its mode set explicitly.
    private func writeSmall(_ name: String, _ file: String, _ text: String, mode: UInt32) throws(ExecError) {
        let target = try Destination.beneath(paths.varRunArgo, "ctr/\(name)/\(file)", symlinks: .refuse)
        try target.writeFile(mode: mode, durable: false) { (sink) throws(ExecError) in
            try sink.write(Array(text.utf8))
            try sink.descriptor?.setMode(mode)
        }
    }
}
