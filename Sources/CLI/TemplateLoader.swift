import Core
import Kube
import Model

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a pod command gets its template (Argo's `cmd/argoexec/executor/init.go`, `workflow/executor/taskresult.go`): `ARGO_TEMPLATE` when set (the
/// literal `offloaded` means `/argo/config/ARGO_TEMPLATE`); unset, `/var/run/argo/template` (v3.6+ wait
/// and main); and for v3.0-v3.1 controllers, which delivered it only as a pod annotation, the downward-API
/// file `/argo/podmetadata/annotations`.
enum TemplateLoader {
    /// The template JSON text and where it came from (for error messages).
    static func text(_ config: ExecutorConfig) throws(ExecError) -> (String, String) {
        switch config.template {
        case .environment(let json):
            return (json, "ARGO_TEMPLATE")
        case .offloaded:
            let path = config.paths.offloadedTemplate
            return (String(decoding: try FileIO.readAll(path, limit: 64 << 20), as: UTF8.self), path)
        case .file:
            let path = config.paths.template
            if try FileIO.lstatIfExists(path) != nil {
                // Main can write /var/run/argo too: the template is read without following a link.
                let bytes = try FileIO.readAll(PathRules.base(path), beneath: PathRules.dir(path), limit: 64 << 20)
                return (String(decoding: bytes, as: UTF8.self), path)
            }
            let legacy = config.paths.podMetadataAnnotations
            guard try FileIO.lstatIfExists(legacy) != nil else {
                throw ExecError(.notFound, "no template: ARGO_TEMPLATE is not set and neither \(path) nor \(legacy) exists")
            }
            return (try PodMetadataFile.template(at: legacy), legacy + " (" + Labels.templateAnnotation + ")")
        }
    }

    static func load(_ config: ExecutorConfig) throws(ExecError) -> Template {
        let (json, source) = try text(config)
        return try decode(json, source: source)
    }

    static func decode(_ json: String, source: String) throws(ExecError) -> Template {
        do {
            return try JSONDecoder().decode(Template.self, from: Data(json.utf8))
        } catch {
            throw ExecError(.badRequest, "template from \(source) is not a valid template", cause: SendableErrorText(error))
        }
    }
}
