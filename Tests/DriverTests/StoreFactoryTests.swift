import Core
import Drivers
import Model
import Synchronization
import Testing

/// `ArtifactStores`: one factory for pods and the debugging tools; keyed drivers built once per location.
@Suite("Store factory: one driver per distinct location, the closed backend view")
struct StoreFactoryTests {
    /// Counts secret reads: a driver resolves its credentials when it is built.
    final class CountingSecrets: SecretResolver {
        let reads = Mutex(0)
        func secret(_ selector: SecretKeySelector) throws(ExecError) -> [UInt8] {
            reads.withLock { $0 += 1 }
            return Array("value".utf8)
        }
    }

    static func s3(_ key: String, bucket: String = "argo") -> Artifact {
        var location = S3Artifact()
        location.endpoint = "127.0.0.1:9"
        location.bucket = bucket
        location.region = "us-east-1"
        location.insecure = true
        location.key = key
        location.accessKeySecret = SecretKeySelector(name: "cred", key: "ak")
        location.secretKeySecret = SecretKeySelector(name: "cred", key: "sk")
        var artifact = Artifact(name: key)
        artifact.location.s3 = location
        return artifact
    }

    @Test("many artifacts of one location build one driver (credentials read once); another bucket builds another")
    func oneDriverPerLocation() throws {
        let secrets = CountingSecrets()
        let context = StoreContext(secrets: secrets)
        for key in ["wf/pod/a.tgz", "wf/pod/b.tgz", "wf/pod/main.log"] { _ = try ArtifactStores.make(Self.s3(key), context: context) }
        #expect(secrets.reads.withLock { $0 } == 2)  // access key and secret key, once
        _ = try ArtifactStores.make(Self.s3("x", bucket: "other"), context: context)
        #expect(secrets.reads.withLock { $0 } == 4)
        // A new context (another run) builds its own.
        _ = try ArtifactStores.make(Self.s3("wf/pod/a.tgz"), context: StoreContext(secrets: secrets))
        #expect(secrets.reads.withLock { $0 } == 6)
    }

    @Test("the backend view follows Argo's selection order; an unbuilt backend is Argo's error")
    func backendView() throws {
        var location = ArtifactLocation()
        location.raw = RawArtifact(data: "x")
        location.http = HTTPArtifact(url: "http://h/x")
        guard case .http? = location.backend else { Issue.record("http wins over raw, as in Argo's newDriver"); return }
        var hdfs = Artifact(name: "h")
        hdfs.location.hdfs = HDFSArtifact(addresses: ["nn:8020"], path: "/x")
        let error = #expect(throws: ExecError.self) { try ArtifactStores.make(hdfs, context: StoreContext(secrets: CountingSecrets())) }
        #expect(error?.message == "Unsupported artifact driver for h")
        var archive = ArtifactLocation()
        archive.s3 = S3Artifact()
        archive.s3?.key = "wf/pod"
        #expect(try archive.keyOnly(appending: "main.log").s3?.key == "wf/pod/main.log")
    }
}
