import LeanCLI
import Drivers

extension GCSEnvironment {
    /// The variables Google's libraries read under Argo's GCS driver, read here once (docs/conventions.md
    /// rule 5): `STORAGE_EMULATOR_HOST`, `GOOGLE_APPLICATION_CREDENTIALS`, gcloud's well-known ADC file
    /// under `HOME`, `GCE_METADATA_HOST`, plus our `ARGOEXEC_GCS_ENDPOINT`. A malformed endpoint is kept as
    /// `invalidSetting` and reported by the GCS driver, so artifacts elsewhere are still collected.
    init(environment env: [String: String]) {
        self.init()
        let r = EnvironmentReader(env)
        emulatorHost = r.string("STORAGE_EMULATOR_HOST")
        endpoint = r.string("ARGOEXEC_GCS_ENDPOINT")
        applicationCredentials = r.string("GOOGLE_APPLICATION_CREDENTIALS")
        if let home = r.string("HOME") { wellKnownCredentials = home + "/.config/gcloud/application_default_credentials.json" }
        metadataHost = r.string("GCE_METADATA_HOST")
        do {
            _ = try service()
        } catch {
            invalidSetting = error.message
        }
    }
}
