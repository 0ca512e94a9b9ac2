import Foundation

/// A Python peer from `hack/` that listens on a free loopback port and keeps its state in a directory it is
/// given (`<script> STATE_DIR args...`, the port written to `STATE_DIR/port`): started, waited for, and
/// killed with its directory when the value goes away.
final class LoopbackScript {
    let port: Int
    let stateDir: String
    private let process: Process

    init(_ script: String, _ arguments: [String]) throws {
        try ExternalTool.require("python3")
        stateDir = NSTemporaryDirectory() + "argoexec-\(script)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hack/" + script).path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path, stateDir] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var found: Int?
        for _ in 0..<200 where found == nil {
            if let text = try? String(contentsOfFile: stateDir + "/port", encoding: .utf8), let n = Int(text) { found = n } else { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw MotoServer.SetupError(message: "\(script) did not start")
        }
        port = found
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: stateDir)
    }

    /// Writes `text` to `STATE_DIR/name` (how the tests steer the peer).
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: stateDir + "/" + name + ".tmp"))
        _ = rename(stateDir + "/" + name + ".tmp", stateDir + "/" + name)
    }

    /// Every JSON line of `STATE_DIR/requests.jsonl` so far.
    func requests() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: stateDir + "/requests.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
