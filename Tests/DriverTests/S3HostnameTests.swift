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
