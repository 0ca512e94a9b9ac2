/// How minio-go classifies an endpoint's host name: Amazon S3 (and which kind), Google Cloud Storage, Alibaba
/// OSS, and the region a name carries. The patterns are minio-go v7.2.1's (the version Argo v4.1.2 pins in
/// go.mod), `pkg/s3utils/utils.go`, copied as written, unescaped dots included, and tried in
/// `GetRegionFromURL`'s order, so an endpoint is classified exactly as Argo's executor classifies it.
/// How the classification chooses a request's host: `S3Addressing`, docs/s3.md.
enum S3Hostnames {
    /// What a host name is, worked out once per endpoint (`S3Addressing.init`).
    struct Kind: Sendable, Equatable {
        /// `GetRegionFromURL`, nil where it gives "".
        var region: String?
        /// `IsAmazonEndpoint`; S3 on Outposts is not (minio keeps its host and path style).
        var amazon: Bool
        /// `IsAmazonFIPSEndpoint`, `IsAmazonPrivateLinkEndpoint`.
        var fips: Bool
        var privateLink: Bool
        /// S3 Express One Zone (regional or zonal endpoint): minio-go switches to session credentials and
        /// zonal hosts there, which we do not implement; such endpoints are contacted as configured.
        var express: Bool
        /// Amazon, Google (`storage.googleapis.com`) or Alibaba (`*aliyuncs.com`): `IsVirtualHostSupported`
        /// but for its dotted-bucket-over-TLS rule (`S3Addressing.virtualHosted`).
        var virtualHostCapable: Bool
    }

    /// The patterns, compiled per classification: `Regex` is not `Sendable`, and an endpoint is classified
    /// once per client, so they are not kept.
    private struct Patterns {
        let fipsDualStack = compile(#"^s3-fips.dualstack.(.*?).amazonaws.com$"#)
        let fips = compile(#"^s3-fips.(.*?).amazonaws.com$"#)
        let dualStack = compile(#"^s3.dualstack.(.*?).amazonaws.com$"#)
        let hyphen = compile(#"^s3-(.*?).amazonaws.com$"#)
        let china = compile(#"^s3.(cn.*?).amazonaws.com.cn$"#)
        let chinaDualStack = compile(#"^s3.dualstack.(cn.*?).amazonaws.com.cn$"#)
        let privateLink = compile(#"^(?:bucket|accesspoint).vpce-.*?.s3.(.*?).vpce.amazonaws.com$"#)
        let express = compile(#"^s3express-[a-z0-9]{3,7}-az[1-6]\.([a-z0-9-]+)\.amazonaws\.com$"#)
        let expressControl = compile(#"^s3express-control\.([a-z0-9-]+)\.amazonaws\.com$"#)
        let outposts = compile(#"^(.+)\.s3-outposts\.([a-z0-9-]+)\.amazonaws\.com$"#)
        let dot = compile(#"^s3.(.*?).amazonaws.com$"#)
        let elb = compile(#"elb(.*?).amazonaws.com$"#)
        let elbChina = compile(#"elb(.*?).amazonaws.com.cn$"#)
    }

    /// A pattern of this file (constants that compile); nil, which matches nothing, rather than a trap.
    private static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? { try? Regex(pattern) }

    static func classify(_ host: String) -> Kind {
        let p = Patterns()
        let outposts = host.holds(p.outposts)
        let region = goRegion(host, p)
        let amazon = !outposts && (host == "s3-external-1.amazonaws.com" || host == "s3.amazonaws.com" || !region.isEmpty)
        return Kind(region: region.isEmpty ? nil : region, amazon: amazon,
                    fips: host.hasPrefix("s3-fips") && host.hasSuffix(".amazonaws.com"), privateLink: host.holds(p.privateLink),
                    express: host.holds(p.express) || host.holds(p.expressControl),
                    virtualHostCapable: amazon || host == "storage.googleapis.com" || host.hasSuffix("aliyuncs.com"))
    }

    static func region(_ host: String) -> String? { classify(host).region }
    static func isAmazon(_ host: String) -> Bool { classify(host).amazon }

    /// `GetRegionFromURL` as written: the first pattern that matches decides, even with an empty group.
    private static func goRegion(_ host: String, _ p: Patterns) -> String {
        if host == "s3-external-1.amazonaws.com" || host.holds(p.elb) || host.holds(p.elbChina) { return "" }
        for pattern in [p.fipsDualStack, p.fips, p.dualStack, p.hyphen, p.china, p.chinaDualStack, p.privateLink, p.express, p.expressControl] {
            if let found = host.match(pattern) { return group(found, 1) }
        }
        if let found = host.match(p.outposts) { return group(found, 2) }
        guard let found = host.match(p.dot).map({ group($0, 1) }) else { return "" }
        let excluded = ["xpress-", "dualstack.", "control.", "website-"]
        return excluded.contains { found.hasPrefix($0) } ? "" : found
    }

    /// Capture group `index` of a match ("" when it did not take part). The patterns are untyped
    /// (`Regex<AnyRegexOutput>`, as `TRANSIENT_ERROR_PATTERN`'s): typed tuple outputs would instantiate the
    /// regex engine's generic code once more in the static binary.
    private static func group(_ match: Regex<AnyRegexOutput>.Match, _ index: Int) -> String {
        match.output[index].substring.map(String.init) ?? ""
    }

    /// minio-go's `getS3Endpoint(location, dualstack)` with dualstack on, as `minio.New` sets it for every
    /// Amazon endpoint (`api.go`: "resolved into dual-stack endpoints by default"). Its table (`endpoints.go`)
    /// is this rule for every region it lists; a region it does not list gets its own regional name here
    /// where minio-go falls back to us-east-1's (a deliberate difference, docs/s3.md).
    static func regionalEndpoint(_ region: String) -> String {
        // A region goes into a host name: anything but a plain region name (`evil.com#`) is treated as none.
        let plain = region.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        let region = region.isEmpty || !plain ? "us-east-1" : region
        if region.hasPrefix("us-isob-") { return "s3.\(region).sc2s.sgov.gov" }  // no dualstack there
        if region.hasPrefix("us-iso-") { return "s3.\(region).c2s.ic.gov" }
        if region.hasPrefix("cn-") { return "s3.dualstack.\(region).amazonaws.com.cn" }
        return "s3.dualstack.\(region).amazonaws.com"
    }
}

private extension String {
    /// A pattern that did not compile (nil) finds nothing.
    func holds(_ pattern: Regex<AnyRegexOutput>?) -> Bool { pattern.map { contains($0) } ?? false }
    func match(_ pattern: Regex<AnyRegexOutput>?) -> Regex<AnyRegexOutput>.Match? { pattern.flatMap { firstMatch(of: $0) } }
}
