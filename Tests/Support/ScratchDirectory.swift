import Foundation

/// A fresh temporary directory for one test, removed when the value goes away.
public final class ScratchDirectory {
    public let path: String

    public init(_ label: String = "test") throws {
        path = NSTemporaryDirectory() + "argoexec-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
