import Core
import Model

#if canImport(Glibc)
import Glibc
#endif

/// The value outputs wait collects (executor.md §6.4, §6.5): the script result and output parameters.
/// A class, not a struct: it holds a `Template`, whose value witnesses would otherwise be copied
/// into every containing type (tens of KiB each in the static binary).
public final class OutputValues: @unchecked Sendable {
    public let template: Template
    public let paths: PodPaths
    public static let resultLimit = 262_144

    public init(template: Template, paths: PodPaths) {
        self.template = template
        self.paths = paths
    }

    /// `outputs.result`: main's stdout without one trailing newline, at most the last 256 KiB.
    public func scriptResult(log: (String) -> Void = { _ in }) throws(ExecError) -> String {
        let file = paths.stdout("main")
        let fd = try FileIO.open(file, O_RDONLY)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ExecError.system("stat", file, errno) }
        let size = Int64(st.st_size)
        let want = Int(min(size, Int64(Self.resultLimit + 1)))
        var bytes = [UInt8](repeating: 0, count: want)
        var got = 0
        while got < want {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(fd, base + got, want - got, off_t(size - Int64(want) + Int64(got)))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ExecError.system("read", file, n < 0 ? errno : EIO) }
            got += n
        }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.count > Self.resultLimit {
            log("script result is larger than 256 KiB; keeping the last 262144 bytes")
            bytes.removeFirst(bytes.count - Self.resultLimit)
        } else if size > Int64(want) {
            log("script result is larger than 256 KiB; keeping the last 262144 bytes")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Output parameters with their values filled in; the first unreadable one without a default stops.
    public func parameters(initless: Bool = false) throws(ExecError) -> [Parameter] {
        var out = template.outputs?.parameters ?? []
        for index in out.indices {
            guard let path = out[index].valueFrom?.path, !path.isEmpty else { continue }
            let source = sourcePath(path, initless: initless)
            var text: String
            do {
                text = String(decoding: try FileIO.readAll(source, limit: 64 << 20), as: UTF8.self)
            } catch {
                guard let fallback = out[index].valueFrom?.default else {
                    throw ExecError(error.code, "failed to get output parameter \(out[index].name): \(error.message)", cause: error)
                }
                text = fallback.value
            }
            if text.hasSuffix("\n") { text.removeLast() }
            out[index].value = AnyString(text)
        }
        return out
    }

    /// Where main's file is visible to wait: through `/mainctrfs` for user volumes (and, legacy, paths at
    /// or below a supplied input artifact's path), else the copy the emissary staged.
    func sourcePath(_ path: String, initless: Bool) -> String {
        if template.overlappingVolume(for: path) != nil { return paths.mainContainerFS + path }
        if !initless {
            for input in template.inputs?.artifacts ?? [] where input.location.isSupplied || !input.isOptional {
                if let inputPath = input.path, !inputPath.isEmpty, path == inputPath || path.hasPrefix(inputPath + "/") {
                    return paths.mainContainerFS + path
                }
            }
        }
        return paths.outputParameters + path
    }
}
