import Core

/// Argo's `isTarball` (docs/archives.md, "Detection"): an input without an `archive` strategy is tar.gz
/// when it opens as gzip and a first tar entry can be read; anything else (a plain tar, a plain gzip, a
/// zip, an empty file, a directory) is delivered as it is. The first entry may sit behind PAX and GNU
/// long-name headers of up to 1 MiB each, so a stream is judged on a prefix that grows until it decides.
public enum Detection {
    public enum Verdict: Sendable, Equatable {
        case tarGz
        case notTarGz
        /// The prefix ended before the first entry did: look at more of it.
        case needMore
    }

    /// The largest prefix worth fetching: past it, headers that were valid so far are taken as tar.gz
    /// (extraction then reports whatever is wrong later on).
    public static let maxPrefix = 8 << 20

    /// `isTarball` of a file on disk; a missing path is an error, a directory or a FIFO is "no".
    public static func isTarGz(_ path: String) throws(ExecError) -> Bool {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.openForReading(path)
        } catch where error.code == .badRequest {
            return false  // not a regular file
        }
        guard let gzip = try? GzipReader(fd: file.raw, label: path) else { return false }
        return (try? TarReader(source: gzip, label: path).next()) != nil
    }

    /// Judges the first bytes of an object; `complete` says the prefix is the whole object.
    public static func verdict(prefix: [UInt8], complete: Bool) -> Verdict {
        guard prefix.count >= 2, prefix[0] == 0x1F, prefix[1] == 0x8B else {
            return prefix.count < 2 && !complete ? .needMore : .notTarGz
        }
        let source = MemorySource(prefix)
        guard let gzip = try? GzipReader(source: source, label: "prefix") else { return .notTarGz }
        do {
            _ = try TarReader(source: gzip, label: "prefix").next()
            return .tarGz
        } catch {
            // Failing after the whole prefix was consumed may only mean the prefix was too short.
            guard !complete, source.exhausted else { return .notTarGz }
            return prefix.count >= maxPrefix ? .tarGz : .needMore
        }
    }
}
