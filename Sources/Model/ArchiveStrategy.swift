/// `archive:` of an artifact: exactly one of `tar: {compressionLevel?}`, `none: {}`, `zip: {}`
/// (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`). Absent means tar+gzip at the default level on output, auto-detection on input.
public struct ArchiveStrategy: Codable, Hashable, Sendable {
    public var tar: TarStrategy?
    public var none: NoneStrategy?
    public var zip: ZipStrategy?

    public init(tar: TarStrategy? = nil, none: NoneStrategy? = nil, zip: ZipStrategy? = nil) {
        self.tar = tar
        self.none = none
        self.zip = zip
    }

    public static func tar(level: Int32? = nil) -> ArchiveStrategy { ArchiveStrategy(tar: TarStrategy(compressionLevel: level)) }
    public static let none = ArchiveStrategy(none: NoneStrategy())
    public static let zip = ArchiveStrategy(zip: ZipStrategy())

    /// The strategy the executor applies; Argo checks `none`, then `zip`, else tar.
    public var kind: Kind {
        if none != nil { return .none }
        if zip != nil { return .zip }
        return .tar(level: tar?.compressionLevel)
    }

    public enum Kind: Hashable, Sendable {
        /// tar wrapped in gzip; nil level means gzip's default (-1, i.e. zlib level 6).
        case tar(level: Int32?)
        case zip
        case none
    }
}

public struct TarStrategy: Codable, Hashable, Sendable {
    public var compressionLevel: Int32?
    public init(compressionLevel: Int32? = nil) { self.compressionLevel = compressionLevel }
}

public struct NoneStrategy: Codable, Hashable, Sendable {
    public init() {}
}

public struct ZipStrategy: Codable, Hashable, Sendable {
    public init() {}
}
