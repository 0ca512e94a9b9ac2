import Core
import Drivers
import Kube
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
    let kube: KubeClient?
    let kubeError: ExecError?

    /// `executor.Init` (Argo's `cmd/argoexec/executor/init.go`): `ARGO_POD_NAME` is required (fatal exit 1 without it).
    init(_ global: GlobalOptions, label: String, needsKube: Bool) throws {
        runtime = try CommandRuntime.make(global, label: label)
        guard let pod = runtime.config.podName, !pod.isEmpty else { throw FatalError("ARGO_POD_NAME environment variable is required") }
        let (json, source) = try TemplateLoader.text(runtime.config)
        templateJSON = json
        template = try TemplateLoader.decode(json, source: source)
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

    var storeContext: StoreContext {
        let config = runtime.config
        let secrets = PodSecrets(files: SecretFiles(directory: config.paths.secrets), api: kube, namespace: namespace)
        var context = StoreContext(secrets: secrets, aws: AWSEnvironment(environment: CommandRuntime.environment),
                                   s3PartSizeMiB: config.s3UploadPartSizeMiB, s3Concurrency: config.s3UploadThreads, retry: config.executorRetry)
        context.volumeMountRoot = config.paths.resolve("/argo/repo")
        context.alibaba = AlibabaEnvironment(environment: CommandRuntime.environment)
        context.trace = config.trace
        return context
    }
}

extension TemplateLoader {
    /// The emissary's order (Argo's `cmd/argoexec/commands/emissary.go`): `/var/run/argo/template` first, then `ARGO_TEMPLATE`;
    /// read as an `EmissaryTemplate` (no Codable on the emissary's start-up path).
    static func forEmissary(_ config: ExecutorConfig) throws(ExecError) -> EmissaryTemplate {
        let file = config.paths.template
        let json: [UInt8], origin: String
        if (try? FileIO.lstatIfExists(file)) != nil {
            (json, origin) = (try FileIO.readAll(file, limit: 64 << 20), file)
        } else if case .file = config.template {
            throw ExecError(.notFound, "failed to read template: neither \(file) nor ARGO_TEMPLATE is available")
        } else {
            let (text, source) = try text(config)
            (json, origin) = (Array(text.utf8), source)
        }
        do {
            return try EmissaryTemplate(json: json)
        } catch {
            throw ExecError(.badRequest, "template from \(origin) is not a valid template: \(error.message)")
        }
    }

    /// `ARGO_CONTAINER_ARGS_FILE`: a JSON array of strings appended to the command's arguments.
    static func containerArguments(_ path: String?) throws(ExecError) -> [String] {
        guard let path, !path.isEmpty else { return [] }
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readAll(path, limit: 256 << 20)
        } catch {
            throw ExecError(error.code, "failed to read container args file \(path): \(error.message)")
        }
        do {
            return try JSONFields.strings(JSONParser.parse(bytes), "container args")
        } catch {
            throw ExecError(.badRequest, "failed to unmarshal container args: \(error.message)")
        }
    }
}
