internal import CArchive
internal import CZlib

/// Versions of the archive libraries, for `argoexec version` and bug reports.
public enum ArchiveLibrary {
    /// libarchive's version string (`libarchive 3.6.2`).
    public static var libarchiveVersion: String { String(cString: archive_version_string()) }

    /// zlib's version string (`1.2.13`).
    public static var zlibVersion: String { String(cString: CZlib.zlibVersion()) }
}
