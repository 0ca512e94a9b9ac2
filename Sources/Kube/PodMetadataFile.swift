import Core

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The downward-API annotations file v3.0-v3.1 controllers mounted at `/argo/podmetadata/annotations`
/// (Argo's `workflow/executor/taskresult.go`): one `key="<escaped value>"` line per annotation. The value is a JSON string literal,
/// so decoding it gives the annotation text (for `workflows.argoproj.io/template`, the template JSON).
public enum PodMetadataFile {
    public static func annotations(_ text: String) throws(ExecError) -> [String: String] {
        var out: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let eq = line.firstIndex(of: "=") else {
                throw ExecError(.badRequest, "pod metadata line \(number + 1) is not key=\"value\"")
            }
            let key = String(line[..<eq])
            let literal = line[line.index(after: eq)...]
            do {
                out[key] = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
            } catch {
                throw ExecError(.badRequest, "pod metadata annotation \(key) is not a quoted string", cause: SendableErrorText(error))
            }
        }
        return out
    }

    /// The template annotation from the file at `path` (used when `ARGO_TEMPLATE` is absent).
    public static func template(at path: String) throws(ExecError) -> String {
        let text = String(decoding: try FileIO.readAll(path, limit: 16 << 20), as: UTF8.self)
        guard let template = try annotations(text)[Labels.templateAnnotation] else {
            throw ExecError(.notFound, "\(path) has no \(Labels.templateAnnotation) annotation")
        }
        return template
    }
}
