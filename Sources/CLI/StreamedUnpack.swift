import Archive
import Core
import Dispatch
import Drivers

#if canImport(Glibc)
import Glibc
#endif

/// Downloads an artifact and unpacks it the way the executor loads inputs: a tar.gz streams from the
/// driver through a pipe straight into the unpacker (no temporary archive); a zip, which needs its
/// central directory at the end, goes through a temporary file; anything else is written as the file.
enum StreamedUnpack {
    static func fetch(_ driver: S3Driver, key: String, to destination: String) throws(ExecError) {
        let magic = try driver.peek(key: key, count: 4)
        if magic.starts(with: [0x1F, 0x8B]) { return try streamTarGz(driver, key: key, to: destination) }
        let download = destination + ".download"
        defer { try? FileTree.removeTree(download) }
        try driver.load(key: key, to: download)
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            try Unpacker.unpack(archive: download, to: destination, format: .zip)
        } else {
            guard rename(download, destination) == 0 else { throw ExecError.system("rename", destination, errno) }
        }
    }

    /// Producer (download into the pipe) on a Dispatch thread, consumer (unpacker) here. Whichever fails
    /// first closes its end, so the other stops too (EOF, or EPIPE with SIGPIPE ignored); the download's
    /// error is reported before the unpacker's "unexpected end of archive" it causes.
    static func streamTarGz(_ driver: S3Driver, key: String, to destination: String) throws(ExecError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ExecError.system("pipe", destination, errno) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let done = DispatchSemaphore(value: 0)
        let outcome = DownloadOutcome()
        DispatchQueue.global().async {
            defer {
                close(writeEnd)
                done.signal()
            }
            do throws(ExecError) {
                try driver.stream(key: key, into: FileDescriptorSink(fd: writeEnd, name: "pipe to unpacker"))
            } catch {
                outcome.error = error
            }
        }
        var unpackError: ExecError?
        do throws(ExecError) {
            try Unpacker.extractTarGz(fd: readEnd, label: "s3 key \(key)", to: destination)
            // The tar ends before the stream does (padding, gzip trailer): drain so the producer finishes
            // instead of failing with EPIPE on bytes nobody needs.
            var scratch = [UInt8](repeating: 0, count: 65_536)
            while try scratch.withMutableBytes({ (b) throws(ExecError) -> Int in try FileIO.read(readEnd, into: b, name: "pipe") }) > 0 {}
        } catch {
            unpackError = error
        }
        close(readEnd)
        done.wait()
        if let error = outcome.error { throw error }
        if let unpackError { throw unpackError }
    }
}

/// The producer's result, written before the semaphore is signalled and read after waiting on it.
private final class DownloadOutcome: @unchecked Sendable {
    var error: ExecError?
}
