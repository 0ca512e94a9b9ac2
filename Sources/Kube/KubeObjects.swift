import Core

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads of secrets and config maps through the API: the fallback for a secret that is not mounted, and
/// the config-map lookups some drivers need (HDFS-style `configMapKeyRef`). Drivers reach these only
/// through the `SecretResolver` protocol the CLI wires (docs/conventions.md rule 1; docs/artifacts.md,
/// "Secrets": drivers never import the client).
extension KubeClient {
    private struct DataObject: Decodable {
        var data: [String: String]?
    }

    /// `secrets/<name>` key `key` in `namespace`, base64-decoded.
    public func secretValue(namespace: String, name: String, key: String) throws(ExecError) -> [UInt8] {
        let path = "/api/v1/namespaces/\(namespace)/secrets/\(name)"
        let secret = try get(DataObject.self, path)
        guard let encoded = secret.data?[key] else {
            throw ExecError(.notFound, "secret \(namespace)/\(name) has no key \(key)")
        }
        guard let bytes = Data(base64Encoded: encoded) else {
            throw ExecError(.internal, "secret \(namespace)/\(name) key \(key) is not valid base64")
        }
        return Array(bytes)
    }

    /// `configmaps/<name>` key `key` in `namespace`.
    public func configMapValue(namespace: String, name: String, key: String) throws(ExecError) -> String {
        let path = "/api/v1/namespaces/\(namespace)/configmaps/\(name)"
        guard let value = try get(DataObject.self, path).data?[key] else {
            throw ExecError(.notFound, "config map \(namespace)/\(name) has no key \(key)")
        }
        return value
    }
}
