import Core
import ModelBase

/// The Google settings the CLI read from the process environment (nothing below the CLI reads it), as
/// Google's Go libraries honour them under Argo's GCS driver (`workflow/artifacts/gcs/gcs.go`):
/// - `STORAGE_EMULATOR_HOST` (`host:port` or a URL): every request goes there, anonymously
///   (cloud.google.com/go/storage `http_client.go` adds `option.WithoutAuthentication`);
/// - `GOOGLE_APPLICATION_CREDENTIALS`: the Application Default Credentials file (service_account or
///   authorized_user), else gcloud's `$HOME/.config/gcloud/application_default_credentials.json`;
/// - `GCE_METADATA_HOST`: the metadata server (default `169.254.169.254`) that answers tokens on GCE and
///   with GKE Workload Identity;
/// - `ARGOEXEC_GCS_ENDPOINT` (ours): another API root with authentication kept (Private Service Connect,
///   a proxy), like the Go client's `option.WithEndpoint`; default `https://storage.googleapis.com`.
public struct GCSEnvironment: Sendable {
    public var emulatorHost: String?
    public var endpoint: String?
    public var applicationCredentials: String?
    /// gcloud's well-known ADC file, from `$HOME`; used only if it exists.
    public var wellKnownCredentials: String?
    public var metadataHost: String?
    /// A malformed setting, reported when a GCS location is used (artifacts elsewhere still work).
    public var invalidSetting: String?

    public init() {}

    public static let defaultEndpoint = "https://storage.googleapis.com"
    public static let defaultMetadataHost = "169.254.169.254"

    /// The API root requests go to (`scheme://host[:port][/path]`, no trailing slash) and whether they
    /// are anonymous (an emulator).
    public func service() throws(ExecError) -> (root: String, anonymous: Bool) {
        if let invalidSetting { throw ExecError(.invalidConfig, invalidSetting) }
        if let host = emulatorHost, !host.isEmpty {
            // Google's client: a value without "://" is a host, spoken to over plain http.
            return (try Self.root(host.contains(text: "://") ? host : "http://" + host, variable: "STORAGE_EMULATOR_HOST"), true)
        }
        return (try Self.root(endpoint ?? Self.defaultEndpoint, variable: "ARGOEXEC_GCS_ENDPOINT"), false)
    }

    /// `url` checked to be http(s) with a host, trailing slashes dropped.
    static func root(_ url: String, variable: String) throws(ExecError) -> String {
        var text = Substring(url)
        while text.hasSuffix("/") { text = text.dropLast() }
        guard let colon = text.firstRange(ofText: "://") else {
            throw ExecError(.invalidConfig, "\(variable) \(url) is not an http(s) URL")
        }
        let scheme = text[..<colon.lowerBound].lowercased()
        let host = text[colon.upperBound...].prefix { $0 != "/" }
        guard scheme == "http" || scheme == "https", !host.isEmpty, !host.contains("@") else {
            throw ExecError(.invalidConfig, "\(variable) \(url) is not an http(s)://host[:port] URL")
        }
        return scheme + "://" + text[colon.upperBound...]
    }
}

extension GCSEnvironment {
    /// Application Default Credentials in golang.org/x/oauth2 `google.FindDefaultCredentials`'s order: the
    /// `GOOGLE_APPLICATION_CREDENTIALS` file (an error if unreadable), gcloud's well-known file if it exists,
    /// else the metadata server (GCE, GKE Workload Identity). Go first probes whether it runs on GCE; here
    /// the metadata server is simply asked for a token when one is needed, and an unreachable one is an
    /// error that says which credentials were looked for.
    public func applicationDefaultCredentials() throws(ExecError) -> GCSCredentialProvider {
        if let path = applicationCredentials, !path.isEmpty {
            let json: [UInt8]
            do {
                json = try FileIO.readAll(path, limit: 1 << 20)
            } catch {
                throw ExecError(.badRequest, "google: error getting credentials using GOOGLE_APPLICATION_CREDENTIALS environment variable",
                                cause: error, context: ["path": path])
            }
            return try GCSCredentialProvider.applicationDefault(json, path: "GOOGLE_APPLICATION_CREDENTIALS \(path)")
        }
        if let path = wellKnownCredentials, !path.isEmpty, let json = try? FileIO.readAll(path, limit: 1 << 20) {
            return try GCSCredentialProvider.applicationDefault(json, path: "well-known file \(path)")
        }
        return GCSCredentialProvider(.metadata(host: metadataHost ?? Self.defaultMetadataHost, scopes: GCSCredentialProvider.defaultScopes))
    }
}
