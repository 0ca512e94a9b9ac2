import Foundation
import Testing

/// Argo's own examples (`examples/argo-*/`, and the `resource-*` steps shaped like them: hello world, output parameters and their defaults, script results,
/// artifact passing with and without subpaths, `archive: none`, raw and optional inputs, optional outputs,
/// user volumes; and the `initless-*` pods of Argo v4.1's init-less layout, docs/supervisor.md) run through `hack/pod-sim` against moto in one simulator run, in name order, so a step that
/// consumes an earlier step's artifact (`-1-generate`, `-2-consume`, ...) finds it under the key the
/// controller would have resolved. Each result is compared with the example's `expected.json`: what Argo
/// v4.1.2's executor reports for that pod, derived from Argo's source (the `why` member says how), not from
/// our binary.
///
/// `expected.json` members compared: `exitCodes` (init, main, wait), `phase` and `message` (the controller's
/// inference), `terminationMessages` (init, wait, supervisor; main too in an init-less pod), `taskResult` (`name`, `labels`, `outputs`: exact JSON),
/// `objects` (exactly the keys stored under `<workflow>/<pod>/`; `text` when given is the object's content).
/// A string may be `{"$regex": P}` (the whole value must match P) and `{root}` stands for the pod root
/// (`ARGOEXEC_ROOT`), under which our binary keeps every pod path.
@Suite("Argo's examples end to end, compared with what Argo v4.1.2 reports", .serialized)
struct ArgoExamplesTests {
    static let examples = PodSimulatorTests.top.appendingPathComponent("examples")

    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
        .filter { ($0.hasPrefix("argo-") || $0.hasPrefix("resource-") || $0.hasPrefix("initless-")) && FileManager.default.fileExists(atPath: examples.appendingPathComponent($0 + "/expected.json").path) }
        .sorted()

    /// One simulator run for all of them (JSON text per example, run once on first use).
    static let results: [String: String] = {
        guard let simulated = try? PodSimulatorTests.simulate(names.map { examples.appendingPathComponent($0).path }),
              simulated.count == names.count else { return [:] }
        var out: [String: String] = [:]
        for (name, result) in zip(names, simulated) {
            if let data = try? JSONSerialization.data(withJSONObject: result) { out[name] = String(decoding: data, as: UTF8.self) }
        }
        return out
    }()

    @Test("the argo-* examples are there and the simulator ran them all")
    func ranAll() {
        #expect(Self.names.count >= 20, "\(Self.names)")
        #expect(Self.results.count == Self.names.count, "hack/pod-sim returned \(Self.results.count) of \(Self.names.count) results")
    }

    @Test("exit codes, phase, WorkflowTaskResult and stored objects as Argo v4.1.2 reports them", arguments: names)
    func example(_ name: String) throws {
        let expectedData = try Data(contentsOf: Self.examples.appendingPathComponent(name + "/expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let text = try #require(Self.results[name], "no simulator result for \(name)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let observed = Self.observed(result)
        let root = result["root"] as? String ?? ""
        var differences: [String] = []
        for member in ["exitCodes", "phase", "message", "terminationMessages", "taskResult", "objects"] {
            guard let want = expected[member] else { continue }
            var got = observed[member] ?? NSNull()
            if member == "objects", let wantObjects = want as? [String: Any], var gotObjects = got as? [String: Any] {
                for (key, spec) in wantObjects where (spec as? [String: Any])?["text"] == nil && gotObjects[key] != nil {
                    gotObjects[key] = [String: Any]()  // content not compared (archives)
                }
                got = gotObjects
            }
            Self.compare(want, got, root: root, at: member, into: &differences)
        }
        for difference in differences {
            Issue.record("\(name): \(difference)")
        }
        if !differences.isEmpty {
            let logs = (result["logs"] as? [String: String]) ?? [:]
            Issue.record("\(name): logs: \(logs.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))")
        }
    }

    /// The simulator's result in expected.json's shape.
    static func observed(_ r: [String: Any]) -> [String: Any] {
        let containers = r["containers"] as? [String: [String: Any]] ?? [:]
        let taskResult = r["taskResult"] as? [String: Any] ?? [:]
        let metadata = taskResult["metadata"] as? [String: Any] ?? [:]
        let podPrefix = "\(r["workflow"] as? String ?? "")/\(r["pod"] as? String ?? "")/"
        let texts = r["objectTexts"] as? [String: String] ?? [:]
        var objects: [String: Any] = [:]
        for case let entry as [Any] in (r["objects"] as? [Any]) ?? [] {
            guard let key = entry.first as? String, key.hasPrefix(podPrefix) else { continue }
            objects[key] = texts[key].map { ["text": $0] } ?? [String: Any]()
        }
        var messages: [String: Any] = [:]
        // Init-less pods: the supervisor's, and main's (its exit 65 carries the supervisor's cause).
        let initless = containers["supervisor"] != nil
        for name in ["init", "wait", "supervisor"] + (initless ? ["main"] : []) where containers[name] != nil {
            messages[name] = containers[name]?["message"] ?? ""
        }
        return [
            "exitCodes": containers.mapValues { $0["exitCode"] ?? NSNull() },
            "phase": r["phase"] ?? NSNull(),
            "message": r["message"] ?? NSNull(),
            "terminationMessages": messages,
            "taskResult": ["name": metadata["name"] ?? NSNull(), "labels": metadata["labels"] ?? NSNull(),
                           "outputs": taskResult["outputs"] ?? NSNull()] as [String: Any],
            "objects": objects,
        ]
    }

    /// Every difference between `want` (expected.json) and `got`, by path.
    static func compare(_ want: Any, _ got: Any, root: String, at path: String, into differences: inout [String]) {
        if let spec = want as? [String: Any], spec.count == 1, let pattern = spec["$regex"] as? String {
            let value = got as? String
            let matches = value.flatMap { v in (try? Regex(pattern)).map { v.wholeMatch(of: $0) != nil } } ?? false
            if !matches { differences.append("\(path): \(json(got)) does not match /\(pattern)/") }
            return
        }
        switch (want, got) {
        case let (w as [String: Any], g as [String: Any]):
            for key in Set(w.keys).union(g.keys).sorted() {
                switch (w[key], g[key]) {
                case let (wv?, gv?): compare(wv, gv, root: root, at: path + "." + key, into: &differences)
                case let (wv?, nil): differences.append("\(path).\(key): missing, Argo reports \(json(wv))")
                case let (nil, gv?): differences.append("\(path).\(key): \(json(gv)), Argo reports no \(key)")
                default: break
                }
            }
        case let (w as [Any], g as [Any]) where w.count == g.count:
            for (index, (wv, gv)) in zip(w, g).enumerated() { compare(wv, gv, root: root, at: "\(path)[\(index)]", into: &differences) }
        case let (w as String, g as String):
            let want = w.replacingOccurrences(of: "{root}", with: root)
            if want != g { differences.append("\(path): \(json(g)), Argo reports \(json(want))") }
        default:
            if json(want) != json(got) { differences.append("\(path): \(json(got)), Argo reports \(json(want))") }
        }
    }

    static func json(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .withoutEscapingSlashes]) else { return "\(value)" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
