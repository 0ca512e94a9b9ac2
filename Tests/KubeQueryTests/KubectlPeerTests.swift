import Foundation
import KubeQuery
import Model
import Testing

/// KubectlJSONPath against the real kubectl, offline: `kubectl patch --local -f obj.json -p '{}' --type merge
/// -o jsonpath=<template>` reads the object into kubectl's unstructured form and prints it with the same
/// JSONPathPrinter `kubectl get -o jsonpath` uses (neither `get` nor `create --dry-run=client` work without a server).
/// The numbers in the fixture are written as an API server writes them (integers plain, others in Go's form), which
/// is how `JSONParser` and kubectl agree on int64 versus float64. Skipped when kubectl is not on PATH.
@Suite("KubectlJSONPath against kubectl", .enabled(if: KubectlPeer.available))
struct KubectlPeerTests {
    static let object = #"""
    {"apiVersion": "example.com/v1", "kind": "Widget",
     "metadata": {"name": "peer", "labels": {"app": "demo", "tier": "web"},
                  "annotations": {"html": "<a href=\"x\">&amp;</a>", "multi": "line1\nline2", "uni": "\u2028é\u0001"}},
     "spec": {"replicas": 3, "ratio": 0.25, "big": 1e+21, "small": 1.5e-7, "mid": 1234567.5, "flag": true, "none": null, "empty": "",
              "list": [1, 2.5, "three", null, {"k": "v"}],
              "containers": [{"name": "main", "image": "busybox", "ports": [{"containerPort": 80}, {"containerPort": 443}]},
                             {"name": "side", "image": "nginx", "ports": []}]},
     "status": {"phase": "Running", "succeeded": 1,
                "conditions": [{"type": "Ready", "status": "True"}, {"type": "Synced", "status": "False"}]}}
    """#

    /// Templates whose output order kubectl fixes (no iteration over a map with several members).
    @Test("same output as kubectl", arguments: [
        "{.spec.replicas}", "{.spec.big} {.spec.small} {.spec.mid} {.spec.ratio}", "{.spec.list}", "{.spec.none}", "{.spec.empty}x",
        "{.metadata.annotations.html}", "{.metadata.annotations}", "{.spec}", "{}", "{$}", "{.metadata.annotations.uni}",
        "{.spec.containers[*].ports[*].containerPort}", "{.spec.list[*]}", "{range .spec.list[*]}[{@}]{end}", "{.nope[0]}",
        #"{.status.conditions[?(@.status=="False")].type}"#, "{.spec.containers[?(@.ports)].name}",
        "{.spec.containers[?(@.ports[0])].name}", "{.spec.list[-1:]}", "{.spec.list[1:4:2]}", "{.spec.list[0:0]}",
        #"{range .spec.containers[*]}{.name}{"\t"}{.image}{"\n"}{end}"#, "{.spec.empty.*}", "{.metadata.name.*}",
        "{.spec.containers[0]['name', 'image']}", "{.spec.containers[-1].name}", "{..phase}", "{.spec.flag}{true}{1.5}{-2}{\"q\"}",
        "{.status.conditions[?(@.type!='Ready')].status}", "{.spec.containers[?(@.name>'n')].image}", "{.spec.list[?(@.k)]}",
        "{range .status.conditions[*]}{range .type}{@}{end}{end}", "text only", "{.metadata.labels.app}-{.metadata.labels.tier}",
        "{.spec.flag.x}", "{.status.succeeded}", #"{range .spec.containers[*]}{.name}{":"}{range .ports[*]}{.containerPort},{end};{end}"#,
        "{range .spec.containers[*]}{.name},", "{range .spec.containers[*]}{.name}{end}{range .status.conditions[*]}{.type}",
        "{range .nope[*]}{.name}{end}after", "{range .spec.containers[*]}{range @}{.name}{end}|{end}", "{..containerPort}",
        "{range .spec.containers[*]}{range .ports[*]}{.containerPort}{end}", "{.spec.containers[?(@.image>='m')].name}",
        "{.spec.containers[-2:][?(@.name<='main')].image}", "{.spec.list[?(@)]}", "{.status.conditions[1,0,-1].type}",
        // Errors: kubectl's first lines.
        "{.spec.containers[*].name}{end}",
        "{.spec.replicas[0]}", "{.spec.list[?(@ == 1)]}", "{.spec.mid[?(@)]}", "{.metadata[?(@)]}", "{.spec.list[9]}", "{hello}",
        "{end}", "{.spec.list[3:1]}", "{.spec.list[::0]}", "{.status.conditions[?(@.*=='x')]}", "{.status.conditions[?(@.type<1)]}",
        "{.spec.none[0]}", "{.a", "{[?(@.a)x]}", "{€}", #"{"\q"}"#, "{[a]}", "{........}", "{.a\t}",
    ])
    func sameAsKubectl(template: String) throws {
        let peer = try KubectlPeer.run(template: template, object: Self.object)
        let ours: String
        do {
            let query = try KubectlJSONPath(template)
            ours = try query.render(JSONParser.parse(Self.object))
        } catch {
            #expect(peer.status != 0, "kubectl succeeded with \(peer.out.debugDescription), we failed: \(error)")
            #expect(peer.err.hasPrefix("error: " + error.message), "kubectl: \(peer.err.debugDescription)")
            return
        }
        #expect(peer.status == 0, "kubectl failed: \(peer.err)")
        #expect(ours == peer.out)
    }

    /// Templates that iterate maps, whose order Go leaves random: the same values, compared as sorted words.
    @Test("same values as kubectl where Go's map order is random", arguments: [
        "{.metadata.labels.*}", "{..name}", "{.spec.containers[0].*}", "{..type}", "{range .metadata.labels.*}{@};{end}",
    ])
    func sameValuesAsKubectl(template: String) throws {
        let peer = try KubectlPeer.run(template: template, object: Self.object)
        let ours = try KubectlJSONPath(template).render(JSONParser.parse(Self.object))
        #expect(peer.status == 0)
        let words = { (s: String) in s.split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init).sorted() }
        #expect(words(ours) == words(peer.out))
    }
}

enum KubectlPeer {
    static let available: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/kubectl") }
    }()

    /// Runs kubectl on the object; stdout and stderr go to files so that neither pipe can fill up and block it.
    static func run(template: String, object: String) throws -> (status: Int32, out: String, err: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubequery-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let objectFile = dir.appendingPathComponent("object.json")
        try object.write(to: objectFile, atomically: true, encoding: .utf8)
        let outFile = dir.appendingPathComponent("out"), errFile = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl", "--kubeconfig", "/dev/null", "--cache-dir", dir.appendingPathComponent("cache").path,
                             "patch", "--local", "-f", objectFile.path, "-p", "{}", "--type", "merge", "-o", "jsonpath=" + template]
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        process.waitUntilExit()
        let out = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, out, err)
    }
}
