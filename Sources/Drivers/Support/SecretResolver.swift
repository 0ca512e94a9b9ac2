import Core
import Model

/// Where drivers get credentials from (docs/conventions.md rule 1: drivers never import the Kubernetes client; the CLI wires
/// the resolver). The pod form reads `/argo/secret/<name>/<key>` files mounted by the controller.
public protocol SecretResolver: Sendable {
    func secret(_ selector: SecretKeySelector) throws(ExecError) -> [UInt8]
}

/// Secrets as files `<directory>/<name>/<key>` (Argo's `workflow/controller/workflowpod.go`), raw bytes.
public struct SecretFiles: SecretResolver {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func secret(_ selector: SecretKeySelector) throws(ExecError) -> [UInt8] {
        guard let name = selector.name, !name.isEmpty, !selector.key.isEmpty else {
            throw ExecError(.badRequest, "secret selector needs a name and a key")
        }
        let path = directory + "/" + name + "/" + selector.key
        do {
            return try FileIO.readAll(path, limit: 1 << 20)
        } catch {
            throw ExecError(error.code, "secret \(name)/\(selector.key) is not available", cause: error, context: ["path": path])
        }
    }
}

extension SecretResolver {
    /// A secret as text for credentials. Trailing whitespace is trimmed: Argo signs with the raw bytes, so a
    /// key file ending in a newline breaks every signature there (Argo's `workflow/controller/workflowpod.go` quirk); here it works.
    func credential(_ selector: SecretKeySelector) throws(ExecError) -> String {
        String(decoding: try secret(selector), as: UTF8.self).trimmingSpaces()
    }
}
