internal import CArchive
import Core

#if canImport(Glibc)
import Glibc
#endif

/// Owns a libarchive read handle over a file descriptor (a file, a pipe or a socket: reading streams).
/// Only gzip and tar are registered (build.md: `*_all()` would drag libxml2 and ICU into the static binary).
/// Every libarchive failure becomes an `ExecError` carrying `archive_error_string`.
final class ArchiveReader: EntryDataSource {
    typealias Entry = ArchiveEntry

    private let handle: OpaquePointer
    private let label: String
    private let source: GzipSource

    /// Opens a gzip-compressed tar stream on `fd` (not owned). Gzip is decoded by `GzipReader` (strict about
    /// truncation and CRCs) and libarchive parses the tar; `archive: tar` means tar+gzip in Argo, so a plain
    /// tar fails with `gzip: invalid header`.
    init(tarGzFrom fd: Int32, label: String) throws(ExecError) {
        guard let a = archive_read_new() else { throw ExecError(.internal, "archive_read_new failed") }
        handle = a
        self.label = label
        source = GzipSource(reader: try GzipReader(fd: fd, label: label))
        try check(archive_read_support_format_tar(a), "register tar")
        let opened = archive_read_open(a, Unmanaged.passUnretained(source).toOpaque(), nil, { _, client, buffer in
            guard let client, let buffer else { return -1 }
            return Unmanaged<GzipSource>.fromOpaque(client).takeUnretainedValue().next(buffer)
        }, nil)
        try check(opened, "open")
    }

    deinit { archive_read_free(handle) }

    /// The next entry, or nil at the end.
    func next() throws(ExecError) -> Entry? {
        var entry: OpaquePointer?
        let rc = archive_read_next_header(handle, &entry)
        if rc == ARCHIVE_EOF {
            // libarchive stops at the end-of-archive blocks; the gzip stream must still end cleanly.
            try source.drain()
            return nil
        }
        try check(rc, "read header")
        guard let e = entry else { throw ExecError(.internal, "\(label): libarchive returned no entry") }
        return Self.describe(e)
    }

    /// Reads the current entry's data into `buffer`; 0 at the entry's end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExecError) -> Int {
        let n = archive_read_data(handle, buffer.baseAddress, buffer.count)
        if n < 0 { try check(Int32(n), "read data") }
        return n
    }

    private static func describe(_ e: OpaquePointer) -> Entry {
        let name = archive_entry_pathname_utf8(e).map { String(cString: $0) }
            ?? archive_entry_pathname(e).map { String(cString: $0) } ?? ""
        let type = UInt32(archive_entry_filetype(e))
        var kind: Entry.Kind
        var target = ""
        if let hard = archive_entry_hardlink(e) {
            kind = .hardlink
            target = String(cString: hard)
        } else if type == argoexec_ae_ifreg() {
            kind = .regular
        } else if type == argoexec_ae_ifdir() {
            kind = .directory
        } else if type == argoexec_ae_iflnk() {
            kind = .symlink
            target = archive_entry_symlink_utf8(e).map { String(cString: $0) }
                ?? archive_entry_symlink(e).map { String(cString: $0) } ?? ""
        } else {
            kind = .other(Self.typeName(type))
        }
        let mtime = archive_entry_mtime_is_set(e) != 0
            ? timespec(tv_sec: archive_entry_mtime(e), tv_nsec: Int(archive_entry_mtime_nsec(e))) : nil
        return Entry(name: name, kind: kind, mode: UInt32(archive_entry_perm(e)), size: archive_entry_size(e),
                     mtime: mtime, linkTarget: target)
    }

    private static func typeName(_ type: UInt32) -> String {
        switch type {
        case argoexec_ae_ifchr(): "character device"
        case argoexec_ae_ifblk(): "block device"
        case argoexec_ae_ififo(): "fifo"
        case argoexec_ae_ifsock(): "socket"
        default: "unknown entry type"
        }
    }

    private func check(_ rc: Int32, _ operation: String) throws(ExecError) {
        guard rc < ARCHIVE_OK && rc != ARCHIVE_WARN else { return }
        if let error = source.error { throw error }  // the gzip layer's own, more precise error
        let text = archive_error_string(handle).map { String(cString: $0) } ?? "libarchive error \(rc)"
        throw ExecError(.badRequest, "\(label): \(text)", context: ["operation": operation])
    }
}

/// Feeds libarchive from a `GzipReader` through its read callback, keeping the first gzip error so the
/// reader can report it instead of libarchive's generic "read error".
final class GzipSource {
    private let reader: GzipReader
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
    private(set) var error: ExecError?

    init(reader: GzipReader) { self.reader = reader }
    deinit { buffer.deallocate() }

    func next(_ out: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        do throws(ExecError) {
            let n = try reader.read(into: buffer)
            out.pointee = UnsafeRawPointer(buffer.baseAddress)
            return n
        } catch {
            self.error = error
            return -1
        }
    }

    /// Reads what is left after the tar's end marker (usually nothing, or zero padding), so a truncated
    /// gzip trailer is still detected.
    func drain() throws(ExecError) {
        if let error { throw error }
        while try reader.read(into: buffer) > 0 {}
    }
}
