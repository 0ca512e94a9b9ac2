import Core

#if canImport(Glibc)
import Glibc
#endif

/// The plugin sidecars' bearer tokens (Argo's `cmd/argoexec/commands/agent.go`): `agent init` writes one per
/// plugin to `/var/run/argo/<name>/token`, the sidecar and `agent main` read it.
public enum PluginTokens {
    /// k8s.io/apimachinery `rand.String`'s alphabet (no vowels, no look-alike digits): 27^32 tokens.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    public static func path(name: String, paths: PodPaths) -> String { paths.varRunArgo + "/" + name + "/token" }

    /// `agent init`: `mkdir <name>` (0770, failing if it exists, as Go's `os.Mkdir`) and a 32-character token
    /// file (0440). A name that is not one path segment is refused rather than written outside the directory.
    public static func create(names: [String], paths: PodPaths) throws(ExecError) {
        for name in names {
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else {
                throw ExecError(.invalidConfig, "invalid plugin name \"\(name)\" in ARGO_PLUGIN_NAMES")
            }
            let dir = paths.varRunArgo + "/" + name
            if mkdir(dir, 0o770) != 0 {
                throw ExecError(.internal, "mkdir \(dir): \(SystemError(errno))")
            }
            var generator = SystemRandomNumberGenerator()
            let token = (0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
            try writeNew(path(name: name, paths: paths), token, mode: 0o440)
        }
    }

    /// The token of plugin `name`, as `agent main` loads it.
    public static func read(name: String, paths: PodPaths) throws(ExecError) -> String {
        let file = path(name: name, paths: paths)
        do {
            return String(decoding: try FileIO.readAll(file, limit: 64 << 10), as: UTF8.self)
        } catch {
            throw ExecError(error.code, "failed to read token file \(file): \(error.message)", cause: error.cause)
        }
    }

    /// Go's `os.WriteFile(name, data, 0o440)`: create or truncate, then write (the umask applies).
    private static func writeNew(_ file: String, _ bytes: [UInt8], mode: mode_t) throws(ExecError) {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ExecError(.internal, "open \(file): \(SystemError(errno))") }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ExecError(.internal, "write \(file): \(SystemError(errno))")
            }
            done += n
        }
    }
}
