import Core
import Drivers
import Kube
import Model
import YAML

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Builds the Kubernetes client configuration the way client-go's deferred loader does for argoexec:
/// explicit flags (`--server`, `--token`, `--certificate-authority`, `-n`, `--request-timeout`), else
/// `--kubeconfig` (current context: server, CA file or data, token or token file, namespace), else the
/// in-cluster service account. TLS is always verified; `--insecure-skip-tls-verify` is accepted and ignored.
enum KubeContext {
    static func config(_ options: KubeClientOptions, executor: ExecutorConfig) throws(ExecError) -> KubeConfig {
        var config: KubeConfig
        if let path = options.kubeconfig {
            config = try fromKubeconfig(path)
        } else if let server = options.server {
            config = KubeConfig(server: server)
        } else {
            config = try KubeConfig.inCluster(host: executor.kubernetesServiceHost, port: executor.kubernetesServicePort,
                                              serviceAccountDir: executor.paths.serviceAccountDir)
        }
        if let server = options.server { config.server = server }
        if let token = options.token { config.token = BearerToken(fixed: token) }
        if let ca = options.certificateAuthority { config.caFile = ca }
        if let namespace = options.namespace { config.namespace = namespace }
        if let timeout = options.requestTimeout, timeout != "0" {
            guard let duration = GoDuration.parse(timeout) else {
                throw ExecError(.invalidConfig, "invalid --request-timeout \"\(timeout)\"")
            }
            config.requestTimeoutSeconds = max(1, Int(duration.components.seconds))
        }
        return config
    }

    /// The parts of a kubeconfig (YAML or JSON) a bearer-token client needs.
    static func fromKubeconfig(_ path: String) throws(ExecError) -> KubeConfig {
        let text = String(decoding: try FileIO.readAll(path, limit: 4 << 20), as: UTF8.self)
        let doc: JSONValue
        do {
            doc = try YAMLDocuments.parseOne(Array(text.utf8))
        } catch {
            throw ExecError(.invalidConfig, "kubeconfig \(path): \(error.message)")
        }
        func named(_ list: String, _ name: String?) -> [String: JSONValue]? {
            guard case .array(let items)? = doc[list] else { return nil }
            for case .object(let item) in items where item["name"]?.stringValue == name { return item }
            return nil
        }
        let current = doc["current-context"]?.stringValue
        let context = named("contexts", current)?["context"]
        guard let cluster = named("clusters", context?["cluster"]?.stringValue)?["cluster"], let server = cluster["server"]?.stringValue else {
            throw ExecError(.invalidConfig, "kubeconfig \(path): no cluster server for the current context \(current ?? "(none)")")
        }
        var config = KubeConfig(server: server, namespace: context?["namespace"]?.stringValue)
        config.caFile = cluster["certificate-authority"]?.stringValue
        if let data = cluster["certificate-authority-data"]?.stringValue, let pem = Data(base64Encoded: data) { config.caPEM = Array(pem) }
        let user = named("users", context?["user"]?.stringValue)?["user"]
        if let token = user?["token"]?.stringValue {
            config.token = BearerToken(fixed: token)
        } else if let file = user?["tokenFile"]?.stringValue {
            config.token = BearerToken(file: file)
        }
        return config
    }
}

/// Secrets for drivers in a pod: the mounted file first (`/argo/secret/<name>/<key>`), then the API when
/// the file is not there and a client is available (a secret the controller did not mount).
struct PodSecrets: SecretResolver {
    let files: SecretFiles
    let api: KubeClient?
    let namespace: String?

    func secret(_ selector: SecretKeySelector) throws(ExecError) -> [UInt8] {
        do {
            return try files.secret(selector)
        } catch where error.code == .notFound {
            guard let api, let namespace, let name = selector.name else { throw error }
            return try api.secretValue(namespace: namespace, name: name, key: selector.key)
        }
    }
}
