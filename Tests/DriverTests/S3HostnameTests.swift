@testable import Drivers
import Testing

/// minio-go v7.2.1's own test cases for the host-name rules and target URLs, run against ours.
@Suite("S3 host names: minio-go's own cases")
struct S3HostnameTests {
    /// minio-go v7.2.1's own cases (`pkg/s3utils/utils_test.go` TestGetRegionFromURL, TestIsAmazonEndpoint).
    static let minioRegions: [(String, String)] = [
        ("storage.googleapis.com", ""), ("s3.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("s3.dualstack.cn-north-1.amazonaws.com.cn", "cn-north-1"), ("s3.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        ("s3.dualstack.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"), ("s3-fips-us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        ("s3-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"), ("s3-fips.us-gov-east-1.amazonaws.com", "us-gov-east-1"),
        ("s3-us-gov-west-1.amazonaws.com", "us-gov-west-1"), ("192.168.1.1", ""), ("s3-eu-west-1.amazonaws.com", "eu-west-1"),
        ("s3.eu-west-1.amazonaws.com", "eu-west-1"), ("s3.dualstack.eu-west-1.amazonaws.com", "eu-west-1"), ("s3.amazonaws.com", ""),
        ("s3-external-1.amazonaws.com", ""), ("s3.kubernetesfrontendlb-caf78da2b1f7516c.elb.us-west-2.amazonaws.com", ""),
        ("s3.kubernetesfrontendlb-caf78da2b1f7516c.elb.amazonaws.com", ""),
        ("s3.kubernetesfrontendlb-caf78da2b1f7516c.elb.amazonaws.com.cn", ""),
        ("bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com", "us-east-1"),
        ("accesspoint.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com", "us-east-1"), ("s3-fips.us-east-1.amazonaws.com", "us-east-1"),
        ("s3-fips.dualstack.us-west-1.amazonaws.com", "us-west-1"), ("s3express-usw2-az1.us-west-2.amazonaws.com", "us-west-2"),
        ("s3express-use1-az5.us-east-1.amazonaws.com", "us-east-1"), ("s3express-apne1-az4.ap-northeast-1.amazonaws.com", "ap-northeast-1"),
        ("s3express-euc1-az2.eu-central-1.amazonaws.com", "eu-central-1"), ("s3express-usgw1-az3.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        ("s3express-control.us-west-2.amazonaws.com", "us-west-2"),
        ("test-access-point-000000000000.op-00000000000000000.s3-outposts.eu-central-1.amazonaws.com", "eu-central-1"),
        ("myap-123456789012.op-0ab1c2d3e4f5.s3-outposts.us-west-2.amazonaws.com", "us-west-2"),
        ("storage.googleapis.com:80", ""), ("s3.cn-north-1.amazonaws.com.cn:80", "cn-north-1"),
        ("s3-fips-us-gov-west-1.amazonaws.com:80", "us-gov-west-1"), ("s3.dualstack.eu-west-1.amazonaws.com:80", "eu-west-1"),
        ("s3.kubernetesfrontendlb-caf78da2b1f7516c.elb.amazonaws.com.cn:80", ""),
        ("bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com:80", "us-east-1"), ("192.168.1.1:80", ""),
        ("s3express-usw2-az7.us-west-2.amazonaws.com", ""), ("invalid-endpoint.com", ""), ("s3.amazonaws.com:80", ""),
        ("s3-external-1.amazonaws.com:80", ""),
        // Ours: the dot form's exclusions, and the hyphen form read as minio-go reads it.
        ("s3.website-us-east-1.amazonaws.com", ""), ("s3-website-us-east-1.amazonaws.com", "website-us-east-1"),
    ]

    static let minioAmazon: [(String, Bool)] = [
        ("192.168.1.1", false), ("storage.googleapis.com", false), ("amazons3.amazonaws.com", false), ("s3-.amazonaws.com", false),
        ("s3..amazonaws.com", false), ("s3.dualstack.us-west-1.amazonaws.com.cn", false), ("s3..us-west-1.amazonaws.com.cn", false),
        ("s3.amazonaws.com", true), ("s3-external-1.amazonaws.com", true), ("s3.cn-north-1.amazonaws.com.cn", true),
        ("s3-us-west-1.amazonaws.com", true), ("s3.us-west-1.amazonaws.com", true), ("s3.dualstack.us-west-1.amazonaws.com", true),
        ("bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com", true),
        ("accesspoint.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com", true), ("s3express-usw2-az1.us-west-2.amazonaws.com", true),
        ("myap-123456789012.op-0ab1c2d3e4f5.s3-outposts.us-west-2.amazonaws.com", false),
    ]

    @Test("minio-go's GetRegionFromURL and IsAmazonEndpoint cases")
    func minioHostnameCases() {
        for (endpoint, region) in Self.minioRegions {
            let hostname = S3Addressing(endpoint: endpoint, secure: true, style: .auto).hostname
            #expect(S3Hostnames.region(hostname) == (region.isEmpty ? nil : region), "\(endpoint)")
        }
        for (host, amazon) in Self.minioAmazon {
            #expect(S3Hostnames.isAmazon(host) == amazon, "\(host)")
        }
        #expect(S3Driver.regionFromHostname("s3-us-west-1.amazonaws.com:443") == "us-west-1")
    }

    @Test("minio-go's makeTargetURL cases (api_unit_test.go), bucket-level paths without minio's trailing slash")
    func minioTargetCases() {
        let cases: [(String, Bool, String, String, String)] = [
            ("localhost:9000", true, "mybucket", "", "https://localhost:9000/mybucket"),
            ("storage.googleapis.com", true, "mybucket", "", "https://mybucket.storage.googleapis.com/"),
            ("s3.amazonaws.com", true, "mybucket", "myobject", "https://mybucket.s3.dualstack.us-east-1.amazonaws.com/myobject"),
            ("localhost:9000", false, "mybucket", "myobject", "http://localhost:9000/mybucket/myobject"),
            ("localhost:80", false, "mybucket", "myobject", "http://localhost/mybucket/myobject"),
            ("localhost:443", true, "mybucket", "myobject", "https://localhost/mybucket/myobject"),
            ("[240b:c0e0:102:54C0:1c05:c2c1:19:5001]:443", true, "mybucket", "myobject",
             "https://[240b:c0e0:102:54C0:1c05:c2c1:19:5001]/mybucket/myobject"),
            ("[240b:c0e0:102:54C0:1c05:c2c1:19:5001]:9000", true, "mybucket", "myobject",
             "https://[240b:c0e0:102:54C0:1c05:c2c1:19:5001]:9000/mybucket/myobject"),
        ]
        for (endpoint, secure, bucket, key, url) in cases {
            let a = S3Addressing(endpoint: endpoint, secure: secure, style: .auto)
            #expect(S3AddressingTests.url(a, a.target(bucket: bucket, key: key, location: "")) == url)
        }
    }
}

/// The regular expressions `S3Hostnames` scans for by hand, run by Swift's `Regex` (which agrees with Go's
/// `regexp` on ASCII host names without newlines): its classification must agree on every generated name.
@Suite("S3 host names: the hand scans against the patterns")
struct S3HostnamePatternTests {
    /// The former `Regex`-based classifier, kept as the oracle.
    struct Oracle {
        static func compile(_ pattern: String) -> Regex<AnyRegexOutput> { try! Regex(pattern) }
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

        func group(_ host: String, _ pattern: Regex<AnyRegexOutput>, _ index: Int = 1) -> String? {
            host.firstMatch(of: pattern).map { $0.output[index].substring.map(String.init) ?? "" }
        }

        func classify(_ host: String) -> S3Hostnames.Kind {
            let outposts = host.contains(self.outposts)
            let region = goRegion(host)
            let amazon = !outposts && (host == "s3-external-1.amazonaws.com" || host == "s3.amazonaws.com" || !region.isEmpty)
            return .init(region: region.isEmpty ? nil : region, amazon: amazon,
                         fips: host.hasPrefix("s3-fips") && host.hasSuffix(".amazonaws.com"), privateLink: host.contains(privateLink),
                         express: host.contains(express) || host.contains(expressControl),
                         virtualHostCapable: amazon || host == "storage.googleapis.com" || host.hasSuffix("aliyuncs.com"))
        }

        func goRegion(_ host: String) -> String {
            if host == "s3-external-1.amazonaws.com" || host.contains(elb) || host.contains(elbChina) { return "" }
            for p in [fipsDualStack, fips, dualStack, hyphen, china, chinaDualStack, privateLink, express, expressControl] {
                if let found = group(host, p) { return found }
            }
            if let found = group(host, outposts, 2) { return found }
            guard let found = group(host, dot) else { return "" }
            return ["xpress-", "dualstack.", "control.", "website-"].contains { found.hasPrefix($0) } ? "" : found
        }
    }

    /// One case per pattern, each with the dots the patterns leave unescaped filled by other characters.
    static let cases: [(host: String, region: String?, amazon: Bool)] = [
        ("s3-fips.dualstack.us-east-1.amazonaws.com", "us-east-1", true),   // ^s3-fips.dualstack.(.*?).amazonaws.com$
        ("s3-fipsXdualstackXus-east-1Xamazonaws-com", "us-east-1", true),
        ("s3-fips.dualstack..amazonaws.com", nil, false),                   // an empty group decides: ""
        ("s3-fips.us-east-2.amazonaws.com", "us-east-2", true),             // ^s3-fips.(.*?).amazonaws.com$
        ("s3-fips-us-gov-west-1.amazonaws.com", "us-gov-west-1", true),
        ("s3.dualstack.eu-west-1.amazonaws.com", "eu-west-1", true),        // ^s3.dualstack.(.*?).amazonaws.com$
        ("s3_dualstack_eu-west-1_amazonaws_com", "eu-west-1", true),
        ("s3-eu-west-1.amazonaws.com", "eu-west-1", true),                  // ^s3-(.*?).amazonaws.com$
        ("s3-a.b.amazonaws.com", "a.b", true),
        ("s3.cn-north-1.amazonaws.com.cn", "cn-north-1", true),             // ^s3.(cn.*?).amazonaws.com.cn$
        ("s3.cn.amazonaws.com.cn", "cn", true),
        ("s3.north-1.amazonaws.com.cn", nil, false),
        ("s3.dualstack.cn-north-1.amazonaws.com.cn", "cn-north-1", true),   // ^s3.dualstack.(cn.*?).amazonaws.com.cn$
        ("bucket.vpce-1a2b.s3.us-east-1.vpce.amazonaws.com", "us-east-1", true),  // privateLink: the shortest `.*?`
        ("bucket.vpce-a.s3.b.s3.us-east-1.vpce.amazonaws.com", "b.s3.us-east-1", true),
        ("accesspoint-vpce-.s3..vpce.amazonaws.com", nil, false),
        ("s3express-usw2-az1.us-west-2.amazonaws.com", "us-west-2", true),  // express: [a-z0-9]{3,7}, az[1-6]
        ("s3express-us-az1.us-west-2.amazonaws.com", nil, false),
        ("s3express-abcdefgh-az1.us-west-2.amazonaws.com", nil, false),
        ("s3express-usw2-az1.us_west-2.amazonaws.com", nil, false),
        ("s3express-control.eu-central-1.amazonaws.com", "eu-central-1", true),  // ^s3express-control\.([a-z0-9-]+)...
        ("s3express-control.EU.amazonaws.com", nil, false),
        ("ap.op-0.s3-outposts.us-west-2.amazonaws.com", "us-west-2", false),  // outposts: group 2, not Amazon
        (".s3-outposts.us-west-2.amazonaws.com", nil, false),               // `.+` needs a character
        ("x.s3-outposts.us.west-2.amazonaws.com", nil, false),
        ("s3.eu-west-1.amazonaws.com", "eu-west-1", true),                  // ^s3.(.*?).amazonaws.com$ and its exclusions
        ("s3.xpress-x.amazonaws.com", nil, false),
        ("s3.website-us-east-1.amazonaws.com", nil, false),
        ("s3.elbow.amazonaws.com", nil, false),                             // elb(.*?).amazonaws.com$ anywhere
        ("s3.x.amazonaws.com.elb.amazonaws.com.cn", nil, false),            // elb(.*?).amazonaws.com.cn$
        ("s3.x.elb", nil, false),
        ("s3-us-east-1.amazonaws.com\n", nil, false),                       // Go's `$` is the end of the text
        ("s3-us\neast-1.amazonaws.com", nil, false),                        // and `.` is no newline
        ("s3-us-east-1.amazonaws.com.elb\n.amazonaws.com", nil, false),
        ("s3-ü-1.amazonaws.com", "ü-1", true),
    ]

    @Test("one case per pattern")
    func patternCases() {
        for c in Self.cases {
            let kind = S3Hostnames.classify(c.host)
            #expect(kind.region == c.region, "\(c.host.debugDescription)")
            #expect(kind.amazon == c.amazon, "\(c.host.debugDescription)")
        }
    }

    @Test("the scans classify 30,000 generated names as the patterns do")
    func generatedNames() {
        let oracle = Oracle()
        let starts = ["", "s3", "s3-", "s3.", "s3-fips.", "s3-fips.dualstack.", "s3.dualstack.", "bucket.vpce-", "accesspoint.vpce-",
                      "bucket-vpce-", "s3express-", "s3express-control.", "x.s3-outposts.", ".s3-outposts.", "elb", "s3.cn", "s3-fips"]
        let pieces = ["s3", "-", ".", "_", "fips", "dualstack", "cn", "-north-1", "us-east-1", "amazonaws", "com", "elb", "vpce",
                      "vpce-", "usw2", "use1", "abcdefgh", "-az1", "-az7", "control", "s3-outposts", "x", ".s3.", "1a2b", "Ab",
                      "website-", "xpress-", "us-west-2", "op-0"]
        let ends = ["", ".amazonaws.com", ".amazonaws.com.cn", "Xamazonaws_com", ".vpce.amazonaws.com", ".s3-outposts.us-west-2.amazonaws.com"]
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        var mismatches: [String] = []
        var withRegion = 0, privateLink = 0, express = 0
        for _ in 0..<30_000 {
            var host = starts[next(starts.count)]
            for _ in 0..<next(5) { host += pieces[next(pieces.count)] }
            host += ends[next(ends.count)]
            let kind = oracle.classify(host)
            if S3Hostnames.classify(host) != kind { mismatches.append(host) }
            if kind.region != nil { withRegion += 1 }
            if kind.privateLink { privateLink += 1 }
            if kind.express { express += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // The generator reaches the patterns: names with a region, PrivateLink and Express ones among them.
        #expect(withRegion > 5_000 && privateLink > 50 && express > 50, "\(withRegion) \(privateLink) \(express)")
    }
}
