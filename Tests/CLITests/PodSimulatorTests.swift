import Foundation
import Testing

/// Whole pods through `hack/pod-sim`: init, then emissary and wait as separate processes, against
/// moto_server and the Kubernetes API fake. Each test reads the simulator's JSON result.
@Suite("pods end to end through hack/pod-sim", .serialized)
struct PodSimulatorTests {
    static let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// S3 through moto by default here (the simulator's own default is the volume repository).
    static func simulate(_ sources: [String], options: [String] = ["--repo", "s3"]) throws -> [[String: Any]] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", top.appendingPathComponent("hack/pod-sim").path, "--json", "--bin", BinaryRunner.binary.path] + options + sources
        p.currentDirectoryURL = top
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// A one-off example directory holding `template`.
    static func example(_ template: String, env: [String: String] = [:]) throws -> String {
        let dir = NSTemporaryDirectory() + "argoexec-example-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try template.write(toFile: dir + "/template.json", atomically: true, encoding: .utf8)
        if !env.isEmpty { try JSONSerialization.data(withJSONObject: env).write(to: URL(fileURLWithPath: dir + "/env.json")) }
        return dir
    }

    static func outputs(_ r: [String: Any]) -> [String: Any] { ((r["taskResult"] as? [String: Any])?["outputs"] as? [String: Any]) ?? [:] }
    static func labels(_ r: [String: Any]) -> [String: String] {
        (((r["taskResult"] as? [String: Any])?["metadata"] as? [String: Any])?["labels"] as? [String: String]) ?? [:]
    }
    static func keys(_ r: [String: Any]) -> [String] { ((r["objects"] as? [[Any]]) ?? []).compactMap { $0.first as? String } }
    static func code(_ r: [String: Any], _ container: String) -> Int? { ((r["containers"] as? [String: Any])?[container] as? [String: Any])?["exitCode"] as? Int }
    static func message(_ r: [String: Any], _ container: String) -> String {
        (((r["containers"] as? [String: Any])?[container] as? [String: Any])?["message"] as? String) ?? ""
    }

    @Test("the examples: hello world, script, S3 artifacts in and out, archive none tree, failing step, deadline")
    func examples() throws {
        let names = ["hello-world", "script", "artifacts", "directory-none", "failing-step", "deadline-exceeded"]
        let results = try Self.simulate(names.map { Self.top.appendingPathComponent("examples/" + $0).path })
        try #require(results.count == names.count)
        let r = Dictionary(uniqueKeysWithValues: zip(names, results))
        for name in names {
            #expect(Self.labels(r[name] ?? [:])["workflows.argoproj.io/report-outputs-completed"] == "true", "\(name)")
        }
        let hello = try #require(r["hello-world"])
        #expect(hello["phase"] as? String == "Succeeded")
        let parameters = Self.outputs(hello)["parameters"] as? [[String: Any]]
        #expect(parameters?.first?["value"] as? String == "hello world")
        #expect(Self.outputs(hello)["result"] as? String == "hello world")

        let script = try #require(r["script"])
        #expect(script["phase"] as? String == "Succeeded")
        #expect(Int(Self.outputs(script)["result"] as? String ?? "") != nil)

        let artifacts = try #require(r["artifacts"])
        #expect(artifacts["phase"] as? String == "Succeeded")
        #expect(Self.outputs(artifacts)["result"] as? String == "20")  // wc -c of the upper-cased input
        let pod = artifacts["pod"] as? String ?? "", wf = artifacts["workflow"] as? String ?? ""
        #expect(Set(Self.keys(artifacts)) == Set(["\(wf)/\(pod)/shout.tgz", "\(wf)/\(pod)/shout-gz9.tgz", "\(wf)/\(pod)/main.log"]))
        let reported = (Self.outputs(artifacts)["artifacts"] as? [[String: Any]])?.compactMap { ($0["s3"] as? [String: Any])?["key"] as? String }
        #expect(Set(reported ?? []) == Set(Self.keys(artifacts)))

        let tree = try #require(r["directory-none"])
        let treePod = tree["pod"] as? String ?? "", treeWf = tree["workflow"] as? String ?? ""
        #expect(Set(Self.keys(tree)).isSuperset(of: ["\(treeWf)/\(treePod)/argo-sim-site/index.html", "\(treeWf)/\(treePod)/argo-sim-site/css/site.css"]))

        let failing = try #require(r["failing-step"])
        #expect(failing["phase"] as? String == "Failed")
        #expect(Self.code(failing, "main") == 3)
        #expect(Self.code(failing, "wait") == 0)
        #expect((Self.outputs(failing)["parameters"] as? [[String: Any]])?.first?["value"] as? String == "n/a")

        let deadline = try #require(r["deadline-exceeded"])
        #expect(Self.code(deadline, "main") == 143)
        #expect(Self.message(deadline, "wait") == "Step exceeded its deadline")
    }

    /// The skipped optional input keeps its subPath mount (it has a key), so main finds the empty directory a
    /// kubelet creates there.
    @Test("D11: a required input missing from S3 fails init with the artifact's name; an optional one is skipped")
    func missingInputs() throws {
        let required = try Self.example(#"{"name":"need","inputs":{"artifacts":[{"name":"data","path":"/tmp/argo-sim-need","s3":{"key":"nope/missing.txt"}}]},"container":{"command":["true"]}}"#)
        let optional = try Self.example(#"{"name":"maybe","inputs":{"artifacts":[{"name":"data","path":"/tmp/argo-sim-maybe","optional":true,"s3":{"key":"nope/missing.txt"}}]},"container":{"command":["sh","-c","test -d /tmp/argo-sim-maybe && test -z \"$(ls -A /tmp/argo-sim-maybe)\""]}}"#)
        let r = try Self.simulate([required, optional])
        try #require(r.count == 2)
        #expect(Self.code(r[0], "init") == 64)
        #expect(Self.message(r[0], "init").hasPrefix("artifact data failed to load:"))
        #expect(r[0]["phase"] as? String == "Error")
        #expect(r[1]["phase"] as? String == "Succeeded")
    }

    @Test("main that never writes its outputs: optional ones are skipped, required ones fail wait with NotFound; defaults used")
    func neverWritesOutputs() throws {
        let template = #"""
        {"name":"lazy","container":{"command":["true"]},
         "outputs":{"parameters":[{"name":"p","valueFrom":{"path":"/tmp/argo-sim-lazy-p","default":"fallback"}}],
                    "artifacts":[{"name":"opt","path":"/tmp/argo-sim-lazy-opt","optional":true},{"name":"req","path":"/tmp/argo-sim-lazy-req"}]}}
        """#
        let r = try Self.simulate([try Self.example(template)])
        let result = try #require(r.first)
        #expect(Self.code(result, "main") == 0)
        #expect(Self.code(result, "wait") == 64)
        #expect(Self.message(result, "wait").contains("open ") && Self.message(result, "wait").contains("argo-sim-lazy-req.tgz: no such file or directory; "))
        #expect((Self.outputs(result)["parameters"] as? [[String: Any]])?.first?["value"] as? String == "fallback")
        let names = (Self.outputs(result)["artifacts"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["main-logs"])
        #expect(Self.labels(result)["workflows.argoproj.io/report-outputs-completed"] == "true")
    }

    @Test("main killed by a signal: 137 through the exit code file, outputs still collected")
    func killedBySignal() throws {
        let template = #"{"name":"killed","container":{"command":["sh","-c","echo partial > /tmp/argo-sim-killed.txt; kill -9 $$"]},"outputs":{"parameters":[{"name":"p","valueFrom":{"path":"/tmp/argo-sim-killed.txt"}}]}}"#
        let r = try Self.simulate([try Self.example(template)])
        let result = try #require(r.first)
        #expect(Self.code(result, "main") == 137)
        #expect(result["phase"] as? String == "Failed")
        #expect((Self.outputs(result)["parameters"] as? [[String: Any]])?.first?["value"] as? String == "partial")
    }

    @Test("D13 and SIGTERM during upload: wait stops waiting but never loses outputs already captured")
    func sigtermDuringUpload() throws {
        // main writes 48 MiB and exits at once; wait gets SIGTERM while uploading it (multipart through moto).
        let big = #"{"name":"term","container":{"command":["sh","-c","head -c 50331648 /dev/urandom > /tmp/argo-sim-term.bin"]},"outputs":{"artifacts":[{"name":"blob","path":"/tmp/argo-sim-term.bin","archive":{"none":{}}}]}}"#
        let r = try Self.simulate([try Self.example(big)], options: ["--repo", "s3", "--sigterm-wait", "1.5"])
        let result = try #require(r.first)
        #expect(Self.code(result, "wait") == 0)
        #expect(((result["logs"] as? [String: String])?["wait"] ?? "").contains("received SIGTERM"))
        let pod = result["pod"] as? String ?? "", wf = result["workflow"] as? String ?? ""
        let stored = ((result["objects"] as? [[Any]]) ?? []).first { ($0.first as? String) == "\(wf)/\(pod)/argo-sim-term.bin" }
        #expect(stored?.last as? Int == 50_331_648)
        #expect(Self.labels(result)["workflows.argoproj.io/report-outputs-completed"] == "true")
        // D13: SIGTERM while main still runs: the wait ends early, reports what exists, finalises.
        let slow = #"{"name":"slow","container":{"command":["sh","-c","echo early > /tmp/argo-sim-slow.txt; sleep 4"]},"outputs":{"parameters":[{"name":"p","valueFrom":{"path":"/tmp/argo-sim-slow.txt","default":"none"}}]}}"#
        let s = try #require(try Self.simulate([try Self.example(slow)], options: ["--repo", "s3", "--sigterm-wait", "1"]).first)
        #expect(Self.code(s, "wait") == 0)
        #expect(Self.labels(s)["workflows.argoproj.io/report-outputs-completed"] == "true")
    }
}

@Suite("pods end to end: keys, strategies, raw and tar inputs, result limits, progress", .serialized)
struct PodSimulatorDetailTests {
    @Test("D3 zip, D4 explicit key, D7 result trimming to 256 KiB, D9 tar.gz input unwrapped, D10 raw input with mode, progress")
    func details() throws {
        let dir = try PodSimulatorTests.example(#"""
        {"name":"details",
         "inputs":{"artifacts":[
           {"name":"src","path":"/tmp/argo-sim-details/src","s3":{"key":"inputs/src.tgz"}},
           {"name":"conf","path":"/tmp/argo-sim-details/conf.yaml","raw":{"data":"a: 1\n"},"mode":384}]},
         "container":{"command":["sh","-c","mkdir -p /tmp/argo-sim-details/out && cp -r /tmp/argo-sim-details/src/. /tmp/argo-sim-details/out/ && stat -L -c %a /tmp/argo-sim-details/conf.yaml > /tmp/argo-sim-details/out/mode && echo 50/100 > $ARGOEXEC_ROOT/var/run/argo/progress && sleep 1 && head -c 300000 /dev/zero | tr '\\0' 'x' && echo"]},
         "outputs":{"artifacts":[
           {"name":"zipped","path":"/tmp/argo-sim-details/out","archive":{"zip":{}}},
           {"name":"zipped-too","path":"/tmp/argo-sim-details/out","archive":{"zip":{}},"s3":{"key":"custom/place/zipped.zip"}},
           {"name":"custom","path":"/tmp/argo-sim-details/out/mode","archive":{"none":{}},"s3":{"key":"custom/place/mode.txt"}}]}}
        """#, env: ["ARGO_PROGRESS_FILE": "/var/run/argo/progress", "ARGO_PROGRESS_PATCH_TICK_DURATION": "200ms",
                    "ARGO_PROGRESS_FILE_TICK_DURATION": "50ms"])
        // The seed: a tar.gz of a directory `src/` made by our own packer, as Argo would have uploaded it.
        let tree = NSTemporaryDirectory() + "argoexec-seed-\(UUID().uuidString)/src"
        try FileManager.default.createDirectory(atPath: tree + "/sub", withIntermediateDirectories: true)
        try "hello\n".write(toFile: tree + "/sub/hello.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/seed/inputs", withIntermediateDirectories: true)
        #expect(try BinaryRunner.run(["artifact", "pack", tree, dir + "/seed/inputs/src.tgz"]).status == 0)
        // A second pod in the same run reads what the first stored (same moto), to check contents.
        let check = try PodSimulatorTests.example(#"""
        {"name":"check","inputs":{"artifacts":[{"name":"m","path":"/tmp/argo-sim-check/mode","s3":{"key":"custom/place/mode.txt"}},
                                                {"name":"z","path":"/tmp/argo-sim-check/z","s3":{"key":"custom/place/zipped.zip"},"archive":{"zip":{}}}]},
         "container":{"command":["sh","-c","cat /tmp/argo-sim-check/mode; cat /tmp/argo-sim-check/z/sub/hello.txt"]}}
        """#)
        let both = try PodSimulatorTests.simulate([dir, check])
        try #require(both.count == 2)
        let r = both[0]
        #expect(r["phase"] as? String == "Succeeded", "\(r["logs"] ?? "")")
        let outputs = PodSimulatorTests.outputs(r)
        let result = outputs["result"] as? String ?? ""
        #expect(result.utf8.count == 262_144 && result.allSatisfy { $0 == "x" })
        #expect(((r["taskResult"] as? [String: Any])?["progress"]) as? String == "50/100")
        let pod = r["pod"] as? String ?? "", wf = r["workflow"] as? String ?? ""
        let keys = PodSimulatorTests.keys(r)
        #expect(keys.contains("\(wf)/\(pod)/zipped.zip"))
        let reported = (outputs["artifacts"] as? [[String: Any]]) ?? []
        let custom = reported.first { $0["name"] as? String == "custom" }
        #expect((custom?["s3"] as? [String: Any])?["key"] as? String == "custom/place/mode.txt")
        #expect(reported.first { $0["name"] as? String == "zipped" }?["path"] as? String == "/tmp/argo-sim-details/out")
        // The stored mode file says the raw input got mode 0600 (384), and the zip holds the unwrapped tree.
        #expect(PodSimulatorTests.outputs(both[1])["result"] as? String == "600\nhello", "\(both[1]["logs"] ?? "")")

    }
}

@Suite("pods end to end on the volume repository (no server) and on OSS (the OSS fake)")
struct PodSimulatorVolumeTests {
    @Test("inputs from and outputs to the repository, reported with its keys; OSS trees get their directory markers",
          arguments: ["volume", "oss"])
    func repository(kind: String) throws {
        let r = try PodSimulatorTests.simulate([PodSimulatorTests.top.appendingPathComponent("examples/artifacts").path,
                                                PodSimulatorTests.top.appendingPathComponent("examples/directory-none").path],
                                               options: ["--repo", kind])
        try #require(r.count == 2)
        #expect(r.allSatisfy { $0["phase"] as? String == "Succeeded" })
        let pod = r[0]["pod"] as? String ?? "", wf = r[0]["workflow"] as? String ?? ""
        #expect(Set(PodSimulatorTests.keys(r[0])) == Set(["\(wf)/\(pod)/shout.tgz", "\(wf)/\(pod)/shout-gz9.tgz", "\(wf)/\(pod)/main.log"]))
        let reported = (PodSimulatorTests.outputs(r[0])["artifacts"] as? [[String: Any]]) ?? []
        #expect(reported.compactMap { ($0[kind] as? [String: Any])?["key"] as? String }.count == 3)
        #expect(PodSimulatorTests.outputs(r[0])["result"] as? String == "20")
        let treePod = r[1]["pod"] as? String ?? "", treeWf = r[1]["workflow"] as? String ?? ""
        #expect(PodSimulatorTests.keys(r[1]).contains("\(treeWf)/\(treePod)/argo-sim-site/css/site.css"))
        #expect(PodSimulatorTests.keys(r[1]).contains("\(treeWf)/\(treePod)/argo-sim-site/css/") == (kind == "oss"))
    }

    @Test("wait removes a staged tar.gz once the last artifact reading it is uploaded (two artifacts share one path)")
    func stagedRemoved() throws {
        let dir = "/tmp/argo-sim-staged-\(UUID().uuidString.prefix(8))"
        let template = #"{"name":"staged","container":{"command":["sh","-c","mkdir -p \#(dir)/out && head -c 300000 /dev/urandom > \#(dir)/out/blob"]},"outputs":{"artifacts":[{"name":"one","path":"\#(dir)/out"},{"name":"two","path":"\#(dir)/out","archive":{"none":{}}}]}}"#
        let r = try PodSimulatorTests.simulate([try PodSimulatorTests.example(template)], options: ["--repo", "s3", "--keep"])
        try #require(r.count == 1)
        defer { if let root = r[0]["root"] as? String { try? FileManager.default.removeItem(atPath: root) } }
        #expect(r[0]["phase"] as? String == "Succeeded", "\(r[0])")
        let keys = PodSimulatorTests.keys(r[0])
        #expect(keys.contains { $0.hasSuffix("/one.tgz") } && keys.contains { $0.hasSuffix("/blob") }, "\(keys)")
        let root = try #require(r[0]["root"] as? String)
        let staged = root + "/var/run/argo/outputs/artifacts" + dir + "/out.tgz"
        #expect(!FileManager.default.fileExists(atPath: staged), "the staged tar.gz is gone once both are uploaded")
        #expect(FileManager.default.fileExists(atPath: root + "/var/run/argo/outputs/artifacts" + dir), "only the file goes")
    }
}

/// Agent pods (docs/agent.md) through `hack/pod-sim`: `agent init`, the plugin sidecar (hack/executor-plugin.py) and
/// `agent main` as processes, the simulator playing the controller (task set seeded, a second step added after the
/// API's watches are dropped or compacted, `completed=true` once every node is done) against real loopback peers.
@Suite("agent pods end to end through hack/pod-sim", .serialized)
struct AgentPodSimulatorTests {
    static func nodes(_ r: [String: Any]) -> [String: [String: Any]] { (r["nodes"] as? [String: [String: Any]]) ?? [:] }
    static func result(_ node: [String: Any]?) -> String? { (node?["outputs"] as? [String: Any])?["result"] as? String }

    @Test("the agent examples: every node as expected.json says, the agent stops on completed=true, watches resumed and relisted")
    func examples() throws {
        let names = ["agent-http-template", "agent-executor-plugin"]
        let results = try PodSimulatorTests.simulate(names.map { PodSimulatorTests.top.appendingPathComponent("examples/" + $0).path },
                                                     options: ["--check"])
        try #require(results.count == names.count)
        for r in results {
            let differences = (r["differences"] as? [String]) ?? ["no comparison"]
            #expect(differences.isEmpty, "\(r["example"] ?? ""): \(differences) logs: \(r["logs"] ?? "")")
            #expect(PodSimulatorTests.code(r, "init") == 0 && PodSimulatorTests.code(r, "main") == 0)
            #expect(((r["taskSet"] as? [String: Any])?["labels"] as? [String: String])?["workflows.argoproj.io/completed"] == "true")
            #expect(((r["logs"] as? [String: String])?["main"] ?? "").contains("Workflow completed... stopping agent"))
            #expect((r["notes"] as? [Any])?.isEmpty == true, "\(r["notes"] ?? "")")
        }
        // The same facts, read here rather than through the simulator's own comparison.
        let http = Self.nodes(results[0])
        #expect(http.count == 8)
        #expect(Self.result(http["http-template-4kx2p-590216145"]) == "{\"employees\":[{\"id\":1,\"name\":\"Tiger Nixon\"}]}\n")
        #expect(http["http-template-4kx2p-2925541540"]?["message"] as? String == "received non-2xx response code: 404")
        #expect((http["http-template-4kx2p-4156327059"]?["message"] as? String ?? "").hasSuffix("/\": context deadline exceeded"))
        #expect(http["http-template-4kx2p-883104726"]?["phase"] as? String == "Failed")
        let httpCalls = (results[0]["apiCalls"] as? [String: Int]) ?? [:]
        #expect(httpCalls["lists"] == 1 && httpCalls["watches"] == 2 && httpCalls["secretReads"] == 1, "\(httpCalls)")
        let plugin = Self.nodes(results[1])
        #expect(plugin.count == 6)
        #expect(plugin["hello-7wqjd-1843266912"]?["message"] as? String == "Hello template!")
        #expect(plugin["hello-7wqjd-2209480329"]?["progress"] as? String == "3/3")
        let sidecar = ((results[1]["sidecars"] as? [String: Any])?["hello-executor-plugin"] as? [String: Any]) ?? [:]
        #expect(sidecar["calls"] as? Int == 7 && sidecar["rejected"] as? Int == 0, "\(sidecar)")
        #expect((results[1]["apiCalls"] as? [String: Int])?["lists"] == 2)
    }

    /// Tasks no controller would write, in one agent pod: each node ends Failed or Error with a message, the
    /// others still run, and the agent exits 0 once the task set is completed.
    @Test("hostile tasks fail their own node, never the agent pod")
    func hostileTasks() throws {
        let dir = NSTemporaryDirectory() + "argoexec-agent-example-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/www", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "fine\n".write(toFile: dir + "/www/ok.txt", atomically: true, encoding: .utf8)
        let tasks: [String: Any] = [
            "bad-expression": ["name": "a", "http": ["url": "{nginx}/ok.txt", "successCondition": "response.statusCode =="]],
            "unknown-kind": ["name": "b", "container": ["image": "alpine", "command": ["true"]]],
            "url-not-a-string": ["name": "c", "http": ["url": 42]],
            "bad-url": ["name": "d", "http": ["url": "http://[::1"]],
            "missing-secret": ["name": "e", "http": ["url": "{nginx}/ok.txt",
                                                     "headers": [["name": "X", "valueFrom": ["secretKeyRef": ["name": "nope", "key": "k"]]]]]],
            "no-plugin": ["name": "f", "plugin": ["hello": [:]]],
            "fine": ["name": "g", "http": ["url": "{nginx}/ok.txt"]],
        ]
        let taskSet: [String: Any] = ["apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskSet",
                                      "metadata": ["name": "hostile-\(UUID().uuidString.prefix(5).lowercased())"], "spec": ["tasks": tasks]]
        try JSONSerialization.data(withJSONObject: taskSet).write(to: URL(fileURLWithPath: dir + "/taskset.json"))
        try JSONSerialization.data(withJSONObject: ["ARGO_AGENT_PATCH_RATE": "200ms"]).write(to: URL(fileURLWithPath: dir + "/env.json"))
        let r = try #require(try PodSimulatorTests.simulate([dir], options: []).first)
        #expect(PodSimulatorTests.code(r, "main") == 0, "\(r["logs"] ?? "")")
        #expect((r["notes"] as? [Any])?.isEmpty == true, "\(r["notes"] ?? "")")
        let n = Self.nodes(r)
        #expect(n.count == tasks.count)
        #expect(n["fine"]?["phase"] as? String == "Succeeded" && Self.result(n["fine"]) == "fine\n")
        #expect(n["unknown-kind"]?["phase"] as? String == "Error")
        #expect(n["unknown-kind"]?["message"] as? String == "error processing task: agent cannot execute: unknown task type: Container")
        #expect(n["no-plugin"]?["message"] as? String == "no plugin executed the template")
        #expect(n["missing-secret"]?["phase"] as? String == "Failed")
        for id in ["bad-expression", "url-not-a-string", "bad-url", "missing-secret"] {
            #expect(n[id]?["phase"] as? String == "Failed", "\(id): \(n[id] ?? [:])")
            let message = (n[id]?["message"] as? String) ?? ""
            #expect(message.count > 0, "\(id)")
        }
    }
}
