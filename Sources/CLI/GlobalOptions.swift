import ArgumentParser
import LeanCLI

/// Argo's persistent flags (Argo's `cmd/argoexec/commands/root.go`), accepted after any subcommand exactly as the controller
/// passes them: `--loglevel L --log-format F --gloglevel G`.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("loglevel"), help: "Set the logging level. One of: debug|info|warn|error (default: info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "The formatter to use for logs. One of: text|json (default: text).")
    var logFormat: String?

    @Option(name: .customLong("gloglevel"), help: "Set the glog logging level (accepted for compatibility).")
    var glogLevel: Int?

    /// What the logging flags say: `--loglevel` without `--gloglevel` is how v3.0-v3.6 controllers call the
    /// executor (v3.7+ add `--gloglevel`), which picks logrus-shaped lines unless `ARGOEXEC_LOG_STYLE` says.
    var logging: LogFlags {
        LogFlags(level: logLevel ?? "info", format: logFormat ?? "text", olderController: logLevel != nil && glogLevel == nil)
    }

    @OptionGroup(title: "Kubernetes client options (client-go's override flags, accepted for compatibility)")
    var kube: KubeClientOptions

    public init() {}
}

/// client-go's `RecommendedConfigOverrideFlags("")` plus `--kubeconfig`. The in-cluster configuration is
/// what pods use; these are accepted so any command line Argo accepts also parses here.
public struct KubeClientOptions: ParsableArguments {
    @Option(help: "Path to a kube config. Only required if out-of-cluster.") var kubeconfig: String?
    @Option(name: [.customShort("n"), .long], help: "If present, the namespace scope for this CLI request.") var namespace: String?
    @Option(help: "The name of the kubeconfig context to use.") var context: String?
    @Option(help: "The name of the kubeconfig cluster to use.") var cluster: String?
    @Option(help: "The name of the kubeconfig user to use.") var user: String?
    @Option(name: [.customShort("s"), .long], help: "The address and port of the Kubernetes API server.") var server: String?
    @Option(help: "Bearer token for authentication to the API server.") var token: String?
    @Option(name: .customLong("certificate-authority"), help: "Path to a cert file for the certificate authority.") var certificateAuthority: String?
    @Option(name: .customLong("client-certificate"), help: "Path to a client certificate file for TLS.") var clientCertificate: String?
    @Option(name: .customLong("client-key"), help: "Path to a client key file for TLS.") var clientKey: String?
    @Flag(name: .customLong("insecure-skip-tls-verify"), help: "Do not check the server certificate (accepted, ignored).") var insecureSkipTLSVerify = false
    @Option(name: .customLong("tls-server-name"), help: "Server name to use for server certificate validation.") var tlsServerName: String?
    @Option(help: "Username to impersonate for the operation.") var `as`: String?
    @Option(name: .customLong("as-group"), help: "Group to impersonate for the operation.") var asGroup: [String] = []
    @Option(name: .customLong("as-uid"), help: "UID to impersonate for the operation.") var asUID: String?
    @Option(help: "Username for basic authentication to the API server.") var username: String?
    @Option(help: "Password for basic authentication to the API server.") var password: String?
    @Option(name: .customLong("proxy-url"), help: "If provided, this URL will be used to connect via proxy.") var proxyURL: String?
    @Flag(name: .customLong("disable-compression"), help: "Opt out of response compression (accepted, ignored).") var disableCompression = false
    @Option(name: .customLong("request-timeout"), help: "Time to wait before giving up on a single server request.") var requestTimeout: String?

    public init() {}
}
