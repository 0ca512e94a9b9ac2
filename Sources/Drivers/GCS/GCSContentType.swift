import Core

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What an uploaded object is labelled with and how its stored metadata is checked.
enum GCSContentType {
    /// Argo sets no Content-Type, so Google's Go `Writer` sniffs the first 512 bytes with Go's
    /// `http.DetectContentType`. The signatures artifacts actually have are kept (gzip for `.tgz`, zip,
    /// PDF, PNG, JPEG, GIF); otherwise text without binary control bytes is `text/plain; charset=utf-8`
    /// and anything else `application/octet-stream`, as that function decides.
    static func sniff(_ head: some Collection<UInt8>) -> String {
        let bytes = Array(head.prefix(512))
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if starts([0x1F, 0x8B, 0x08]) { return "application/x-gzip" }
        if starts(Array("PK\u{03}\u{04}".utf8)) { return "application/zip" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        // Go's "binary data" bytes: 0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F.
        let binary = bytes.contains { $0 <= 0x08 || $0 == 0x0B || (0x0E...0x1A).contains($0) || (0x1C...0x1F).contains($0) }
        return binary ? "application/octet-stream" : "text/plain; charset=utf-8"
    }

    /// The first 512 bytes of a file, for `sniff`.
    static func sniff(fd: Int32, size: Int64) throws(ExecError) -> String {
        guard size > 0 else { return sniff([UInt8]()) }
        var head = [UInt8](repeating: 0, count: Int(min(size, 512)))
        let n = try head.withMutableBytes { (b) throws(ExecError) -> Int in
            try FileIO.read(fd, into: b, at: 0, name: "upload body")
        }
        return sniff(head.prefix(n))
    }

    private struct Stored: Decodable {
        var size: String?
        var crc32c: String?
    }

    /// Compares the object GCS reports after the final chunk with what was sent: the size, and the CRC-32C
    /// when both sides have one. A mismatch is an error (transient: the whole upload may be sent again).
    static func checkUploaded(_ metadata: [UInt8]?, size: Int64, crc32c: String?, what: String) throws(ExecError) {
        guard let metadata, let stored = try? JSONDecoder().decode(Stored.self, from: Data(metadata)) else { return }
        if let text = stored.size, let theirs = Int64(text), theirs != size {
            throw ExecError(.internal, "upload \(what): the object holds \(theirs) bytes, \(size) were sent", transient: true)
        }
        if let ours = crc32c, let theirs = stored.crc32c, ours != theirs {
            throw ExecError(.internal, "upload \(what): CRC-32C mismatch (sent \(ours), stored \(theirs))", transient: true)
        }
    }
}
