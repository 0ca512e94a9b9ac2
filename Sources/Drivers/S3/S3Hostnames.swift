/// How minio-go classifies an endpoint's host name: Amazon S3 (and which kind), Google Cloud Storage, Alibaba
/// OSS, and the region a name carries. The rules are minio-go v7.2.1's regular expressions (the version Argo
/// v4.1.2 pins in go.mod), `pkg/s3utils/utils.go`, tried in `GetRegionFromURL`'s order, so an endpoint is
/// classified exactly as Argo's executor classifies it. Each pattern is matched by a hand scan that gives
/// Go's `regexp` result (written above each use; an unescaped `.` matches any character but a newline): Swift's
/// `Regex` cost the static binary its whole string-processing library (1.3 MiB, docs/build.md).
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

    static func classify(_ host: String) -> Kind {
        let h = HostText(host)
        let outposts = h.outpostsRegion() != nil
        let region = goRegion(h)
        let amazon = !outposts && (host == "s3-external-1.amazonaws.com" || host == "s3.amazonaws.com" || !region.isEmpty)
        return Kind(region: region.isEmpty ? nil : region, amazon: amazon,
                    fips: host.hasPrefix("s3-fips") && host.hasSuffix(".amazonaws.com"), privateLink: h.privateLinkRegion() != nil,
                    express: h.expressRegion() != nil || h.expressControlRegion() != nil,
                    virtualHostCapable: amazon || host == "storage.googleapis.com" || host.hasSuffix("aliyuncs.com"))
    }

    static func region(_ host: String) -> String? { classify(host).region }
    static func isAmazon(_ host: String) -> Bool { classify(host).amazon }

    /// `GetRegionFromURL` as written: the first pattern that matches decides, even with an empty group.
    private static func goRegion(_ h: HostText) -> String {
        // `elb(.*?).amazonaws.com$`, `elb(.*?).amazonaws.com.cn$`
        if h.text == "s3-external-1.amazonaws.com" || h.elb(suffix: ".amazonaws.com") || h.elb(suffix: ".amazonaws.com.cn") { return "" }
        let found = h.between("s3-fips.dualstack.", ".amazonaws.com")  // ^s3-fips.dualstack.(.*?).amazonaws.com$
            ?? h.between("s3-fips.", ".amazonaws.com")                   // ^s3-fips.(.*?).amazonaws.com$
            ?? h.between("s3.dualstack.", ".amazonaws.com")              // ^s3.dualstack.(.*?).amazonaws.com$
            ?? h.between("s3-", ".amazonaws.com")                        // ^s3-(.*?).amazonaws.com$
            ?? h.between("s3.", ".amazonaws.com.cn", groupPrefix: "cn")  // ^s3.(cn.*?).amazonaws.com.cn$
            ?? h.between("s3.dualstack.", ".amazonaws.com.cn", groupPrefix: "cn")  // ^s3.dualstack.(cn.*?).amazonaws.com.cn$
            ?? h.privateLinkRegion() ?? h.expressRegion() ?? h.expressControlRegion() ?? h.outpostsRegion()
        if let found { return found }
        guard let dot = h.between("s3.", ".amazonaws.com") else { return "" }  // ^s3.(.*?).amazonaws.com$
        let excluded = ["xpress-", "dualstack.", "control.", "website-"]
        return excluded.contains { dot.hasPrefix($0) } ? "" : dot
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

/// A host name as Go's `regexp` reads it: a sequence of characters (Unicode scalars; Go's runes), `$` only at
/// its very end. The scans stand for minio-go's patterns, whose unescaped dots match any character but "\n".
private struct HostText {
    let text: String
    let chars: [Unicode.Scalar]

    init(_ text: String) {
        self.text = text
        chars = Array(text.unicodeScalars)
    }

    /// Whether `template` is found at `offset`, a `.` in it matching any character but a newline when `dotsMatchAny`
    /// (the patterns' unescaped dots), only "." otherwise (escaped ones).
    func fits(_ template: String, at offset: Int, dotsMatchAny: Bool = true) -> Bool {
        var i = offset
        for t in template.unicodeScalars {
            guard i >= 0, i < chars.count else { return false }
            let c = chars[i]
            if (t == "." && dotsMatchAny) ? c == "\n" : c != t { return false }
            i += 1
        }
        return true
    }

    func slice(_ start: Int, _ end: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[start..<end])
        return String(s)
    }

    func noNewline(_ start: Int, _ end: Int) -> Bool { !chars[start..<end].contains("\n") }

    /// `^prefix(groupPrefix.*?)suffix$`: the group is what lies between the two, since the suffix is anchored.
    func between(_ prefix: String, _ suffix: String, groupPrefix: String = "") -> String? {
        let p = prefix.unicodeScalars.count, s = suffix.unicodeScalars.count, n = chars.count
        guard n >= p + s + groupPrefix.unicodeScalars.count, fits(prefix, at: 0), fits(suffix, at: n - s),
              fits(groupPrefix, at: p, dotsMatchAny: false), noNewline(p, n - s) else { return nil }
        return slice(p, n - s)
    }

    /// `elb(.*?)<suffix>$`, unanchored at the start: some "elb" ends before the suffix with no newline between.
    func elb(suffix: String) -> Bool {
        let s = suffix.unicodeScalars.count, n = chars.count
        guard n >= 3 + s, fits(suffix, at: n - s) else { return false }
        var i = n - s - 3
        while i >= 0 {
            if fits("elb", at: i, dotsMatchAny: false) { return true }
            if chars[i + 2] == "\n" { return false }  // an earlier "elb" would have it in its `.*?`
            i -= 1
        }
        return false
    }

    /// `^(?:bucket|accesspoint).vpce-.*?.s3.(.*?).vpce.amazonaws.com$`: the lazy `.*?` takes the shortest run
    /// after which `.s3.` follows and the suffix still fits.
    func privateLinkRegion() -> String? {
        let suffix = ".vpce.amazonaws.com", s = suffix.unicodeScalars.count, n = chars.count
        let start: Int
        if fits("bucket.vpce-", at: 0) { start = 12 } else if fits("accesspoint.vpce-", at: 0) { start = 17 } else { return nil }
        guard n >= start + 4 + s, fits(suffix, at: n - s) else { return nil }
        var i = start
        while i + 4 <= n - s {
            if fits(".s3.", at: i) { return noNewline(start, n - s) ? slice(i + 4, n - s) : nil }
            if chars[i] == "\n" { return nil }
            i += 1
        }
        return nil
    }

    /// `^s3express-[a-z0-9]{3,7}-az[1-6]\.([a-z0-9-]+)\.amazonaws\.com$`
    func expressRegion() -> String? {
        guard fits("s3express-", at: 0, dotsMatchAny: false) else { return nil }
        var i = 10
        while i < chars.count, Self.lowerAlnum(chars[i]) { i += 1 }
        guard (3...7).contains(i - 10), fits("-az", at: i, dotsMatchAny: false), i + 4 < chars.count,
              ("1"..."6").contains(chars[i + 3]), chars[i + 4] == "." else { return nil }
        return regionLabel(from: i + 5)
    }

    /// `^s3express-control\.([a-z0-9-]+)\.amazonaws\.com$`
    func expressControlRegion() -> String? {
        fits("s3express-control.", at: 0, dotsMatchAny: false) ? regionLabel(from: 18) : nil
    }

    /// `^(.+)\.s3-outposts\.([a-z0-9-]+)\.amazonaws\.com$`, group 2: the label before the suffix, after
    /// `.s3-outposts.` and at least one other character.
    func outpostsRegion() -> String? {
        let suffix = ".amazonaws.com", marker = ".s3-outposts.", n = chars.count
        guard n > suffix.unicodeScalars.count, fits(suffix, at: n - 14, dotsMatchAny: false) else { return nil }
        var start = n - 14
        while start > 0, Self.regionChar(chars[start - 1]) { start -= 1 }
        guard start < n - 14, start - 13 >= 1, fits(marker, at: start - 13, dotsMatchAny: false),
              noNewline(0, start - 13) else { return nil }
        return slice(start, n - 14)
    }

    /// `([a-z0-9-]+)\.amazonaws\.com$` from `start` to the end.
    private func regionLabel(from start: Int) -> String? {
        let n = chars.count
        guard n - 14 > start, fits(".amazonaws.com", at: n - 14, dotsMatchAny: false),
              chars[start..<n - 14].allSatisfy(Self.regionChar) else { return nil }
        return slice(start, n - 14)
    }

    private static func lowerAlnum(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
    private static func regionChar(_ c: Unicode.Scalar) -> Bool { lowerAlnum(c) || c == "-" }
}
