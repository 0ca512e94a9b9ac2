import Core
import Logging
import Model

/// The value outputs wait collects (Argo's `workflow/executor/executor.go`): the script result and output parameters.
/// A class, not a struct: it holds a `Template`, whose value witnesses would otherwise be copied
/// into every containing type (tens of KiB each in the static binary).
public final class OutputValues: Sendable {
    public let template: Template
    public let paths: PodPaths
    public let logger: Logger
    public static let resultLimit = 262_144

    public init(template: Template, paths: PodPaths, logger: Logger = .disabled) {
        self.template = template
        self.paths = paths
        self.logger = logger
    }

    /// `outputs.result`: main's stdout without one trailing newline, at most the last 256 KiB. The file
    /// is opened below `/var/run/argo` without following links (main could have replaced it with one).
    public func scriptResult() throws(ExecError) -> String {
        let source = try PodPlace.containerFile("main", "stdout", paths: paths).open()
        guard case .file(let file, let info) = source.node else { throw ExecError(.badRequest, "\(source.label) is not a regular file") }
        let size = info.size
        let want = Int(min(size, Int64(Self.resultLimit + 1)))
        var bytes = [UInt8](repeating: 0, count: want)
        var got = 0
        while got < want {
            let n = try bytes.withMutableBytes { (b) throws(ExecError) -> Int in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: b[got...]), at: size - Int64(want) + Int64(got))
            }
            guard n > 0 else { throw ExecError(.internal, "read \(source.label): the file shrank while it was read") }
            got += n
        }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.count > Self.resultLimit {
            logger.warning("script result is larger than 256 KiB; keeping the last 262144 bytes")
            bytes.removeFirst(bytes.count - Self.resultLimit)
        } else if size > Int64(want) {
            logger.warning("script result is larger than 256 KiB; keeping the last 262144 bytes")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Output parameters with their values filled in; the first unreadable one without a default stops.
    public func parameters(initless: Bool = false) throws(ExecError) -> [Parameter] {
        var out = template.outputs?.parameters ?? []
        try fill(&out, initless: initless)
        return out
    }

    /// Fills in `out`'s values as Argo's `SaveParameters` does, one by one: at the first unreadable file
    /// without a default, the parameters before it keep their values and the read error is thrown as is
    /// (Argo returns it unwrapped, so it is the termination message).
    public func fill(_ out: inout [Parameter], initless: Bool = false) throws(ExecError) {
        for index in out.indices {
            guard let path = out[index].valueFrom?.path, !path.isEmpty else { continue }
            var text: String
            do {
                text = String(decoding: try place(path, initless: initless).readAll(limit: 64 << 20), as: UTF8.self)
            } catch {
                guard let fallback = out[index].valueFrom?.default else {
                    logger.error("failed to get output parameter \(out[index].name)")
                    throw error
                }
                text = fallback.value
            }
            // Exactly one trailing "\n" byte, as Go's strings.TrimSuffix removes it: "\r\n" keeps its "\r"
            // (a Swift `hasSuffix("\n")` would see the "\r\n" grapheme and remove nothing).
            if text.utf8.last == 0x0A, let trimmed = String(text.utf8.dropLast()) { text = trimmed }
            out[index].value = AnyString(text)
        }
    }

    /// Where main's file is visible to wait: through `/mainctrfs` for user volumes (and, legacy, paths at
    /// or below a supplied input artifact's path), else the copy the emissary staged.
    func place(_ path: String, initless: Bool) -> PodPlace {
        if let volume = template.overlappingVolume(for: path) {
            return PodPlace.mainVolume(path, mountPath: volume.mountPath, paths: paths)
        }
        if !initless {
            for input in template.inputs?.artifacts ?? [] where input.location.isSupplied || !input.isOptional {
                if let inputPath = input.path, !inputPath.isEmpty, PathRules.isSameOrAncestor(inputPath, of: path) {
                    return PodPlace.mainVolume(path, mountPath: inputPath, paths: paths)
                }
            }
        }
        return PodPlace.stagedParameter(path, paths: paths)
    }

}
