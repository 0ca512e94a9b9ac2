import Core
import ModelBase

/// What the emissary reads before it starts the child: its template and `ARGO_CONTAINER_ARGS_FILE`.
public enum EmissaryInputs {
    /// The emissary's order (Argo's `cmd/argoexec/commands/emissary.go`): `/var/run/argo/template` first, then
    /// `ARGO_TEMPLATE` (the literal `offloaded` meaning `/argo/config/ARGO_TEMPLATE`); read as an
    /// `EmissaryTemplate` (no Codable on the emissary's start-up path).
    public static func template(_ config: ExecutorConfig) throws(ExecError) -> EmissaryTemplate {
        let file = config.paths.template
        let json: [UInt8], origin: String
        if (try? FileIO.lstatIfExists(file)) != nil {
            (json, origin) = (try FileIO.readAll(file, limit: 64 << 20), file)
        } else {
            switch config.template {
            case .file:
                throw ExecError(.notFound, "failed to read template: neither \(file) nor ARGO_TEMPLATE is available")
            case .environment(let text):
                (json, origin) = (Array(text.utf8), "ARGO_TEMPLATE")
            case .offloaded:
                let path = config.paths.offloadedTemplate
                (json, origin) = (try FileIO.readAll(path, limit: 64 << 20), path)
            }
        }
        do {
            return try EmissaryTemplate(json: json)
        } catch {
            throw ExecError(.badRequest, "template from \(origin) is not a valid template: \(error.message)")
        }
    }

    /// `ARGO_CONTAINER_ARGS_FILE`: a JSON array of strings appended to the command's arguments.
    public static func containerArguments(_ path: String?) throws(ExecError) -> [String] {
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
