import Core
@testable import Drivers
import Foundation
import Testing

/// A directory download appears whole or not at all (issue 13): objects land in a temporary tree that is
/// renamed into place only when every object arrived; keys that would leave the tree are refused first.
@Suite("tree downloads: all or nothing, keys kept inside")
struct TreeDownloadTests {
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "argoexec-tree-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("one object failing mid-tree leaves no partial tree and no temporary names")
    func partialFailure() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let keys = (0..<40).map { "p/f\($0)" } + ["p/sub/deep/g"]
        let plan = try ObjectTrees.downloadPlan(keys: keys, prefix: "p", scheme: "s3", bucket: "b")
        let target = try Destination.path(dir + "/tree")
        #expect(throws: ExecError.self) {
            try ObjectTrees.download(plan, to: target, width: 4, label: "test") { (key, sink) throws(ExecError) in
                if key == "p/f17" { throw ExecError(.internal, "connection reset by peer") }
                try sink.write(Array(key.utf8))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
        // The same plan without the failure lands complete.
        try ObjectTrees.download(plan, to: target, width: 4, label: "test") { (key, sink) throws(ExecError) in try sink.write(Array(key.utf8)) }
        #expect(try String(contentsOfFile: dir + "/tree/sub/deep/g", encoding: .utf8) == "p/sub/deep/g")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["tree"])
    }

    @Test("keys that would leave the download directory are refused before anything is written", arguments: [
        "p/../../escaped", "p/./x", "p/a/../../x",
    ])
    func hostileKeys(key: String) throws {
        #expect(throws: ExecError.self) { try ObjectTrees.downloadPlan(keys: ["p/ok", key], prefix: "p", scheme: "s3", bucket: "b") }
    }
}
