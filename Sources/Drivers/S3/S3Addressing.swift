/// Which host and path a request for a bucket goes to, as minio-go v7.2.1 decides it for Argo
/// (`workflow/artifacts/s3/s3.go`: `addressingStyle` picks minio's `BucketLookupType`; minio-go `api.go`
/// `isVirtualHostStyleRequest` and `makeTargetURL`, `bucket-cache.go` `getBucketLocationRequest`):
///
/// - style: `path` never uses a virtual host, `virtual-hosted` always does (any host), `auto` (unset or any
///   other value) only where minio's `IsVirtualHostSupported` allows: Amazon, Google, Alibaba endpoints,
///   and there not for a bucket with a dot over TLS.
/// - host: an Amazon endpoint is replaced by the bucket region's dualstack endpoint
///   (`s3.dualstack.<region>.amazonaws.com`), whatever the style, except FIPS, PrivateLink (and S3 Express,
///   which we do not implement) endpoints, which are kept; every other host is kept as configured.
///
/// The table of cases and the deliberate differences: docs/s3.md.
public struct S3Addressing: Sendable, Equatable {
    /// Argo's `AddressingStyle` (`parseAddressingStyle`).
    public enum Style: String, Sendable {
        case auto, path
        case virtualHosted = "virtual-hosted"

        /// `path` and `virtual-hosted` as Argo spells them; anything else, or nothing, is auto-detection.
        public init(_ addressingStyle: String?) { self = Style(rawValue: addressingStyle ?? "") ?? .auto }
    }

    /// Where one request goes: `host` is also the signed Host header; `path` is unencoded.
    public struct Target: Sendable, Equatable {
        public var host: String
        public var path: String
    }

    public let style: Style
    public let secure: Bool
    /// The endpoint's host name without port or brackets (Go's `url.URL.Hostname()`).
    public let hostname: String
    /// The endpoint as sent in URLs and Host headers: the port dropped when it is the scheme's default
    /// (`makeTargetURL`: curl and browsers drop it too, and the Host header is signed).
    public let authority: String
    /// The region the endpoint names (minio's `GetRegionFromURL`): used, as minio does, when the location
    /// has no `region`, without asking the bucket's location.
    public let endpointRegion: String?
    /// An Amazon endpoint whose host is replaced by the bucket region's endpoint.
    public let usesRegionalHost: Bool
    /// Amazon, Google or Alibaba: virtual-hosted under auto-detection (but for dotted buckets over TLS).
    let virtualHostCapable: Bool

    /// `endpoint` is Argo's form, `host[:port]` (or `[v6]:port`) without a scheme.
    public init(endpoint: String, secure: Bool, style: Style) {
        self.style = style
        self.secure = secure
        var host = Substring(endpoint)
        var port: Substring?
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let rest = host[host.index(after: close)...]
            port = rest.hasPrefix(":") ? rest.dropFirst() : nil
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.firstIndex(of: ":"), host.lastIndex(of: ":") == colon {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        hostname = String(host)
        let bracketed = hostname.contains(":") ? "[\(hostname)]" : hostname
        let defaultPort = port == (secure ? "443" : "80")
        authority = port.map { defaultPort ? bracketed : "\(bracketed):\($0)" } ?? bracketed
        // Classified once here: the patterns are regular expressions, and a client addresses many requests.
        let kind = S3Hostnames.classify(hostname)
        endpointRegion = kind.region
        usesRegionalHost = kind.amazon && !kind.fips && !kind.privateLink && !kind.express
        virtualHostCapable = kind.virtualHostCapable
    }

    public var scheme: String { secure ? "https" : "http" }

    /// `isVirtualHostStyleRequest`.
    public func virtualHosted(bucket: String) -> Bool {
        if bucket.isEmpty { return false }
        switch style {
        case .virtualHosted: return true
        case .path: return false
        // IsVirtualHostSupported: a dotted bucket's virtual host name would not match the `*.` TLS certificate.
        case .auto: return virtualHostCapable && !(secure && bucket.contains("."))
        }
    }

    /// `makeTargetURL` for a request to `bucket`/`key` in the bucket's region `location`. CreateBucket
    /// (`makeBucket`) always goes path style: the bucket's DNS name may not resolve yet (`newRequest`).
    public func target(bucket: String, key: String, location: String, makeBucket: Bool = false) -> Target {
        let host = usesRegionalHost ? S3Hostnames.regionalEndpoint(location) : authority
        return place(bucket: bucket, key: key, on: host, virtual: virtualHosted(bucket: bucket) && !makeBucket)
    }

    /// `getBucketLocationRequest`: GetBucketLocation goes to the configured endpoint itself (signed for
    /// us-east-1), virtual-hosted when requests to the bucket are.
    public func locationTarget(bucket: String) -> Target {
        place(bucket: bucket, key: "", on: authority, virtual: virtualHosted(bucket: bucket))
    }

    private func place(bucket: String, key: String, on host: String, virtual: Bool) -> Target {
        if bucket.isEmpty { return Target(host: host, path: "/") }
        var path = virtual ? "/" : "/" + bucket
        if !key.isEmpty { path += (path.hasSuffix("/") ? "" : "/") + key }
        return Target(host: virtual ? "\(bucket).\(host)" : host, path: path)
    }
}
