import Archive
import Core
import Dispatch
import Drivers

/// A tar.gz streamed from a store through a pipe straight into the unpacker: no temporary archive.
/// Producer (download into the pipe) on a Dispatch thread, consumer (unpacker) on the caller's. Whichever
/// fails first closes its end, so the other stops too (EOF, or EPIPE with SIGPIPE ignored); the error
/// reported is the first cause (a failed download, or the unpacker's refusal), not its echo.
public enum StreamedUnpack {
    /// Returns the names of the entries skipped (hard links, devices, FIFOs), for a warning.
    @discardableResult
    public static func tarGz(from store: any ArtifactStore, label: String, to destination: Destination) throws(ExecError) -> [String] {
        let (readEnd, writeEnd) = try Pipes.make(label: destination.label)
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        DispatchQueue.global().async {
            defer {
                Pipes.close(writeEnd)
                done.signal()
            }
            do throws(ExecError) {
                try store.stream(into: FileDescriptorSink(fd: writeEnd, name: "pipe to unpacker"))
            } catch {
                outcome.error = error
            }
        }
        var unpackError: ExecError?
        var skipped: [String] = []
        do throws(ExecError) {
            skipped = try Unpacker.extractTarGz(fd: readEnd, label: label, to: destination)
            // The tar ends before the stream does (padding, gzip trailer): drain so the producer finishes
            // instead of failing with EPIPE on bytes nobody needs.
            var scratch = [UInt8](repeating: 0, count: 65_536)
            while try scratch.withMutableBytes({ (b) throws(ExecError) -> Int in try FileIO.read(readEnd, into: b, name: "pipe") }) > 0 {}
        } catch {
            unpackError = error
        }
        Pipes.close(readEnd)  // a producer still writing gets EPIPE instead of blocking
        done.wait()
        // The first cause wins: a download that failed explains the unpacker's "unexpected EOF"; an
        // unpacker that refused the archive explains the download's "broken pipe".
        if let error = outcome.error, !(unpackError != nil && (error.cause as? SystemError)?.isBrokenPipe == true) { throw error }
        if let unpackError { throw unpackError }
        return skipped
    }

    /// Downloads and unpacks by content, as inputs without an explicit strategy (`detectZip: false`, Argo
    /// never guesses zip) and `argoexec artifact get --unpack`: tar.gz streams, zip goes through a spool
    /// file, anything else is the file. The decision reads a prefix of the object that grows (16 KiB,
    /// 1 MiB, 8 MiB) while the first tar entry is still incomplete. A key with no bytes to peek (a prefix
    /// of an `archive: none` tree) is loaded as it is, which brings the tree.
    @discardableResult
    public static func auto(from store: any ArtifactStore, label: String, to destination: Destination,
                            detectZip: Bool = true) throws(ExecError) -> [String] {
        var size = 16 * 1024
        while true {
            let prefix: [UInt8]
            do {
                prefix = try store.peek(size)
            } catch where error.code == .notFound {
                try store.load(to: destination)
                return []
            }
            switch Detection.verdict(prefix: prefix, complete: prefix.count < size) {
            case .tarGz:
                return try tarGz(from: store, label: label, to: destination)
            case .needMore where size < Detection.maxPrefix:
                size = size < (1 << 20) ? 1 << 20 : Detection.maxPrefix
                continue
            case .needMore:
                return try tarGz(from: store, label: label, to: destination)
            case .notTarGz:
                if detectZip && prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try zip(from: store, to: destination) }
                try store.load(to: destination)
                return []
            }
        }
    }

    /// Zip needs its central directory at the end: the object goes to a spool file next to the
    /// destination (unlinked at once, so nothing is left however the process ends), then is extracted.
    @discardableResult
    public static func zip(from store: any ArtifactStore, to destination: Destination) throws(ExecError) -> [String] {
        let spool = try Spool.make(in: destination.parent)
        try store.stream(into: spool.sink)
        return try Unpacker.extractZip(spool, to: destination)
    }
}

/// The producer's result, written before the semaphore is signalled and read after waiting on it.
private final class Outcome: @unchecked Sendable {
    var error: ExecError?
}
