import Foundation

/// Runs the built `argoexec` binary as a real process: the CLI's exit codes, stdout/stderr and the
/// termination log are only observable from outside.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `argoexec` sits next to the test bundle in SwiftPM's build directory.
    static var binary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("argoexec")
    }

    /// `argoexec-lean` (emissary, kill, version), built beside it: what init copies for main containers.
    static var leanBinary: URL { binary.deletingLastPathComponent().appendingPathComponent("argoexec-lean") }

    /// A fresh pod root for `ARGOEXEC_ROOT`, removed by the caller.
    static func makeRoot() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("argoexec-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dev"), withIntermediateDirectories: true)
        return dir
    }

    /// The service-account files a pod container reads (`token`, `namespace`, the API fake's `ca.crt`) under `root`.
    static func mountServiceAccount(in root: URL, token: String, namespace: String, caFile: String) throws {
        let sa = root.appendingPathComponent("var/run/secrets/kubernetes.io/serviceaccount")
        try FileManager.default.createDirectory(at: sa, withIntermediateDirectories: true)
        try token.write(to: sa.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try namespace.write(to: sa.appendingPathComponent("namespace"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: caFile, toPath: sa.appendingPathComponent("ca.crt").path)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
