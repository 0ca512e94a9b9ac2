/// Everything the executor takes from its environment (Argo's `workflow/common/common.go`), read once by the CLI into this
/// typed value. Nothing below the CLI reads environment variables.
public struct ExecutorConfig: Sendable {
    /// Pod paths, rooted at `ARGOEXEC_ROOT` when set.
    public var paths = PodPaths()

    // Identity (`ARGO_POD_NAME` is required by the commands that talk to the API).
    public var podName: String?
    public var podUID: String?
    public var podNamespace: String?
    public var workflowName: String?
    public var workflowUID: String?
    public var nodeID: String?
    public var instanceID: String?
    public var containerName: String?

    // Template delivery.
    public var template: TemplateSource = .file
    public var containerArgsFile: String?

    /// `SSL_CERT_FILE` / `SSL_CERT_DIR`: the trust store Go's crypto/x509 (so Argo) uses instead of the
    /// system's, for every TLS connection without its own CA (`caSecret`).
    public var trustedCAFile: String?
    public var trustedCADirectory: String?
    /// go-git's known_hosts files for git artifacts over SSH (`SSH_KNOWN_HOSTS`, a `:` list, else `$HOME/.ssh/known_hosts`
    /// and `/etc/ssh/ssh_known_hosts`), rooted under `ARGOEXEC_ROOT`.
    public var sshKnownHostsFiles = ["/etc/ssh/ssh_known_hosts"]

    // Behaviour switches.
    public var includeScriptOutput = false
    /// nil when `ARGO_DEADLINE` is unset or Go's zero time.
    public var deadline: UTCTime?
    public var progress: ProgressConfig?
    public var terminationGracePeriod: Duration = .seconds(30)
    public var waitForReady = false
    public var initless = false
    public var debugPauseBefore = false
    public var debugPauseAfter = false
    public var artifactPluginNames: [String] = []
    public var inputArtifactPluginNames: [String] = []
    public var artifactGCPodName: String?

    // Retries and tuning.
    public var executorRetry = Backoff.executorDefault
    public var defaultRetry = Backoff.defaultRetry
    public var transientErrorPattern: String?
    public var resourceStateCheckInterval: Duration = .seconds(5)
    public var s3UploadThreads = 4
    public var s3UploadPartSizeMiB: Int?
    public var trace = false

    // Kubernetes API (in-cluster service) and reporting.
    public var kubernetesServiceHost: String?
    public var kubernetesServicePort: String?
    public var reportMode: ReportMode = .auto
    /// `ARGOEXEC_LOG_STYLE` (ours): `slog` (Argo v4's log lines) or `logrus` (v3's); nil decides by the flags.
    public var logStyle: ArgoLogHandler.Style?
    /// `ARGO_CONTAINER_RUNTIME_EXECUTOR`, which v3.0-v3.3 controllers set (`docker`, `pns`, `k8sapi`,
    /// `kubelet` or `emissary`); this executor is the emissary only.
    public var containerRuntimeExecutor: String?

    /// Fallbacks taken while reading the environment (a malformed value Argo ignores), logged as warnings
    /// once the logger exists; and errors skipped because the command does not use the variable.
    public var environmentWarnings: [String] = []
    public var environmentSkipped: [String] = []

    public init() {}

    /// Where the template comes from (Argo's `cmd/argoexec/executor/init.go`).
    public enum TemplateSource: Sendable, Equatable {
        /// `ARGO_TEMPLATE` holds the JSON.
        case environment(String)
        /// `ARGO_TEMPLATE=offloaded`: read `/argo/config/ARGO_TEMPLATE`.
        case offloaded
        /// `ARGO_TEMPLATE` unset: read `/var/run/argo/template`.
        case file
    }

    /// Progress reporting, enabled only when both ticks are positive (Argo's `workflow/executor/executor.go`).
    public struct ProgressConfig: Sendable, Equatable {
        public var file: String
        public var patchTick: Duration
        public var fileTick: Duration
        public init(file: String, patchTick: Duration, fileTick: Duration) {
            self.file = file
            self.patchTick = patchTick
            self.fileTick = fileTick
        }
    }

    /// `ARGO_POD_NAME`, or the error Argo exits 1 with when it is missing.
    public func requirePodName() throws(ExecError) -> String {
        guard let podName, !podName.isEmpty else {
            throw ExecError(.invalidConfig, "ARGO_POD_NAME is not set: the executor needs the name of its pod")
        }
        return podName
    }
}

/// How outputs reach the controller (`ARGOEXEC_REPORT_MODE`; ours, Argo has no such switch).
public enum ReportMode: String, Sendable, CaseIterable {
    /// WorkflowTaskResult; on 403 fall back to pod annotations as v3.3-v3.5 executors did (default).
    case auto
    /// WorkflowTaskResult only (v3.6+ behaviour: 403 is an error pointing at the RBAC docs).
    case taskResult = "taskresult"
    /// Pod annotations only, for v3.0-v3.2 controllers that never read task results.
    case annotations
}
