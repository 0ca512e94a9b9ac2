import Core
import Model

/// Where the API server is and how to authenticate (client-go's `rest.Config`, the parts the executor
/// uses). The in-cluster form is built from `KUBERNETES_SERVICE_HOST`/`_PORT` and the service-account
/// files; flags (`--server`, `--token`, `--certificate-authority`, `-n`) override it.
public struct KubeConfig: Sendable {
    /// `https://host:port` (IPv6 hosts bracketed).
    public var server: String
    public var token: BearerToken?
    public var caFile: String?
    /// Inline CA certificates (`certificate-authority-data` of a kubeconfig).
    public var caPEM: [UInt8]?
    /// The namespace of the pod (the service account's namespace file), if known.
    public var namespace: String?
    /// Per-request timeout (`--request-timeout`); nil leaves only the transport's connect/low-speed limits.
    public var requestTimeoutSeconds: Int?

    public init(server: String, token: BearerToken? = nil, caFile: String? = nil, namespace: String? = nil) {
        self.server = PathRules.trimmingTrailingSlashes(server)
        self.token = token
        self.caFile = caFile
        self.namespace = namespace
    }

    /// client-go's `InClusterConfig`: host and port from the service environment, the token file (re-read
    /// when it changes), the CA bundle and the namespace file from `serviceAccountDir` (under
    /// `ARGOEXEC_ROOT` in tests and the simulator, like every pod path).
    public static func inCluster(host: String?, port: String?, serviceAccountDir: String) throws(ExecError) -> KubeConfig {
        guard let host, !host.isEmpty, let port, !port.isEmpty else {
            throw ExecError(.invalidConfig, "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined")
        }
        let tokenFile = serviceAccountDir + "/token"
        guard try FileIO.lstatIfExists(tokenFile) != nil else {
            throw ExecError(.invalidConfig, "unable to load in-cluster configuration: open \(tokenFile): no such file or directory")
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        var config = KubeConfig(server: "https://\(hostPart):\(port)", token: BearerToken(file: tokenFile))
        let ca = serviceAccountDir + "/ca.crt"
        if try FileIO.lstatIfExists(ca) != nil { config.caFile = ca }
        let namespaceFile = serviceAccountDir + "/namespace"
        if try FileIO.lstatIfExists(namespaceFile) != nil {
            config.namespace = String(decoding: try FileIO.readAll(namespaceFile, limit: 4096), as: UTF8.self).trimmingSpaces()
        }
        return config
    }
}
