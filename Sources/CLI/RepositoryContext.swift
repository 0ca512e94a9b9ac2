import Core
import Drivers
import Model
import Signing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the repository-backed debugging commands share: the repository file (one value of the
/// `artifact-repositories` ConfigMap, JSON form), secrets from `--secrets-dir`, and the driver for it.
struct RepositoryContext {
    let driver: S3Driver

    init(options: ArtifactCommand.RepositoryOptions, config: ExecutorConfig) throws(ExecError) {
        let repository = try Self.load(options.repo)
        guard let s3 = repository.s3 else {
            throw ExecError(.notImplemented, "\(options.repo): only s3 repositories are supported by these commands so far")
        }
        let env = CommandRuntime.environment
        var ambient: AWSCredentials?
        if s3.location.useSDKCreds == true, let id = env["AWS_ACCESS_KEY_ID"], let secret = env["AWS_SECRET_ACCESS_KEY"] {
            ambient = AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: env["AWS_SESSION_TOKEN"])
        }
        driver = try S3Driver(location: s3.location, secrets: SecretFiles(directory: options.secretsDir), ambient: ambient,
                              partSizeMiB: config.s3UploadPartSizeMiB, concurrency: config.s3UploadThreads)
    }

    /// Reads the repository file; YAML is not read yet, and says so.
    static func load(_ path: String) throws(ExecError) -> ArtifactRepository {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ExecError(.notFound, "cannot read repository file \(path)", cause: SendableErrorText(error))
        }
        do {
            return try JSONDecoder().decode(ArtifactRepository.self, from: data)
        } catch {
            let looksJSON = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
            let hint = looksJSON ? "" : " (only the JSON form is read so far; convert YAML with `yq -o json`)"
            throw ExecError(.badRequest, "repository file \(path) is not a valid artifact repository\(hint)", cause: SendableErrorText(error))
        }
    }
}
