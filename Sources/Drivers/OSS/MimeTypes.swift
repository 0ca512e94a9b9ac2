/// The Content-Type OSS uploads carry, by the key's extension as the Go SDK's `TypeByExtension` table
/// gives it for the files workflows produce (a subset of its table), else `application/octet-stream`.
enum MimeTypes {
    static let byExtension: [String: String] = [
        "tgz": "application/x-compressed", "gz": "application/x-gzip", "tar": "application/x-tar",
        "zip": "application/zip", "txt": "text/plain", "log": "text/plain", "json": "application/json",
        "csv": "text/csv", "html": "text/html", "htm": "text/html", "xml": "text/xml", "yaml": "text/yaml",
        "yml": "text/yaml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "pdf": "application/pdf",
        "md": "text/markdown", "parquet": "application/octet-stream",
    ]

    static func forKey(_ key: String) -> String {
        guard !key.hasSuffix("/"), let name = key.split(separator: "/").last, let dot = name.lastIndex(of: ".") else {
            return "application/octet-stream"
        }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
