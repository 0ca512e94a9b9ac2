import Model
import Testing

@Suite("Location, key and path rules (docs/artifacts.md)")
struct LocationRulesTests {
    static let archive = ArtifactLocation(
        archiveLogs: true,
        s3: {
            var s = S3Artifact(endpoint: "minio:9000", bucket: "my-bucket", key: "wf/pod")
            s.accessKeySecret = SecretKeySelector(name: "cred", key: "ak")
            return s
        }())

    @Test("full-location rules per type")
    func hasLocation() {
        #expect(ArtifactLocation(s3: S3Artifact(endpoint: "e", bucket: "b", key: "k")).hasLocation)
        #expect(!ArtifactLocation(s3: S3Artifact(bucket: "b", key: "k")).hasLocation)
        #expect(ArtifactLocation(raw: RawArtifact(data: "")).hasLocation)
        #expect(ArtifactLocation(git: GitArtifact(repo: "r")).hasLocation)
        #expect(!ArtifactLocation(artifactory: ArtifactoryArtifact(url: "https://a/x")).hasLocation)
        #expect(ArtifactLocation(hdfs: HDFSArtifact(addresses: ["nn:8020"])).hasLocation)
        #expect(ArtifactLocation(volume: VolumeArtifact(path: "/mnt", key: "k")).hasLocation)
        #expect(!ArtifactLocation().hasLocation)
        #expect(!ArtifactLocation().isSupplied)
    }

    @Test("HTTP and Artifactory keys are the URL path")
    func urlKeys() throws {
        var l = ArtifactLocation(http: HTTPArtifact(url: "https://host:8443/a/b.tgz?sig=1#f"))
        #expect(try l.key() == "/a/b.tgz")
        try l.setKey("/c/d.tgz")
        #expect(l.http?.url == "https://host:8443/c/d.tgz?sig=1#f")
        try l.appendToKey("e.tgz")
        #expect(l.http?.url == "https://host:8443/c/d.tgz/e.tgz?sig=1#f")
        var a = ArtifactLocation(artifactory: ArtifactoryArtifact(url: "https://art/repo"))
        try a.setKey("repo/wf/pod/out.tgz")
        #expect(a.artifactory?.url == "https://art/repo/wf/pod/out.tgz")
    }

    @Test("git and raw have no key")
    func noKey() {
        #expect(throws: ModelError.self) { try ArtifactLocation(git: GitArtifact(repo: "r")).key() }
        var raw = ArtifactLocation(raw: RawArtifact(data: "x"))
        #expect(throws: ModelError.self) { try raw.setKey("k") }
        #expect(!raw.hasKey)
    }

    @Test("Relocate keeps a full location and otherwise copies the archive location with the own key")
    func relocate() throws {
        var keyOnly = Artifact(name: "data", path: "/data")
        keyOnly.location.s3 = S3Artifact(bucket: "ignored-partial-bucket", key: "prev-run/data.tgz")
        let moved = try keyOnly.relocated(onto: Self.archive)
        #expect(moved.location.s3?.bucket == "my-bucket")
        #expect(moved.location.s3?.endpoint == "minio:9000")
        #expect(moved.location.s3?.key == "prev-run/data.tgz")
        #expect(moved.location.s3?.accessKeySecret?.name == "cred")

        var full = Artifact(name: "f", path: "/f")
        full.location.s3 = S3Artifact(endpoint: "other:9000", bucket: "b2", key: "k2")
        #expect(try full.relocated(onto: Self.archive) == full)
    }

    @Test("T-X2: a key-only artifact without an archive location")
    func relocateWithoutArchive() {
        var a = Artifact(name: "foo", path: "/tmp/foo.txt")
        a.location.s3 = S3Artifact(key: "my-key")
        #expect(throws: ModelError(.badRequest, "template artifact location not set")) { try a.relocated(onto: nil) }
    }

    @Test("T-X3/T-X4: CleanPath", arguments: [
        ("/tmp/../etc/passwd", nil),
        ("/tmp/safe/../../etc", nil),
        ("/tmp/x/..", nil),
        ("/tmp/x/../x", "/tmp/x"),
        ("/tmp/x/../x/y", "/tmp/x/y"),
        ("/tmp//a/./b/", "/tmp/a/b"),
        ("relative/../../up", nil),
    ] as [(String, String?)])
    func cleanPath(path: String, expected: String?) throws {
        let a = Artifact(name: "foo", path: path)
        if let expected {
            #expect(try a.cleanedPath() == expected)
        } else {
            #expect(throws: ModelError(.internal, "Artifact 'foo' attempted to use a path containing '..'. Directory traversal is not permitted")) {
                try a.cleanedPath()
            }
        }
    }

    @Test("T-X3: no path")
    func noPath() {
        #expect(throws: ModelError(.internal, "Artifact 'foo' did not specify a path")) { try Artifact(name: "foo").cleanedPath() }
    }

    @Test("overlapping volume mounts are path-component aware; longest wins (T-X6)")
    func overlappingVolume() {
        var t = Template()
        t.container = Container()
        t.container?.volumeMounts = [VolumeMount(name: "um", mountPath: "/user-mount"), VolumeMount(name: "deep", mountPath: "/user-mount/some-path")]
        #expect(t.overlappingVolume(for: "/user-mount")?.name == "um")
        #expect(t.overlappingVolume(for: "/user-mount/some-path/foo")?.name == "deep")
        #expect(t.overlappingVolume(for: "/user-mount-coincidence") == nil)
        #expect(t.overlappingVolume(for: "/foo") == nil)
    }

    @Test("Go path helpers", arguments: [
        ("", ".", ".", "."), ("/", "/", "/", "/"), ("/a/b/", "/a/b", "b", "/a/b"), ("a//b/../c", "a/c", "c", "a/b/.."),
        ("../x", "../x", "x", ".."),
    ])
    func pathHelpers(path: String, clean: String, base: String, dir: String) {
        #expect(PathRules.clean(path) == clean)
        #expect(PathRules.base(path) == base)
        #expect(PathRules.dir(path) == PathRules.clean(dir))
    }

    @Test("path.Join drops empty elements")
    func join() {
        #expect(PathRules.join("wf/pod", "out.tgz") == "wf/pod/out.tgz")
        #expect(PathRules.join("", "x") == "x")
        #expect(PathRules.join("", "") == "")
        #expect(PathRules.join("a/", "/b/") == "a/b")
    }
}

@Suite("String trimming")
struct TrimTests {
    @Test("ASCII whitespace, including CRLF, is trimmed at both ends", arguments: [
        (" a b \r\n", "a b"), ("\t\r\n", ""), ("x", "x"), ("\r\nvalue\r\n", "value"), ("", ""),
    ])
    func trim(input: String, expected: String) { #expect(input.trimmingSpaces() == expected) }
}
