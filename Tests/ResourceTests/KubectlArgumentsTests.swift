import Core
import Foundation
import Model
import Resource
import Testing

/// Argo's `workflow/executor/resource_test.go` cases for the kubectl command line (T-K1, T-K2) and the self link (T-K4).
@Suite("kubectl arguments and self links, as Argo builds them")
struct KubectlArgumentsTests {
    func manifest(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func flagsComeBeforeTheFile() throws {
        let path = try manifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        let args = try KubectlArguments.build(action: "create", manifestPath: path, flags: ["--fake=true"], mergeStrategy: nil)
        #expect(args == ["kubectl", "create", "--fake=true", "-f", path, "-o", "json"])
        #expect(try KubectlArguments.build(action: "create", manifestPath: path, flags: [], mergeStrategy: nil)
            == ["kubectl", "create", "-f", path, "-o", "json"])
    }

    @Test func missingAndEmptyManifests() throws {
        #expect(throws: ExecError.self) { try KubectlArguments.build(action: "create", manifestPath: "unknown-location", flags: [], mergeStrategy: nil) }
        do {
            _ = try KubectlArguments.build(action: "create", manifestPath: "unknown-location", flags: [], mergeStrategy: nil)
        } catch {
            #expect(error.message == "open unknown-location: no such file or directory")
        }
        let empty = try manifest("")
        do {
            _ = try KubectlArguments.build(action: "create", manifestPath: empty, flags: [], mergeStrategy: nil)
            Issue.record("an empty manifest without flags was accepted")
        } catch {
            #expect(error.message == "Must provide at least one of flags or manifest.")
        }
        #expect(try KubectlArguments.build(action: "get", manifestPath: empty, flags: ["pod", "x"], mergeStrategy: nil)
            == ["kubectl", "get", "pod", "x", "-o", "json"])
    }

    @Test func deleteIgnoresMissingObjectsAndPrintsNames() throws {
        let path = try manifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        #expect(try KubectlArguments.build(action: "delete", manifestPath: path, flags: [], mergeStrategy: nil)
            == ["kubectl", "delete", "--ignore-not-found", "-f", path, "-o", "name"])
    }

    @Test func patchVectors() throws {
        let withKind = try manifest("apiVersion: v1\nkind: Pod\nmetadata:\n  name: mypod\n")
        #expect(try KubectlArguments.build(action: "patch", manifestPath: withKind, flags: ["pod", "mypod"], mergeStrategy: "strategic")
            == ["kubectl", "patch", "--type", "strategic", "--patch-file", withKind, "pod", "mypod", "-f", withKind, "-o", "json"])
        let jsonPatch = try manifest("- op: add\n  path: /metadata/labels/x\n  value: y\n")
        #expect(try KubectlArguments.build(action: "patch", manifestPath: jsonPatch, flags: ["pod", "mypod"], mergeStrategy: "json")
            == ["kubectl", "patch", "--type", "json", "--patch-file", jsonPatch, "pod", "mypod", "-o", "json"])
        let merge = try manifest("metadata:\n  labels:\n    x: y\n")
        #expect(try KubectlArguments.build(action: "patch", manifestPath: merge, flags: ["pod", "mypod"], mergeStrategy: "merge")
            == ["kubectl", "patch", "--type", "merge", "--patch-file", merge, "pod", "mypod", "-o", "json"])
        #expect(try KubectlArguments.build(action: "patch", manifestPath: merge, flags: ["pod", "mypod"], mergeStrategy: nil)
            == ["kubectl", "patch", "--type", "strategic", "--patch-file", merge, "pod", "mypod", "-o", "json"])
    }

    @Test func selfLinks() {
        func object(_ apiVersion: String, _ kind: String, namespace: String?) -> JSONValue {
            var metadata: [String: JSONValue] = ["name": .string("test-name")]
            if let namespace { metadata["namespace"] = .string(namespace) }
            return .object(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object(metadata)])
        }
        #expect(SelfLink.of(object("v1", "Pod", namespace: "test-namespace")) == "api/v1/namespaces/test-namespace/pods/test-name")
        #expect(SelfLink.of(object("test.group/v1", "TestKind", namespace: "test-namespace"))
            == "apis/test.group/v1/namespaces/test-namespace/testkinds/test-name")
        #expect(SelfLink.of(object("test.group/v1", "Duty", namespace: "test-namespace"))
            == "apis/test.group/v1/namespaces/test-namespace/duties/test-name")
        #expect(SelfLink.of(object("test.group/v1", "IngressGateway", namespace: "test-namespace"))
            == "apis/test.group/v1/namespaces/test-namespace/ingressgateways/test-name")
        #expect(SelfLink.of(object("v1", "Namespace", namespace: nil)) == "api/v1/namespaces/test-name")
        #expect(SelfLink.plural("Endpoints") == "endpointses")  // gengo's guess, as Argo polls it
        #expect(SelfLink.plural("Batch") == "batches")
        #expect(SelfLink.plural("Knife") == "knives")
        #expect(SelfLink.plural("Leaf") == "leaves")
        #expect(SelfLink.plural("Day") == "days")
        #expect(SelfLink.plural("X") == "x")
    }
}
