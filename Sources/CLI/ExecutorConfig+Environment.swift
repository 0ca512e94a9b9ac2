import Core

extension ExecutorConfig {
    /// Reads the executor's environment variables (Argo's `workflow/common/common.go`). A malformed value is an error naming
    /// the variable; an unset or empty variable takes Argo's default. Where Argo silently falls back on a
    /// malformed value (progress ticks, grace period, upload threads) we refuse it instead: the controller
    /// always writes valid values, so a bad one means a hand-edited pod that deserves a clear message.
    public init(environment env: [String: String]) throws(ExecError) {
        self.init()
        let r = EnvironmentReader(env)
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

        if let t = env["ARGO_TEMPLATE"] {
            template = t == "offloaded" ? .offloaded : .environment(t)
        }
        containerArgsFile = r.string("ARGO_CONTAINER_ARGS_FILE")

        includeScriptOutput = try r.flag("ARGO_INCLUDE_SCRIPT_OUTPUT")
        if let d = try r.time("ARGO_DEADLINE"), d != .goZero { deadline = d }
        if let file = r.string("ARGO_PROGRESS_FILE") {
            let patch = try r.duration("ARGO_PROGRESS_PATCH_TICK_DURATION") ?? .seconds(60)
            let tick = try r.duration("ARGO_PROGRESS_FILE_TICK_DURATION") ?? .seconds(3)
            if patch > .zero && tick > .zero {
                progress = ProgressConfig(file: paths.resolve(file), patchTick: patch, fileTick: tick)
            }
        }
        if let grace = try r.integer("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", range: 1...Int(Int32.max)) {
            terminationGracePeriod = .seconds(grace)
        }
        waitForReady = try r.flag("ARGO_WAIT_FOR_READY")
        initless = try r.flag("ARGO_INITLESS_POD")
        debugPauseBefore = try r.flag("ARGO_DEBUG_PAUSE_BEFORE")
        debugPauseAfter = try r.flag("ARGO_DEBUG_PAUSE_AFTER")
        removeLocalArtifactPath = try r.flag("REMOVE_LOCAL_ART_PATH")
        artifactPluginNames = r.list("ARGO_ARTIFACT_PLUGIN_NAMES")
        inputArtifactPluginNames = r.list("ARGO_INPUT_ARTIFACT_PLUGIN_NAMES")
        artifactGCPodName = r.string("ARGO_ARTIFACT_POD_NAME")

        executorRetry = try r.backoff(prefix: "EXECUTOR_RETRY_BACKOFF_", base: .executorDefault, jitter: true)
        defaultRetry = try r.backoff(prefix: "RETRY_BACKOFF_", base: .defaultRetry, jitter: false)
        transientErrorPattern = try r.regex("TRANSIENT_ERROR_PATTERN")
        if let interval = try r.duration("RESOURCE_STATE_CHECK_INTERVAL") { resourceStateCheckInterval = interval }
        if let threads = try r.integer("ARTIFACT_S3_UPLOAD_THREADS", range: 1...64) { s3UploadThreads = threads }
        s3UploadPartSizeMiB = try r.integer("ARTIFACT_S3_UPLOAD_PART_SIZE_MIB", range: 5...5120)
        trace = r.string("ARGO_TRACE") == "1"
        kubernetesServiceHost = r.string("KUBERNETES_SERVICE_HOST")
        kubernetesServicePort = r.string("KUBERNETES_SERVICE_PORT")
        if let mode = r.string("ARGOEXEC_REPORT_MODE") {
            guard let parsed = ReportMode(rawValue: mode) else {
                throw ExecError(.invalidConfig, "invalid ARGOEXEC_REPORT_MODE \"\(mode)\": expected auto, taskresult or annotations")
            }
            reportMode = parsed
        }
    }
}
