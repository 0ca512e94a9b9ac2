import Foundation

/// The programs and Python modules the tests' real peers need. A missing one fails the test at once with
/// its name and where it comes from, instead of a timeout or an obscure "did not start".
public enum ExternalTool {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// Where each tool comes from (hack/install-deps.sh installs all of them).
    static let sources: [String: String] = [
        "python3": "Debian package python3", "moto_server": "PyPI moto[server]", "nginx": "Debian package nginx-light",
        "openssl": "Debian package openssl", "curl": "Debian package curl", "kubectl": "the machine image (/usr/local/bin)",
        "boto3": "PyPI boto3", "oss2": "PyPI oss2", "crcmod": "PyPI crcmod", "botocore": "PyPI botocore",
    ]

    /// Throws `Missing` unless `program` is an executable on PATH (or an absolute path).
    public static func require(_ program: String) throws {
        if program.hasPrefix("/") {
            guard FileManager.default.isExecutableFile(atPath: program) else { throw missing(program) }
            return
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin"]
        guard dirs.contains(where: { FileManager.default.isExecutableFile(atPath: $0 + "/" + program) }) else {
            throw missing(program)
        }
    }

    /// Throws `Missing` unless `python3` can import each of `modules`.
    public static func requirePython(_ modules: String...) throws {
        try require("python3")
        for module in modules {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", "import \(module)"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw missing(module, python: true) }
        }
    }

    private static func missing(_ name: String, python: Bool = false) -> Missing {
        let what = python ? "the Python module \(name)" : name
        let source = sources[name].map { " (\($0))" } ?? ""
        return Missing(description: "\(what) is needed by this test and is not installed\(source); hack/install-deps.sh installs it")
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `arguments` (through /usr/bin/env) with exactly `environment`; stdout, or `Failed` with the command
    /// and the end of its stderr. Both pipes are read before waiting, so a chatty tool cannot block on one.
    public static func run(_ arguments: [String], environment: [String: String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failed(description: "\(arguments.prefix(3).joined(separator: " ")) failed: " + String(decoding: errors.suffix(2000), as: UTF8.self))
        }
        return data
    }
}
