import Foundation
import Model
import Testing

@Suite("Encoding: Argo's JSON names and shapes")
struct EncodingTests {
    @Test("a reported artifact carries only its type and key (docs/artifacts.md)")
    func reportedArtifact() throws {
        var out = Artifact(name: "out", path: "/tmp/out")
        out.location = try ArtifactLocation(s3: S3Artifact(bucket: "b")).keyOnly("wf/pod/out.tgz")
        #expect(try Fixtures.json(out) == #"{"name":"out","path":"/tmp/out","s3":{"key":"wf/pod/out.tgz"}}"#)
    }

    @Test("archive strategies encode as Argo writes them")
    func archives() throws {
        #expect(try Fixtures.json(ArchiveStrategy.none) == #"{"none":{}}"#)
        #expect(try Fixtures.json(ArchiveStrategy.zip) == #"{"zip":{}}"#)
        #expect(try Fixtures.json(ArchiveStrategy.tar(level: 0)) == #"{"tar":{"compressionLevel":0}}"#)
        #expect(try Fixtures.json(ArchiveStrategy.tar()) == #"{"tar":{}}"#)
    }

    @Test("AnyString always encodes as a JSON string")
    func anyString() throws {
        let p = try JSONDecoder().decode(Parameter.self, from: Data(#"{"name":"n","value":12,"default":false}"#.utf8))
        #expect(try Fixtures.json(p) == #"{"default":"false","name":"n","value":"12"}"#)
    }

    @Test("Go float formatting of AnyString numbers", arguments: [
        ("1e3", "1000"), ("1.50", "1.5"), ("0.1", "0.1"), ("-2.5e-3", "-0.0025"), ("1e21", "1000000000000000000000"),
        ("123456789012", "123456789012"), ("0", "0"), ("-0.0", "0"), ("3.14159", "3.14159"),
    ])
    func goFloat(json: String, expected: String) throws {
        let v = try JSONDecoder().decode(AnyString.self, from: Data(json.utf8))
        #expect(v.value == expected)
    }

    @Test("task result: decodes the controller's view and encodes the executor's create body (docs/controllers.md)")
    func taskResult() throws {
        let decoded = try Fixtures.decode(WorkflowTaskResult.self, "task-result.json")
        #expect(decoded.result.progress == "1/2")
        #expect(decoded.result.outputs?.result == "hi")
        #expect(decoded.result.outputs?.artifacts?.first?.location.s3?.key == "wf/wf-123/main.log")
        #expect(decoded.metadata.labels?["workflows.argoproj.io/report-outputs-completed"] == "true")
        #expect(try Fixtures.roundTrip(decoded) == decoded)

        let created = WorkflowTaskResult(metadata: ObjectMeta(
            name: "wf-1234",
            labels: ["workflows.argoproj.io/workflow": "wf", "workflows.argoproj.io/report-outputs-completed": "false"],
            ownerReferences: [OwnerReference(apiVersion: "argoproj.io/v1alpha1", kind: "Workflow", name: "wf", uid: "u-1")]))
        #expect(try Fixtures.json(created) == #"{"apiVersion":"argoproj.io/v1alpha1","kind":"WorkflowTaskResult","metadata":{"labels":{"workflows.argoproj.io/report-outputs-completed":"false","workflows.argoproj.io/workflow":"wf"},"name":"wf-1234","ownerReferences":[{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","name":"wf","uid":"u-1"}]}}"#)
        var progress = created
        progress.result.progress = "3/4"
        #expect(try Fixtures.json(progress).hasSuffix(#""progress":"3/4"}"#))
    }

    @Test("repository JSON → archive location; keyPrefix joins the default key format")
    func repository() throws {
        let repo = try Fixtures.decode(ArtifactRepository.self, "repository-s3.json")
        let loc = try #require(repo.toArtifactLocation())
        #expect(loc.archiveLogs == true)
        #expect(loc.s3?.key == "runs/{{workflow.name}}/{{pod.name}}")
        #expect(loc.s3?.bucket == "my-bucket")
        #expect(try Fixtures.roundTrip(repo) == repo)
        var volume = ArtifactRepository()
        volume.volume = KeyFormatted(location: VolumeArtifact(path: "/mnt/artifacts"), keyFormat: "{{workflow.name}}")
        #expect(volume.toArtifactLocation()?.volume == VolumeArtifact(path: "/mnt/artifacts", key: "{{workflow.name}}"))
        #expect(ArtifactRepository().toArtifactLocation() == nil)
    }
}
