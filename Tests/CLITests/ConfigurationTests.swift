import Foundation
@testable import CLI
@testable import LeanCLI
import Core
import Testing

@Suite("Configuration from the environment (docs/configuration.md)")
struct ConfigurationTests {
    @Test("an empty environment gives Argo's defaults")
    func defaults() throws {
        let c = try ExecutorConfig(environment: [:])
        #expect(c.paths == PodPaths())
        #expect(c.template == .file)
        #expect(c.deadline == nil)
        #expect(c.progress == nil)
        #expect(c.terminationGracePeriod == .seconds(30))
        #expect(c.executorRetry == .executorDefault)
        #expect(c.defaultRetry == .defaultRetry)
        #expect(c.s3UploadThreads == 4)
        #expect(!c.includeScriptOutput)
        #expect(throws: ExecError.self) { try c.requirePodName() }
    }

    @Test("a controller-shaped environment is read into typed values")
    func controllerEnvironment() throws {
        let c = try ExecutorConfig(environment: [
            "ARGOEXEC_ROOT": "/tmp/pod", "ARGO_POD_NAME": "wf-main-123", "ARGO_POD_UID": "uid-1",
            "ARGO_WORKFLOW_NAME": "wf", "ARGO_WORKFLOW_UID": "wuid", "ARGO_NODE_ID": "wf-123",
            "ARGO_INSTANCE_ID": "i1", "ARGO_CONTAINER_NAME": "main", "ARGO_INCLUDE_SCRIPT_OUTPUT": "true",
            "ARGO_DEADLINE": "2026-11-24T18:00:00Z", "ARGO_PROGRESS_FILE": "/var/run/argo/progress",
            "ARGO_PROGRESS_PATCH_TICK_DURATION": "1m0s", "ARGO_PROGRESS_FILE_TICK_DURATION": "3s",
            "ARGO_TERMINATION_GRACE_PERIOD_SECONDS": "5", "ARGO_TEMPLATE": #"{"name":"x"}"#,
            "ARGO_ARTIFACT_PLUGIN_NAMES": "a,, b ,", "EXECUTOR_RETRY_BACKOFF_STEPS": "7",
            "EXECUTOR_RETRY_BACKOFF_DURATION": "2s", "EXECUTOR_RETRY_BACKOFF_FACTOR": "2",
            "EXECUTOR_RETRY_BACKOFF_JITTER": "0.1", "ARTIFACT_S3_UPLOAD_PART_SIZE_MIB": "64",
            "TRANSIENT_ERROR_PATTERN": "connection (reset|refused)",
        ])
        #expect(try c.requirePodName() == "wf-main-123")
        #expect(c.paths.template == "/tmp/pod/var/run/argo/template")
        #expect(c.template == .environment(#"{"name":"x"}"#))
        #expect(c.includeScriptOutput)
        #expect(c.deadline == UTCTime.parseRFC3339("2026-11-24T18:00:00Z"))
        #expect(c.progress == ExecutorConfig.ProgressConfig(file: "/tmp/pod/var/run/argo/progress", patchTick: .seconds(60), fileTick: .seconds(3)))
        #expect(c.terminationGracePeriod == .seconds(5))
        #expect(c.artifactPluginNames == ["a", "b"])
        #expect(c.executorRetry == Backoff(steps: 7, duration: .seconds(2), factor: 2, jitter: 0.1))
        #expect(c.s3UploadPartSizeMiB == 64)
        #expect(c.transientErrorPattern == "connection (reset|refused)")
    }

    @Test("offloaded template and Go's zero deadline")
    func offloaded() throws {
        let c = try ExecutorConfig(environment: ["ARGO_TEMPLATE": "offloaded", "ARGO_DEADLINE": "0001-01-01T00:00:00Z"])
        #expect(c.template == .offloaded)
        #expect(c.deadline == nil)
    }

    @Test("a zero progress tick turns progress off")
    func progressOff() throws {
        let c = try ExecutorConfig(environment: ["ARGO_PROGRESS_FILE": "/p", "ARGO_PROGRESS_PATCH_TICK_DURATION": "0"])
        #expect(c.progress == nil)
    }

    @Test("a malformed value Argo panics on is an error naming the variable", arguments: [
        ("ARGO_DEADLINE", "tomorrow"), ("EXECUTOR_RETRY_BACKOFF_STEPS", "five"), ("RETRY_BACKOFF_DURATION", "1 minute"),
        ("EXECUTOR_RETRY_BACKOFF_FACTOR", "x1.6"), ("RESOURCE_STATE_CHECK_INTERVAL", "soon"),
    ])
    func malformed(variable: String, value: String) throws {
        do {
            _ = try ExecutorConfig(environment: [variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.description.contains(variable))
            #expect(error.code == .invalidConfig)
        }
        // The emissary and kill do not use these: skipped, noted for the debug log.
        let lenient = try ExecutorConfig(environment: [variable: value], strict: false)
        #expect(lenient.environmentSkipped.count == 1)
        #expect(lenient.environmentSkipped.first?.contains(variable) == true)
    }

    @Test("values a controller writes, or Argo ignores when malformed, fall back to Argo's defaults with a warning", arguments: [
        ("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", "0", false), ("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", "-3", false),
        ("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", "soon", true), ("ARGO_INCLUDE_SCRIPT_OUTPUT", "yes", true),
        ("ARGO_WAIT_FOR_READY", "True", true), ("ARGO_PROGRESS_PATCH_TICK_DURATION", "1 minute", true),
        ("ARTIFACT_S3_UPLOAD_THREADS", "0", true), ("ARTIFACT_S3_UPLOAD_THREADS", "many", true),
        ("ARTIFACT_S3_UPLOAD_PART_SIZE_MIB", "1", true), ("ARTIFACT_S3_UPLOAD_PART_SIZE_MIB", "-1", false),
        ("ARGOEXEC_REPORT_MODE", "loud", true),
        ("EXECUTOR_RETRY_BACKOFF_STEPS", "0", true), ("EXECUTOR_RETRY_BACKOFF_FACTOR", "-1", true),
    ])
    func fallbacks(variable: String, value: String, warns: Bool) throws {
        let c = try ExecutorConfig(environment: [variable: value, "ARGO_PROGRESS_FILE": "/p"])
        let defaults = try ExecutorConfig(environment: ["ARGO_PROGRESS_FILE": "/p"])
        #expect(c.terminationGracePeriod == .seconds(30))
        #expect(!c.includeScriptOutput && !c.waitForReady)
        #expect(c.progress == nil && defaults.progress == nil)  // Argo: unset ticks are 0, so no progress
        #expect(c.s3UploadThreads == 4)
        #expect(c.s3UploadPartSizeMiB == nil)
        #expect(c.transientErrorPattern == nil)
        #expect(c.reportMode == .auto)
        #expect(c.executorRetry.steps >= 1 && c.executorRetry.factor == 1.6)
        #expect(c.environmentWarnings.count == (warns ? 1 : 0), "\(c.environmentWarnings)")
        if warns { #expect(c.environmentWarnings.first?.contains(variable) == true) }
    }
}

@Suite("Report mode by controller generation (issue 14)")
struct ReportModeTests {
    @Test("auto is task results only when wait reads /var/run/argo/template (v3.6+); ARGO_TEMPLATE or podmetadata keep the fallback")
    func generations() {
        let paths = PodPaths(root: "/r")
        #expect(PodContext.reportMode(.auto, templateSource: paths.template, paths: paths) == .taskResult)
        #expect(PodContext.reportMode(.auto, templateSource: "ARGO_TEMPLATE", paths: paths) == .auto)
        #expect(PodContext.reportMode(.auto, templateSource: paths.podMetadataAnnotations + " (x)", paths: paths) == .auto)
        #expect(PodContext.reportMode(.annotations, templateSource: paths.template, paths: paths) == .annotations)
    }
}

@Suite("Signal names and version text")
struct SmallCLITests {
    @Test("Go signal names", arguments: [(Int32(15), "terminated"), (9, "killed"), (2, "interrupt"), (10, "user defined signal 1"), (64, "signal 64")])
    func signalNames(signal: Int32, name: String) { #expect(SignalSender.name(of: signal) == name) }

    @Test("version text: short and long forms")
    func version() {
        #expect(VersionCommand.render(short: true) == "argoexec: \(BuildInfo.version)\n")
        let long = VersionCommand.render(short: false)
        for key in ["BuildDate", "GitCommit", "GitTreeState", "SwiftVersion", "Compiler", "Platform", "Libraries"] {
            #expect(long.contains("\n  \(key): "), "missing \(key)")
        }
        #expect(long.contains("libcurl/"))
    }
}

@Suite("Template sources (docs/pod-contract.md, docs/controllers.md)")
struct TemplateSourceTests {
    @Test("ARGO_TEMPLATE, the offloaded file, /var/run/argo/template, then the v3.0 podmetadata annotation")
    func sources() throws {
        let root = NSTemporaryDirectory() + "argoexec-tpl-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        var config = try ExecutorConfig(environment: ["ARGOEXEC_ROOT": root, "ARGO_TEMPLATE": #"{"name":"from-env"}"#])
        #expect(try TemplateLoader.load(config).name == "from-env")
        config = try ExecutorConfig(environment: ["ARGOEXEC_ROOT": root])
        let missing = #expect(throws: ExecError.self) { try TemplateLoader.load(config) }
        #expect(missing?.message.contains("podmetadata") == true)
        try fm.createDirectory(atPath: root + "/argo/podmetadata", withIntermediateDirectories: true)
        let quoted = String(decoding: try JSONEncoder().encode(#"{"name":"from-annotation"}"#), as: UTF8.self)
        try "workflows.argoproj.io/template=\(quoted)\n".write(toFile: root + "/argo/podmetadata/annotations", atomically: true, encoding: .utf8)
        #expect(try TemplateLoader.load(config).name == "from-annotation")
        try fm.createDirectory(atPath: root + "/var/run/argo", withIntermediateDirectories: true)
        try #"{"name":"from-file"}"#.write(toFile: root + "/var/run/argo/template", atomically: true, encoding: .utf8)
        #expect(try TemplateLoader.load(config).name == "from-file")
        try fm.createDirectory(atPath: root + "/argo/config", withIntermediateDirectories: true)
        try #"{"name":"offloaded"}"#.write(toFile: root + "/argo/config/ARGO_TEMPLATE", atomically: true, encoding: .utf8)
        config = try ExecutorConfig(environment: ["ARGOEXEC_ROOT": root, "ARGO_TEMPLATE": "offloaded"])
        #expect(try TemplateLoader.load(config).name == "offloaded")
        config = try ExecutorConfig(environment: ["ARGOEXEC_ROOT": root, "ARGO_TEMPLATE": "{not json"])
        let bad = #expect(throws: ExecError.self) { try TemplateLoader.load(config) }
        #expect(bad?.message.contains("ARGO_TEMPLATE") == true)
        let mode = try ExecutorConfig(environment: ["ARGOEXEC_REPORT_MODE": "pods"])
        #expect(mode.reportMode == .auto && mode.environmentWarnings.first?.contains("ARGOEXEC_REPORT_MODE") == true)
        #expect(try ExecutorConfig(environment: ["ARGOEXEC_REPORT_MODE": "annotations"]).reportMode == .annotations)
    }
}

@Suite("Kubernetes client configuration (flags, kubeconfig, in-cluster)")
struct KubeContextTests {
    @Test("kubeconfig current context: server, CA file, inline CA data, token; flags override; in-cluster needs the service env")
    func kubeconfig() throws {
        let dir = NSTemporaryDirectory() + "argoexec-kc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        apiVersion: v1
        kind: Config
        current-context: b
        clusters:
        - name: one
          cluster: {server: "https://one:6443", certificate-authority: /ca/one.pem}
        - name: two
          cluster:
            server: https://two:6443
            certificate-authority-data: LS0tLS1CRUdJTg==
        users:
        - name: u2
          user:
            token: secret-two
        contexts:
        - name: a
          context: {cluster: one, user: u2}
        - name: b
          context:
            cluster: two
            user: u2
            namespace: argo
        """.write(toFile: dir + "/config", atomically: true, encoding: .utf8)
        var options = try KubeClientOptions.parse(["--kubeconfig", dir + "/config"])
        var config = try KubeContext.config(options, executor: ExecutorConfig())
        #expect(config.server == "https://two:6443")
        #expect(config.caPEM == Array("-----BEGIN".utf8))
        #expect(config.namespace == "argo")
        #expect(try config.token?.current() == "secret-two")
        options = try KubeClientOptions.parse(["--kubeconfig", dir + "/config", "--server", "https://three", "--token", "t3", "-n", "ns3",
                                               "--request-timeout", "15s"])
        config = try KubeContext.config(options, executor: ExecutorConfig())
        #expect(config.server == "https://three" && config.namespace == "ns3" && config.requestTimeoutSeconds == 15)
        #expect(try config.token?.current() == "t3")
        let inCluster = #expect(throws: ExecError.self) { try KubeContext.config(try KubeClientOptions.parse([]), executor: ExecutorConfig()) }
        #expect(inCluster?.message.contains("KUBERNETES_SERVICE_HOST") == true)
    }
}

@Suite("TRANSIENT_ERROR_PATTERN on Swift's Regex")
struct TransientErrorRegexTests {
    @Test("a pattern finds text anywhere (Go's MatchString); one that does not compile is a warning and matches nothing")
    func regex() throws {
        let (matcher, warning) = TransientErrorRegex.matcher("connection (reset|refused)")
        #expect(warning == nil)
        #expect(matcher?("dial tcp: connection refused by peer") == true)
        #expect(matcher?("no such key") == false)
        let (bad, badWarning) = TransientErrorRegex.matcher("(unclosed")
        #expect(bad == nil)
        #expect(badWarning?.contains("TRANSIENT_ERROR_PATTERN") == true)
        #expect(badWarning?.contains("not a valid regular expression") == true)
        #expect(TransientErrorRegex.matcher(nil).0 == nil)
        // Go's syntax in linear time: patterns a backtracking engine would take exponential time on are accepted,
        // as Argo accepts them, and answer at once.
        let nested = try ExecutorConfig(environment: ["TRANSIENT_ERROR_PATTERN": "(a+)+$"])
        #expect(nested.transientErrorPattern == "(a+)+$" && nested.environmentWarnings.isEmpty)
        let exponential = try #require(TransientErrorRegex.matcher("(a+)+$").0)
        #expect(!exponential(String(repeating: "a", count: 5000) + "!"))
        #expect(TransientErrorRegex.matcher("(.*)+timeout").0?("dial tcp: i/o timeout") == true)
        #expect(TransientErrorRegex.matcher("(?i)CONNECTION RESET").0?("read: connection reset by peer") == true)
    }
}
