import Foundation
import Model
import Testing

@Suite("Template decoding: controller-shaped templates")
struct TemplateDecodingTests {
    static let fixtures = [
        "container-template.json", "script-template.json", "containerset-template.json",
        "resource-template.json", "data-template.json", "exotic-locations.json",
    ]

    @Test("every fixture decodes and round-trips", arguments: fixtures)
    func roundTrip(name: String) throws {
        let template = try Fixtures.decode(Template.self, name)
        #expect(try Fixtures.roundTrip(template) == template)
    }

    @Test("a container template with git, raw and key-only s3 inputs")
    func containerExample() throws {
        let t = try Fixtures.decode(Template.self, "container-template.json")
        #expect(t.kind == .container)
        #expect(t.container?.command == ["sh", "-c"])
        let inputs = try #require(t.inputs?.artifacts)
        #expect(inputs.map(\.name) == ["src", "cfg", "data"])
        #expect(inputs[0].location.git?.repo == "https://github.com/example/repo.git")
        #expect(inputs[1].location.raw?.data == "a: 1\n")
        #expect(inputs[1].mode == 0o644)
        #expect(inputs[2].isOptional)
        #expect(inputs[2].location.s3?.key == "prev-run/data.tgz")
        let outputs = try #require(t.outputs?.artifacts)
        #expect(outputs[0].archive?.kind == .tar(level: 9))
        #expect(outputs[1].archive?.kind == ArchiveStrategy.Kind.none)
        #expect(t.outputs?.parameters?.first?.valueFrom?.default == "none")
        let archive = try #require(t.archiveLocation)
        #expect(archive.archiveLogs == true)
        #expect(archive.s3?.insecure == true)
        #expect(archive.s3?.accessKeySecret == SecretKeySelector(name: "my-minio-cred", key: "accesskey"))
        #expect(t.mainContainerNames == ["main"])
        #expect(t.archivesLogs)
    }

    @Test("script template: source, AnyString numbers and booleans, unknown fields ignored")
    func scriptTemplate() throws {
        let t = try Fixtures.decode(Template.self, "script-template.json")
        #expect(t.kind == .script)
        #expect(t.script?.source == "import random\nprint(random.randint(1, 100))\n")
        #expect(t.script?.container.image == "python:3.12-alpine")
        let params = try #require(t.outputs?.parameters)
        #expect(params[0].globalName == "total")
        #expect(params[1].default == "3")
        #expect(params[1].valueFrom?.default == "1.5")
        #expect(params[2].value == "true")
        #expect(params[2].enum == ["a", "1000", "false"])
        #expect(t.volumeMounts.map(\.mountPath) == ["/work"])
        #expect(t.archiveLocation?.oss?.lifecycleRule?.markDeletionAfterDays == 60)
        #expect(t.metadata?.labels == ["app": "sum"])
        #expect(t.hasScriptOutput)
    }

    @Test("containerSet: dependencies, string retries, sidecars, volume repository")
    func containerSet() throws {
        let t = try Fixtures.decode(Template.self, "containerset-template.json")
        #expect(t.kind == .containerSet)
        #expect(t.mainContainerNames == ["a", "b", "main"])
        let set = try #require(t.containerSet)
        #expect(set.containers[2].dependencies == ["a", "b"])
        #expect(set.retryStrategy?.retries?.intValue == 2)
        #expect(set.retryStrategy?.duration == "1s")
        #expect(t.sidecarNames == ["nginx"])
        #expect(t.sidecars?.first?.mirrorVolumeMounts == true)
        #expect(t.volumeMounts.map(\.mountPath) == ["/workspace"])
        #expect(t.hasScriptOutput)
        let input = try #require(t.inputs?.artifacts?.first)
        #expect(input.location.http?.headers == [HTTPHeader(name: "X-Token", value: "t")])
        #expect(input.location.http?.auth?.basicAuth?.passwordSecret?.key == "p")
        #expect(t.outputs?.artifacts?.first?.location.volume?.key == "results/out.zip")
        #expect(t.archiveLocation?.volume?.path == "/mnt/artifacts")
    }

    @Test("resource and data templates")
    func resourceAndData() throws {
        let r = try Fixtures.decode(Template.self, "resource-template.json")
        #expect(r.kind == .resource)
        #expect(r.resource?.action == "create")
        #expect(r.resource?.flags == ["--validate=false"])
        #expect(r.outputs?.parameters?[0].valueFrom?.jsonPath == "{.metadata.name}")
        #expect(r.outputs?.parameters?[1].valueFrom?.jqFilter == ".")
        #expect(!r.hasScriptOutput)
        let d = try Fixtures.decode(Template.self, "data-template.json")
        #expect(d.kind == .data)
        #expect(d.data?.source?.artifactPaths?.location.s3?.key == "data/")
        #expect(d.data?.transformation?.count == 2)
        #expect(d.archiveLocation?.s3?.createBucketIfNotPresent == CreateS3BucketOptions())
        #expect(d.archiveLocation?.s3?.encryptionOptions?.kmsKeyId == "alias/argo")
    }

    @Test("every location kind, plus an unknown one, decodes")
    func exoticLocations() throws {
        let t = try Fixtures.decode(Template.self, "exotic-locations.json")
        #expect(t.kind == .steps)
        let kinds = (t.inputs?.artifacts ?? []).map(\.location.kind)
        #expect(kinds == [.gcs, .azure, .hdfs, .artifactory, .plugin, nil])
        #expect(t.inputs?.artifacts?[2].location.hdfs?.krbConfigConfigMap?.name == "krb5")
        #expect(t.inputs?.artifacts?[5].artifactGC?.strategy == "OnWorkflowDeletion")
    }

    @Test("the emissary's minimal templates decode", arguments: [
        "{}", #"{"outputs":{"artifacts":[{"path":"/tmp/artifact"}]}}"#,
        #"{"outputs":{"parameters":[{"valueFrom":{"path":"/tmp/parameter"}}]}}"#,
        #"{"containerSet":{"containers":[{"name":"main"}],"retryStrategy":{"retries":1}}}"#,
    ])
    func minimal(json: String) throws {
        let t = try JSONDecoder().decode(Template.self, from: Data(json.utf8))
        #expect(try Fixtures.roundTrip(t) == t)
    }

    @Test("malformed JSON and wrong types are errors, not crashes", arguments: [
        "", "{", "[]", #"{"outputs":{"artifacts":{"name":"x"}}}"#, #"{"inputs":{"artifacts":[{"mode":"0755"}]}}"#,
        #"{"containerSet":{"retryStrategy":{"retries":{"x":1}}}}"#,
    ])
    func malformed(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Template.self, from: Data(json.utf8)) }
    }
}
