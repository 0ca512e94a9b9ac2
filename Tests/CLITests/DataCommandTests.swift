import Foundation
import Testing

/// `argoexec data` in whole pods (hack/pod-sim: init, then main running `argoexec data` under the emissary, no wait
/// container), against moto and the Kubernetes API fake: results through several transformations, and bad input
/// ending the node with Argo's wrapped messages. The Argo-shaped example is `examples/argo-data-transformations`.
@Suite("data templates end to end", .serialized)
struct DataCommandTests {
    static func run(_ templates: [String], seed: [String: String] = [:], repo: String = "s3") throws -> [[String: Any]] {
        var dirs: [String] = []
        for template in templates {
            let dir = try PodSimulatorTests.example(template)
            for (key, text) in seed {
                let path = dir + "/seed/" + key
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            dirs.append(dir)
        }
        return try PodSimulatorTests.simulate(dirs, options: ["--repo", repo])
    }

    static func result(_ r: [String: Any]) -> String? { PodSimulatorTests.outputs(r)["result"] as? String }

    @Test("chained transformations see the previous value as data; maps and numbers come out as Go's json.Marshal writes them",
          arguments: ["s3", "volume"])
    func chained(repo: String) throws {
        let seed = ["dd/in/a.csv": "1", "dd/in/b.txt": "2", "dd/in/sub/c.csv": "3", "dd/in/<d>&.csv": "4"]
        let template = #"""
        {"name":"chain","data":{"source":{"artifactPaths":{"name":"src","s3":{"key":"dd/in"}}},"transformation":[
          {"expression":"filter(data, {# endsWith '.csv'})"},
          {"expression":"map(data, {trimPrefix(#, 'dd/in/')})"},
          {"expression":"{'files': data, 'count': len(data), 'ratio': len(data) / 2}"}]}}
        """#
        let r = try Self.run([template], seed: seed, repo: repo)
        try #require(r.count == 1)
        #expect(r[0]["phase"] as? String == "Succeeded", "\(r[0])")
        #expect(Self.result(r[0]) == #"{"count":3,"files":["\u003cd\u003e\u0026.csv","a.csv","sub/c.csv"],"ratio":1.5}"#)
        #expect(PodSimulatorTests.labels(r[0])["workflows.argoproj.io/report-outputs-completed"] == "true")
        #expect((r[0]["containers"] as? [String: Any])?["wait"] == nil, "a data pod has no wait container")
    }

    @Test("bad input: an invalid expression, a failing one, no source, a key that is not there: the node fails with Argo's message")
    func badInput() throws {
        let source = #""source":{"artifactPaths":{"name":"src","s3":{"key":"dd/in"}}}"#
        let templates = [
            #"{"name":"syntax","data":{\#(source),"transformation":[{"expression":"filter(data, {# endsWith })"}]}}"#,
            #"{"name":"runtime","data":{\#(source),"transformation":[{"expression":"data"},{"expression":"data[10]"}]}}"#,
            #"{"name":"nosource","data":{"source":{},"transformation":[]}}"#,
            #"{"name":"missing","data":{"source":{"artifactPaths":{"name":"src","s3":{"key":"dd/nothing"}}}}}"#,
            #"{"name":"unknown","data":{\#(source),"transformation":[{"expression":"files"}]}}"#,
        ]
        let r = try Self.run(templates, seed: ["dd/in/a.csv": "1"])
        try #require(r.count == templates.count)
        let messages = r.map { PodSimulatorTests.message($0, "main") }
        for (i, result) in r.enumerated() {
            #expect(result["phase"] as? String == "Failed", "\(i): \(result)")
            #expect(PodSimulatorTests.code(result, "main") == 64, "\(i)")
            #expect(messages[i].hasPrefix("unable to process data template: "), "\(i): \(messages[i])")
            #expect(PodSimulatorTests.labels(result)["workflows.argoproj.io/report-outputs-completed"] == "true", "finalised anyway")
        }
        #expect(messages[0].contains("unable to process data transformation: error processing data step 0: unexpected token"))
        #expect(messages[1].contains("error processing data step 1: "))
        #expect(messages[1].contains("index out of range"))
        #expect(messages[2].contains("no valid source is used for data template"))
        #expect(messages[3].contains("unable to source artifact paths: no key found of name dd/nothing"))
        #expect(messages[4].contains("unknown name files"))
    }
}
