import Foundation
import Model
import Testing

@Suite("EmissaryTemplate: the emissary's view of a template, read without Codable")
struct EmissaryTemplateTests {
    static let minimal = [
        "{}", #"{"outputs":{"artifacts":[{"path":"/tmp/artifact"}]}}"#,
        #"{"outputs":{"parameters":[{"valueFrom":{"path":"/tmp/parameter"}}]}}"#,
        #"{"containerSet":{"containers":[{"name":"main"}],"retryStrategy":{"retries":1}}}"#,
        #"{"container":{"volumeMounts":[{"name":"v","mountPath":"/a"}]},"containerSet":{"containers":[],"volumeMounts":[{"name":"w","mountPath":"/b"}]}}"#,
        #"{"script":{"source":"x","volumeMounts":[{"name":"v","mountPath":"/s"}]},"sidecars":[{"name":"db"},{"image":"x"}],"archiveLocation":{"archiveLogs":true}}"#,
        #"{"outputs":{"artifacts":[{"name":"a","path":"/a","archive":{"tar":{"compressionLevel":1}}},{"name":"b","path":"/b","archive":{"tar":{}}},{"name":"c","path":"/c","archive":{"none":{},"tar":{"compressionLevel":3}}},{"name":"d","path":"/d","archive":{"zip":{}}}]}}"#,
        #"{"inputs":{"artifacts":[{"name":"in","path":"/in","raw":{"data":"x"}}]},"container":{"volumeMounts":[{"name":"work","mountPath":"/work"}]}}"#,
        #"{"outputs":null,"containerSet":{"containers":[{"name":"a","dependencies":null}],"retryStrategy":{"retries":"2","duration":"1s"}}}"#,
    ]

    @Test("reads what the Codable Template gives, for every fixture", arguments: TemplateDecodingTests.fixtures)
    func fixtures(name: String) throws {
        let data = try Fixtures.data(name)
        #expect(try EmissaryTemplate(json: [UInt8](data)) == EmissaryTemplate(JSONDecoder().decode(Template.self, from: data)))
    }

    @Test("reads what the Codable Template gives, for minimal templates", arguments: minimal)
    func minimalTemplates(json: String) throws {
        let decoded = try JSONDecoder().decode(Template.self, from: Data(json.utf8))
        #expect(try EmissaryTemplate(json: Array(json.utf8)) == EmissaryTemplate(decoded))
    }

    @Test("container set: members, dependencies, retries and the set's volumes")
    func containerSet() throws {
        let t = try EmissaryTemplate(json: [UInt8](Fixtures.data("containerset-template.json")))
        let decoded = try Fixtures.decode(Template.self, "containerset-template.json")
        #expect(t.mainContainerNames == decoded.mainContainerNames)
        #expect(t.containerSet?.map(\.dependencies) == decoded.containerSet?.containers.map { $0.dependencies ?? [] })
        #expect(t.retries == decoded.containerSet?.retryStrategy?.retries)
        #expect(t.volumeMountPaths == ["/workspace"])
        #expect(t.overlappingVolume(for: "/workspace/out") == "/workspace")
        #expect(t.overlappingVolume(for: "/workspaces") == nil)
    }

    @Test("archive strategy: tar level only when tar is what Argo would apply")
    func tarLevels() throws {
        let t = try EmissaryTemplate(json: Array(Self.minimal[6].utf8))
        #expect(t.outputArtifacts.map(\.tarLevel) == [1, nil, nil, nil])
        #expect(t.outputArtifacts.map(\.name) == ["a", "b", "c", "d"])
    }

    @Test("members the emissary does not read cannot fail it")
    func unusedMembers() throws {
        let t = try EmissaryTemplate(json: Array(#"{"inputs":{"parameters":[{"name":"p"}]},"metadata":7,"steps":"x"}"#.utf8))
        #expect(t == EmissaryTemplate())
        // Init-less input links read only each input artifact's name and path.
        let inputs = try EmissaryTemplate(json: Array(#"{"inputs":{"artifacts":[{"name":"a","path":"/a","mode":"0755","s3":{"key":"k"}},{"name":"b"}]}}"#.utf8))
        #expect(inputs.inputArtifacts == [.init(name: "a", path: "/a"), .init(name: "b", path: nil)])
    }

    @Test("a member it reads with the wrong type is an error naming the member", arguments: [
        (#"{"outputs":{"artifacts":{"name":"x"}}}"#, "outputs.artifacts: expected an array, got an object"),
        (#"{"containerSet":{"retryStrategy":{"retries":{"x":1}}}}"#, "containerSet.retryStrategy.retries: expected an integer or a string, got an object"),
        (#"{"outputs":{"parameters":[{"name":1}]}}"#, "outputs.parameters[0].name: expected a string, got a number"),
        (#"{"containerSet":{"containers":[{"name":"a","dependencies":["b",2]}]}}"#, "containerSet.containers[0].dependencies[1]: expected a string, got a number"),
        (#"{"archiveLocation":{"archiveLogs":"yes"}}"#, "archiveLocation.archiveLogs: expected a boolean, got a string"),
        (#"{"container":{"volumeMounts":[{"mountPath":["/a"]}]}}"#, "container.volumeMounts[0].mountPath: expected a string, got an array"),
        (#"{"outputs":{"artifacts":[{"archive":{"tar":{"compressionLevel":1.5}}}]}}"#, "outputs.artifacts[0].archive.tar.compressionLevel: expected an integer, got a number"),
        ("[]", "template: expected an object, got an array"),
        (#"{"outputs":"#, "invalid JSON at offset 11: unexpected end of JSON input"),
    ])
    func wrongTypes(json: String, message: String) {
        #expect { try EmissaryTemplate(json: Array(json.utf8)) } throws: { error in
            (error as? ModelError)?.message == message
        }
    }
}
