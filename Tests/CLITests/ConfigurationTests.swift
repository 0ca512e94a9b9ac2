@testable import CLI
import Core
import Testing

@Suite("Configuration from the environment (executor.md §3.1)")
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

    @Test("a malformed value is an error naming the variable", arguments: [
        ("ARGO_DEADLINE", "tomorrow"), ("ARGO_INCLUDE_SCRIPT_OUTPUT", "yes"), ("ARGO_WAIT_FOR_READY", "True"),
        ("ARGO_TERMINATION_GRACE_PERIOD_SECONDS", "-3"), ("ARGO_PROGRESS_PATCH_TICK_DURATION", "1 minute"),
        ("EXECUTOR_RETRY_BACKOFF_STEPS", "five"), ("EXECUTOR_RETRY_BACKOFF_FACTOR", "-1"),
        ("ARTIFACT_S3_UPLOAD_THREADS", "0"), ("ARTIFACT_S3_UPLOAD_PART_SIZE_MIB", "1"),
        ("TRANSIENT_ERROR_PATTERN", "(unclosed"), ("RESOURCE_STATE_CHECK_INTERVAL", "soon"),
    ])
    func malformed(variable: String, value: String) {
        var env = ["ARGO_PROGRESS_FILE": "/p"]
        env[variable] = value
        do {
            _ = try ExecutorConfig(environment: env)
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.description.contains(variable))
            #expect(error.code == .invalidConfig)
        }
    }
}

@Suite("Signal names and version text")
struct SmallCLITests {
    @Test("Go signal names", arguments: [(Int32(15), "terminated"), (9, "killed"), (2, "interrupt"), (10, "user defined signal 1"), (64, "signal 64")])
    func signalNames(signal: Int32, name: String) { #expect(SignalNames.name(of: signal) == name) }

    @Test("version text: short and long forms")
    func version() {
        #expect(VersionCommand.render(short: true) == "argoexec: \(BuildInfo.version)\n")
        let long = VersionCommand.render(short: false)
        for key in ["BuildDate", "GitCommit", "GitTreeState", "SwiftVersion", "Compiler", "Platform", "Libraries"] {
            #expect(long.contains("\n  \(key): "), "missing \(key)")
        }
        #expect(long.contains("libarchive 3."))
        #expect(long.contains("libcurl/"))
    }
}
