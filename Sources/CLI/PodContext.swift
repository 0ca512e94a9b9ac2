import LeanCLI
import Core
import Drivers
import Kube
import Logging
import Model

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the pod commands share once the configuration is read: the template, the artifact stores'
/// context (mounted secrets with the API as fallback, the AWS environment) and the Kubernetes client.
final class PodContext {
    let runtime: CommandRuntime
    let template: Template
    let templateJSON: String
    /// Where the template came from: `ARGO_TEMPLATE`, a file path, or the podmetadata annotation.
    let templateSource: String
    let kube: KubeClient?
    let kubeError: ExecError?

    /// How wait reports: `auto` becomes `taskResult` under a v3.6+ controller, which reads only task results
    /// (so a 403 is Argo's RBAC error, not a fallback nobody reads). The template's source tells the generation
    /// (Argo's `workflow/controller/workflowpod.go`): v3.6+ gives `ARGO_TEMPLATE` to init only, so wait reads
    /// `/var/run/argo/template`; v3.2-v3.5 give it to every container; v3.0-v3.1 use the podmetadata annotation.
    var reportMode: ReportMode {
        Self.reportMode(runtime.config.reportMode, templateSource: templateSource, paths: runtime.config.paths)
    }

    static func reportMode(_ mode: ReportMode, templateSource: String, paths: PodPaths) -> ReportMode {
        mode == .auto && templateSource == paths.template ? .taskResult : mode
    }

    /// `executor.Init` (Argo's `cmd/argoexec/executor/init.go`): `ARGO_POD_NAME` is required (fatal exit 1 without it).
    /// The template and the configuration are read under Argo's `CheckErr`, which writes the termination
    /// message and panics (exit 2): their errors become `StartupPanic`.
    init(_ global: GlobalOptions, label: String, needsKube: Bool) throws {
        do {
            runtime = try CommandRuntime.make(global, label: label)
        } catch let error as ExecError {
            throw StartupPanic(error)
        }
        guard let pod = runtime.config.podName, !pod.isEmpty else { throw FatalError("ARGO_POD_NAME environment variable is required") }
        if let executor = runtime.config.containerRuntimeExecutor, executor != "emissary" {
            // docs/controllers.md: with another executor main is not wrapped, so wait would wait for nothing.
            throw ExecError(.invalidConfig, "the controller asked for the \"\(executor)\" container runtime executor "
                + "(ARGO_CONTAINER_RUNTIME_EXECUTOR); this executor image implements only the emissary: set "
                + "containerRuntimeExecutor: emissary in the workflow-controller-configmap (v3.1+)")
        }
        do {
            let (json, source) = try TemplateLoader.text(runtime.config)
            templateJSON = json
            templateSource = source
            template = try TemplateLoader.decode(json, source: source)
        } catch {
            throw StartupPanic(error)
        }
        var client: KubeClient?
        var failure: ExecError?
        if needsKube {
            do {
                client = KubeClient(try KubeContext.config(global.kube, executor: runtime.config))
            } catch {
                failure = error
            }
        }
        kube = client
        kubeError = failure
    }

    var namespace: String { runtime.config.podNamespace ?? kube?.config.namespace ?? "default" }

    /// The task-result reporter of this pod's node (nil without an API client); retries give up once the
    /// deadline and the grace period have passed. Built once per command.
    lazy var reporter: OutputReporter? = {
        guard let kube else { return nil }
        let config = runtime.config
        let target = ReportTarget(namespace: namespace, podName: config.podName ?? "", nodeID: config.nodeID ?? config.podName ?? "",
                                  workflowName: config.workflowName ?? "", workflowUID: config.workflowUID, instanceID: config.instanceID)
        return OutputReporter(client: kube, target: target, mode: reportMode,
                              giveUpAt: config.deadline.map { $0.adding(config.terminationGracePeriod) }, logger: runtime.logger)
    }()

    /// Built once per command: its driver cache is what makes many artifacts of one location share a driver.
    lazy var storeContext: StoreContext = {
        let secrets = PodSecrets(files: SecretFiles(directory: runtime.config.paths.secrets), api: kube, namespace: namespace)
        return StoreContext(config: runtime.config, secrets: secrets, logger: runtime.logger)
    }()
}

extension StoreContext {
    /// What every command builds its stores with (pods and the debugging tools alike): the executor's
    /// retry backoff, S3/OSS tuning, the cloud SDK environments and the volume repository's mount root.
    init(config: ExecutorConfig, secrets: any SecretResolver, logger: Logger) {
        var retry = config.executorRetry
        retry.logger = logger  // every driver retry at debug level, with its bucket and key
        self.init(secrets: secrets, aws: AWSEnvironment(environment: CommandRuntime.environment),
                  s3PartSizeMiB: config.s3UploadPartSizeMiB, s3Concurrency: config.s3UploadThreads, retry: retry)
        volumeMountRoot = config.paths.resolve("/argo/repo")
        alibaba = AlibabaEnvironment(environment: CommandRuntime.environment)
        gcs = GCSEnvironment(environment: CommandRuntime.environment)
        azure = AzureEnvironment(environment: CommandRuntime.environment)
        trace = config.trace
        git = GitSettings(knownHostsFiles: config.sshKnownHostsFiles, caFile: config.trustedCAFile ?? GitSettings.defaultCAFile,
                          caDirectory: config.trustedCADirectory)
    }
}
