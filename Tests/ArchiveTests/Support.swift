import Foundation

/// A temporary directory per test, removed afterwards; helpers to build trees, snapshot them, and run
/// the peer tools (GNU tar, bsdtar, gzip, python3) side by side with our code.
final class Workspace {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("argoexec-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        // Archives may create read-only directories; open them up before removing.
        _ = try? Tool.run("/bin/chmod", ["-R", "u+rwx", root.path])
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String, mode: Int = 0o644) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    func mkdir(_ relative: String, mode: Int = 0o755) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path(relative))
    }

    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }

    /// The tree the Go fixtures in Fixtures/go-archive were written from: mydir/ with a.txt, empty/, link-to-a, sub/b.txt.
    func makeGoFixtureTree() throws -> String {
        try mkdir("src/mydir/empty")
        try write("src/mydir/a.txt", "hello\n")
        try symlink("src/mydir/link-to-a", to: "a.txt")
        try write("src/mydir/sub/b.txt", "world\n", mode: 0o600)
        try mkdir("src/mydir/sub", mode: 0o750)
        try mkdir("src/mydir", mode: 0o755)
        return path("src/mydir")
    }

    /// Every path below `dir` (relative) with its type, permission bits, and content or link target.
    static func snapshot(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: dir) else { return out }
        for case let rel as String in walker {
            let full = dir + "/" + rel
            let attrs = try fm.attributesOfItem(atPath: full)
            let perm = String((attrs[.posixPermissions] as? Int ?? 0), radix: 8)
            switch attrs[.type] as? FileAttributeType {
            case .typeSymbolicLink?: out[rel] = "link -> " + (try fm.destinationOfSymbolicLink(atPath: full))
            case .typeDirectory?: out[rel] = "dir \(perm)"
            default: out[rel] = "file \(perm) " + String(decoding: try Data(contentsOf: URL(fileURLWithPath: full)), as: UTF8.self)
            }
        }
        return out
    }

    /// Names directly inside `dir`.
    static func children(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }
}

enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

enum Tool {
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        // stdin comes from a file: writing a pipe while the child's stdout pipe is full would deadlock.
        var inputFile: URL?
        if let stdin {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("argoexec-stdin-\(UUID().uuidString)")
            try stdin.write(to: url)
            p.standardInput = try FileHandle(forReadingFrom: url)
            inputFile = url
        }
        defer { if let inputFile { try? FileManager.default.removeItem(at: inputFile) } }
        try p.run()
        // stderr is small; read stdout to the end first, then stderr.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: o, stderr: String(decoding: e, as: UTF8.self))
    }

    /// `tar tv` lines reduced to what must match: mode string, size, name (and link target).
    static func listing(_ program: String, _ archive: String) throws -> [String] {
        let out = try run(program, ["-tvzf", archive])
        guard out.status == 0 else { throw ToolError(message: "\(program) failed: \(out.stderr)") }
        return out.text.split(separator: "\n").map { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if program.hasSuffix("bsdtar") {  // mode links owner group size month day time name [-> target]
                return ([f[0], f[4]] + f[8...]).joined(separator: " ")
            }
            return ([f[0], f[2]] + f[5...]).joined(separator: " ")  // mode owner/group size date time name
        }
    }
}

struct ToolError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
