import Core

extension ExecutorConfig {
    /// Reads the executor's environment variables (Argo's `workflow/common/common.go`), each as Argo reads
    /// it (`EnvironmentReader`): the controller's values are always accepted (a grace period of 0 means 30 s),
    /// malformed ones fall back where Argo falls back, with a warning in `environmentWarnings`, and fail only
    /// where Argo fails, and then only when `strict` (the commands that use those variables).
    public init(environment env: [String: String], strict: Bool = true) throws(ExecError) {
        self.init()
        let r = EnvironmentReader(env, strict: strict)
        paths = PodPaths(root: r.string("ARGOEXEC_ROOT") ?? "")
        podName = r.string("ARGO_POD_NAME")
        podUID = r.string("ARGO_POD_UID")
        podNamespace = r.string("POD_NAMESPACE")
        workflowName = r.string("ARGO_WORKFLOW_NAME")
        workflowUID = r.string("ARGO_WORKFLOW_UID")
        nodeID = r.string("ARGO_NODE_ID")
        instanceID = r.string("ARGO_INSTANCE_ID")
        containerName = r.string("ARGO_CONTAINER_NAME")
        trustedCAFile = r.string("SSL_CERT_FILE")
        trustedCADirectory = r.string("SSL_CERT_DIR")
        let knownHosts = (r.string("SSH_KNOWN_HOSTS") ?? "").split(separator: ":").map(String.init)
        sshKnownHostsFiles = (knownHosts.isEmpty ? [r.string("HOME").map { $0 + "/.ssh/known_hosts" }, "/etc/ssh/ssh_known_hosts"].compactMap { $0 }
            : knownHosts).map(paths.resolve)

        if let t = env["ARGO_TEMPLATE"] {
            template = t == "offloaded" ? .offloaded : .environment(t)
        }
        containerArgsFile = r.string("ARGO_CONTAINER_ARGS_FILE")

        includeScriptOutput = r.flag("ARGO_INCLUDE_SCRIPT_OUTPUT")
        if let d = try r.time("ARGO_DEADLINE"), d != .goZero { deadline = d }
        progress = Self.progress(r, paths: paths)
        terminationGracePeriod = Self.gracePeriod(r)
        waitForReady = r.flag("ARGO_WAIT_FOR_READY")
        initless = r.flag("ARGO_INITLESS_POD")
        debugPauseBefore = r.flag("ARGO_DEBUG_PAUSE_BEFORE")
        debugPauseAfter = r.flag("ARGO_DEBUG_PAUSE_AFTER")
        artifactPluginNames = r.list("ARGO_ARTIFACT_PLUGIN_NAMES")
        inputArtifactPluginNames = r.list("ARGO_INPUT_ARTIFACT_PLUGIN_NAMES")
        artifactGCPodName = r.string("ARGO_ARTIFACT_POD_NAME")

        executorRetry = try r.backoff(prefix: "EXECUTOR_RETRY_BACKOFF_", base: .executorDefault, jitter: true)
        defaultRetry = try r.backoff(prefix: "RETRY_BACKOFF_", base: .defaultRetry, jitter: false)
        transientErrorPattern = r.regex("TRANSIENT_ERROR_PATTERN")
        if let interval = try r.duration("RESOURCE_STATE_CHECK_INTERVAL", fallback: false) {
            if interval > .zero { resourceStateCheckInterval = interval } else {
                r.warn("RESOURCE_STATE_CHECK_INTERVAL", r.string("RESOURCE_STATE_CHECK_INTERVAL") ?? "", "not positive; using 5s")
            }
        }
        s3UploadThreads = Self.uploadThreads(r)
        s3UploadPartSizeMiB = Self.partSize(r)
        trace = r.string("ARGO_TRACE") == "1"
        containerRuntimeExecutor = r.string("ARGO_CONTAINER_RUNTIME_EXECUTOR")
        kubernetesServiceHost = r.string("KUBERNETES_SERVICE_HOST")
        kubernetesServicePort = r.string("KUBERNETES_SERVICE_PORT")
        if let mode = r.string("ARGOEXEC_REPORT_MODE") {
            if let parsed = ReportMode(rawValue: mode) { reportMode = parsed } else {
                r.warn("ARGOEXEC_REPORT_MODE", mode, "expected auto, taskresult or annotations; using auto")
            }
        }
        if let style = r.string("ARGOEXEC_LOG_STYLE") {
            if let parsed = ArgoLogHandler.Style(rawValue: style) { logStyle = parsed } else {
                r.warn("ARGOEXEC_LOG_STYLE", style, "expected slog or logrus; chosen by the controller's flags")
            }
        }
        environmentWarnings = r.warnings
        environmentSkipped = r.skipped
    }

    /// Progress monitoring runs only when both ticks are positive (Argo's `workflow/executor/executor.go`);
    /// unset or malformed ticks are 0 there (parse errors ignored, `cmd/argoexec/executor/init.go`): off.
    private static func progress(_ r: EnvironmentReader, paths: PodPaths) -> ProgressConfig? {
        let patch = try? r.duration("ARGO_PROGRESS_PATCH_TICK_DURATION", fallback: true)
        let tick = try? r.duration("ARGO_PROGRESS_FILE_TICK_DURATION", fallback: true)
        guard let file = r.string("ARGO_PROGRESS_FILE"), let patch, let tick, patch > .zero, tick > .zero else { return nil }
        return ProgressConfig(file: paths.resolve(file), patchTick: patch, fileTick: tick)
    }

    /// Argo's `TerminationGracePeriodDuration`: `ParseInt` errors are 0, and anything <= 0 is 30 s. The
    /// controller copies the pod's `terminationGracePeriodSeconds` here, `0` included.
    private static func gracePeriod(_ r: EnvironmentReader) -> Duration {
        guard let seconds = try? r.integer("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", fallback: true), seconds > 0 else {
            return .seconds(30)
        }
        return .seconds(min(seconds, Int(Int32.max)))
    }

    /// `ARTIFACT_S3_UPLOAD_THREADS` (Argo's `workflow/artifacts/s3/s3.go`): malformed or < 1 is 4. Above 64
    /// we cap (ours: one transfer per thread, each with its own part buffer).
    private static func uploadThreads(_ r: EnvironmentReader) -> Int {
        guard let threads = try? r.integer("ARTIFACT_S3_UPLOAD_THREADS", fallback: true) else { return 4 }
        if threads < 1 {
            r.warn("ARTIFACT_S3_UPLOAD_THREADS", "\(threads)", "must be at least 1; using 4")
            return 4
        }
        if threads > 64 { r.warn("ARTIFACT_S3_UPLOAD_THREADS", "\(threads)", "capped at 64") }
        return min(threads, 64)
    }

    /// `ARTIFACT_S3_UPLOAD_PART_SIZE_MIB`: malformed or <= 0 lets the part size be computed; outside
    /// 5...5120 it is ignored with a warning, as Argo's `getCheckedPartSize` does.
    private static func partSize(_ r: EnvironmentReader) -> Int? {
        guard let mib = try? r.integer("ARTIFACT_S3_UPLOAD_PART_SIZE_MIB", fallback: true), mib > 0 else { return nil }
        guard (5...5120).contains(mib) else {
            r.warn("ARTIFACT_S3_UPLOAD_PART_SIZE_MIB", "\(mib)", "must be from 5 to 5120 MiB; the part size is computed")
            return nil
        }
        return mib
    }
}

extension EnvironmentReader {
    /// `<prefix>STEPS`, `DURATION`, `FACTOR` and (when `jitter`) `JITTER` over `base` (Argo's
    /// `util/retry/retry.go`; malformed values are fatal there). Values Go would accept but that make no
    /// sense as a retry (no attempt at all, a negative pause) are bounded, with a warning.
    public func backoff(prefix: String, base: Backoff, jitter: Bool) throws(ExecError) -> Backoff {
        var b = base
        if let steps = try integer(prefix + "STEPS", fallback: false) {
            b.steps = min(max(steps, 1), 1000)
            if b.steps != steps { warn(prefix + "STEPS", "\(steps)", "bounded to \(b.steps) attempts") }
        }
        if let d = try duration(prefix + "DURATION", fallback: false) {
            b.duration = max(d, .zero)
            if d < .zero { warn(prefix + "DURATION", string(prefix + "DURATION") ?? "", "negative; no pause") }
        }
        if let f = try number(prefix + "FACTOR") {
            if f.isFinite && f >= 0 { b.factor = f } else { warn(prefix + "FACTOR", "\(f)", "not a non-negative number; using \(base.factor)") }
        }
        if jitter, let j = try number(prefix + "JITTER") {
            if j.isFinite && j >= 0 { b.jitter = j } else { warn(prefix + "JITTER", "\(j)", "not a non-negative number; using \(base.jitter)") }
        }
        return b
    }
}
