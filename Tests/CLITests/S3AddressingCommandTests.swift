import Drivers
import Foundation
import Signing
import Testing
import TestSupport

/// The built `argoexec artifact put/get` choosing S3 hosts as minio-go does for Argo, watched through
/// S3RecordingProxy (`http_proxy`, `insecure: true`, so the proxy sees absolute URLs) in front of moto_server
/// playing AWS's region rules, with botocore run through the same proxy for comparison (docs/s3.md).
@Suite("artifact put/get on AWS and MinIO endpoints: hosts, styles, one region lookup", .serialized)
struct S3AddressingCommandTests {
    /// A pod root with the secrets and a repository file for `s3` (JSON members added to the keys').
    struct Pod {
        let root: URL
        let repo: String
        init(_ moto: MotoServer, s3 members: String) throws {
            root = try BinaryRunner.makeRoot()
            let secrets = root.appendingPathComponent("secrets/cred")
            try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
            try Data(moto.accessKey.utf8).write(to: secrets.appendingPathComponent("ak"))
            try Data(moto.secretKey.utf8).write(to: secrets.appendingPathComponent("sk"))
            repo = root.appendingPathComponent("repo.json").path
            try Data(#"{"s3": {\#(members), "insecure": true, "accessKeySecret": {"name": "cred", "key": "ak"}, "secretKeySecret": {"name": "cred", "key": "sk"}}}"#.utf8)
                .write(to: URL(fileURLWithPath: repo))
            try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
            try Data("hello\n".utf8).write(to: root.appendingPathComponent("out/a.txt"))
        }

        /// `put out --key KEY`, then `get --key KEY back --unpack`; both must succeed and round-trip.
        func putGet(_ key: String, environment: [String: String] = [:]) throws {
            let common = ["--repo", repo, "--secrets-dir", root.appendingPathComponent("secrets").path]
            let put = try BinaryRunner.run(["artifact", "put", root.appendingPathComponent("out").path, "--key", key] + common, environment: environment)
            #expect(put.status == 0, "\(put.stderr)")
            let back = root.appendingPathComponent("back-\(UUID().uuidString)").path
            let get = try BinaryRunner.run(["artifact", "get", "--key", key, back, "--unpack"] + common, environment: environment)
            #expect(get.status == 0, "\(get.stderr)")
            #expect((try? String(contentsOfFile: back + "/a.txt", encoding: .utf8)) == "hello\n")
        }
    }

    static func bucket(_ moto: MotoServer, region: String) throws {
        try S3Client(.init(endpoint: String(moto.endpoint.dropFirst("http://".count)), region: region, secure: false,
                           credentials: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey))).createBucket("argo")
    }

    static func isLocation(_ r: S3RecordingProxy.Request) -> Bool { r.url.contains("?location") }

    /// botocore (`addressing_style: auto`) through the proxy: `aws` as for AWS with region us-east-1 (the SDK's
    /// default), `dualstack` the same with `use_dualstack_endpoint`, `endpoint` with `endpoint_url` = the proxy.
    static func botocore(_ proxy: S3RecordingProxy, _ moto: MotoServer, mode: String) throws -> Int32 {
        let script = """
        import sys, boto3
        from botocore.config import Config
        proxy, ak, sk, mode = sys.argv[1:5]
        s3 = {'addressing_style': 'auto', 'use_dualstack_endpoint': mode == 'dualstack'}
        config = Config(proxies={'http': proxy}, s3=s3, request_checksum_calculation='when_required', response_checksum_validation='when_required')
        extra = {'endpoint_url': proxy} if mode == 'endpoint' else {}
        c = boto3.client('s3', region_name='us-east-1', use_ssl=False, aws_access_key_id=ak, aws_secret_access_key=sk, config=config, **extra)
        c.put_object(Bucket='argo', Key='boto/o.txt', Body=b'hi')
        assert c.get_object(Bucket='argo', Key='boto/o.txt')['Body'].read() == b'hi'
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, proxy.url, moto.accessKey, moto.secretKey, mode]
        p.environment = ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") && !$0.key.hasPrefix("AWS_") }
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test("endpoint s3.amazonaws.com, no region: GetBucketLocation once per run, then argo.s3.dualstack.eu-west-1.amazonaws.com")
    func awsGlobalEndpoint() throws {
        let moto = try MotoServer()
        try Self.bucket(moto, region: "eu-west-1")
        let proxy = try S3RecordingProxy(upstream: moto.endpoint, buckets: ["argo": "eu-west-1"])
        let pod = try Pod(moto, s3: #""endpoint": "s3.amazonaws.com", "bucket": "argo""#)
        defer { try? FileManager.default.removeItem(at: pod.root) }
        try pod.putGet("wf/pod/out.tgz", environment: ["http_proxy": proxy.url])

        let ours = proxy.requests()
        // One lookup per process (put, get), virtual-hosted at the configured endpoint, signed for us-east-1.
        #expect(ours.filter(Self.isLocation).map(\.url) == Array(repeating: "http://argo.s3.amazonaws.com/?location=", count: 2))
        #expect(ours.filter(Self.isLocation).allSatisfy { $0.region == "us-east-1" && $0.status == 200 })
        let objects = ours.filter { !Self.isLocation($0) }
        #expect(objects.count >= 3)
        for r in objects {
            #expect(r.host == "argo.s3.dualstack.eu-west-1.amazonaws.com" && r.url.hasPrefix("http://argo.s3.dualstack.eu-west-1.amazonaws.com/wf/pod/")
                    && r.region == "eu-west-1" && r.status < 300, "\(r)")
        }

        // botocore ends on the same region's endpoint, found by following S3's redirect instead of asking first;
        // with dualstack on (minio-go's default) on the very same host.
        for (mode, host) in [("aws", "argo.s3.eu-west-1.amazonaws.com"), ("dualstack", "argo.s3.dualstack.eu-west-1.amazonaws.com")] {
            proxy.clear()
            #expect(try Self.botocore(proxy, moto, mode: mode) == 0)
            let theirs = proxy.requests()
            #expect(theirs.last?.host == host, "\(mode): \(theirs)")
            #expect(theirs.filter { $0.status < 300 }.allSatisfy { $0.host == host && $0.region == "eu-west-1" }, "\(mode): \(theirs)")
        }
    }

    @Test("a MinIO-like endpoint (127.0.0.1) keeps path style, as botocore does; addressingStyle virtual-hosted is honoured for any host")
    func pathStyleKept() throws {
        let moto = try MotoServer()
        try Self.bucket(moto, region: "us-east-1")
        let proxy = try S3RecordingProxy(upstream: moto.endpoint, buckets: ["argo": "us-east-1"], anyHost: true)
        let pod = try Pod(moto, s3: #""endpoint": "\#(proxy.endpoint)", "bucket": "argo""#)
        defer { try? FileManager.default.removeItem(at: pod.root) }
        try pod.putGet("wf/pod/path.tgz")
        let ours = proxy.requests()
        #expect(ours.filter(Self.isLocation).map(\.url) == Array(repeating: proxy.url + "/argo?location=", count: 2))
        let objects = ours.filter { !Self.isLocation($0) }
        #expect(!objects.isEmpty && objects.allSatisfy { $0.host == proxy.endpoint && $0.url.hasPrefix(proxy.url + "/argo/wf/pod/") })

        proxy.clear()
        #expect(try Self.botocore(proxy, moto, mode: "endpoint") == 0)
        #expect(proxy.requests().allSatisfy { $0.host == proxy.endpoint && $0.url.hasPrefix(proxy.url + "/argo/boto/") })

        proxy.clear()
        let virtual = try Pod(moto, s3: #""endpoint": "minio.example.com", "bucket": "argo", "region": "us-east-1", "addressingStyle": "virtual-hosted""#)
        defer { try? FileManager.default.removeItem(at: virtual.root) }
        try virtual.putGet("wf/pod/virtual.tgz", environment: ["http_proxy": proxy.url])
        let hosts = Set(proxy.requests().map(\.host))
        #expect(hosts == ["argo.minio.example.com"])
    }
}
