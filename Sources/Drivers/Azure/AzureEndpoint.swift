import Core
import Signing
import ModelBase

/// Where a container lives, from the location's `endpoint` and `container` as Argo's
/// `newAzureContainerClient` (`workflow/artifacts/azure/azure.go`) builds the container URL: the endpoint's
/// path, a `/`, the container. Two forms in practice: the account URL
/// `https://<account>.blob.core.windows.net`, and emulator URLs `http://127.0.0.1:10000/<account>` where the
/// account is the first path segment (Argo's `determineAccountName`: hosts starting with `127.0.0.1` or
/// `localhost`).
public struct AzureEndpoint: Sendable, Equatable {
    public var scheme: String
    /// `host[:port]` as given.
    public var host: String
    /// The container's escaped path: `/<container>` or `/<account>/<container>` (the endpoint's own path first).
    public var containerPath: String
    public var container: String

    public init(endpoint: String, container: String) throws(ExecError) {
        func malformed(_ why: String) -> ExecError {
            ExecError(.badRequest, "unable to parse Azure Blob Storage endpoint url \(endpoint): \(why)")
        }
        guard !container.isEmpty else { throw ExecError(.badRequest, "azure location needs a container") }
        guard let schemeEnd = endpoint.firstRange(ofText: "://") else {
            throw malformed("expected http(s)://<account>.blob.core.windows.net or http://127.0.0.1:<port>/<account>")
        }
        scheme = endpoint[..<schemeEnd.lowerBound].lowercased()
        let rest = endpoint[schemeEnd.upperBound...]
        host = String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        var path = String(rest.dropFirst(host.count))
        guard scheme == "http" || scheme == "https" else { throw malformed("the scheme must be http or https") }
        guard !host.isEmpty, !host.contains("@"), host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw malformed("no valid host") }
        guard !path.contains("?"), !path.contains("#"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw malformed("the endpoint may not carry a query, a fragment or spaces (give a SAS token in accountKeySecret)")
        }
        if !path.hasSuffix("/") { path += "/" }
        containerPath = path + SigV4Signer.uriEncode(container)
        self.container = container
    }

    /// The escaped path of a blob: its name percent-encoded except `/` (as azure-storage-blob quotes it).
    public func blobPath(_ blob: String) -> String {
        containerPath + "/" + blob.split(separator: "/", omittingEmptySubsequences: false).map { SigV4Signer.uriEncode(String($0)) }
            .joined(separator: "/")
    }

    /// The host name without port or IPv6 brackets.
    var hostname: String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<end]) }
        return String(host.prefix { $0 != ":" })
    }

    /// Argo's `determineAccountName`: the first path segment for loopback emulator hosts (an error when
    /// the path has no segment before the container), else the first label of the host name.
    public func accountName() throws(ExecError) -> String {
        if hostname.hasPrefix("127.0.0.1") || hostname.hasPrefix("localhost") {
            let parts = containerPath.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count > 2, !parts[1].isEmpty else {
                throw ExecError(.badRequest, "unable to determine storage account name from \(scheme)://\(host)\(containerPath)")
            }
            return SigV4Signer.percentDecode(String(parts[1]))
        }
        return String(hostname.prefix { $0 != "." })
    }

    /// The container URL for messages (never carries a credential).
    public var display: String { "\(scheme)://\(host)\(containerPath)" }
}
